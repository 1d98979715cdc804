package org.turnout.api.security;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Set;

/**
 * How smallrye-jwt verifies admin tokens: with the keys the issuer publishes at the {@code jwks_uri}
 * of its discovery document (fetched, cached and refreshed on an unknown key id by smallrye-jwt).
 * Application scoped, so discovery happens at the first admin request, not at init: the public
 * routes' cold start does not wait for the identity provider, and a SnapStart snapshot holds no
 * connection.
 */
@ApplicationScoped
public class TokenVerification {

    @Produces
    @Alternative
    @Priority(1)
    @ApplicationScoped
    JWTAuthContextInfo verification(AuthSettings settings) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        JWTAuthContextInfo info = new JWTAuthContextInfo(new OidcDiscovery(http).jwksUri(settings.issuer()), settings.issuer());
        info.setSignatureAlgorithm(Set.of(SignatureAlgorithm.RS256));
        info.setGroupsPath(settings.groupsClaim());
        return info;
    }
}
