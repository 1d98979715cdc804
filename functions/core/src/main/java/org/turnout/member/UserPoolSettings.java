package org.turnout.member;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/** The Cognito user pool of the staff ({@code TURNOUT_USER_POOL_ID}); unset when another identity provider signs the tokens. */
@ConfigMapping(prefix = "turnout.user-pool")
public interface UserPoolSettings {

    Optional<String> id();
}
