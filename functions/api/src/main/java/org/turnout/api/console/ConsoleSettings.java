package org.turnout.api.console;

import io.smallrye.config.ConfigMapping;

/**
 * How the staff console signs its users in: it is a public client of the managed login (Cognito's in AWS, the
 * local identity provider locally), with the authorization code flow and PKCE (docs/console.md).
 */
@ConfigMapping(prefix = "turnout.console")
public interface ConsoleSettings {

    /** The managed login's base URL, under which {@code /oauth2/authorize}, {@code /oauth2/token} and {@code /logout} are. */
    String authUrl();

    /** The console's app client; its ID tokens carry it as {@code aud}, the audience the API's guard takes. */
    String clientId();

    /** The console's own base URL ({@code .../console}), to which the login sends the browser back. */
    String url();
}
