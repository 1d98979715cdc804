package org.turnout.api.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Whose admin tokens the API takes: template.yaml sets them from the identity provider's parameters. */
@ConfigMapping(prefix = "turnout.auth")
public interface AuthSettings {

    /** The tokens' {@code iss}; its keys are found through {@code {issuer}/.well-known/openid-configuration}. */
    String issuer();

    /** The audience: the {@code aud} of ID tokens, the {@code client_id} of Cognito access tokens (the app client id). */
    String audience();

    /** The claim that lists the groups, {@code org:<organisation>:<role>} and {@code operator}. */
    @WithDefault("cognito:groups")
    String groupsClaim();
}
