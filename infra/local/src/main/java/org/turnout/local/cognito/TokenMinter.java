package org.turnout.local.cognito;

import java.time.Duration;

/** Signs the ID and access tokens of a signed-in user for an app client, as the user pool's issuer. */
public interface TokenMinter {

    String idToken(LocalUserPool.User user, String clientId, Duration ttl);

    String accessToken(LocalUserPool.User user, String clientId, Duration ttl);
}
