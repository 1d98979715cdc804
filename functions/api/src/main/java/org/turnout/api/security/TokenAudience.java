package org.turnout.api.security;

import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The audience rule of API Gateway's JWT authorizer, applied again by the function: a token with an
 * {@code aud} must list the audience; one without (a Cognito access token) must carry it as
 * {@code client_id}. Cognito marks its tokens with {@code token_use}: only ID and access tokens are
 * taken.
 */
final class TokenAudience {
    private static final Set<String> TOKEN_USES = Set.of("id", "access");

    private TokenAudience() {
    }

    static boolean accepts(JsonWebToken token, String audience) {
        Object use = token.getClaim("token_use");
        if (use != null && !TOKEN_USES.contains(String.valueOf(use))) {
            return false;
        }
        Set<String> aud = token.getAudience();
        if (aud != null && !aud.isEmpty()) {
            return aud.contains(audience);
        }
        return audience.equals(token.getClaim("client_id"));
    }
}
