package org.turnout.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.turnout.local.LocalIdentityProvider;

/** Against the local identity provider's HTTP server, which publishes its discovery document as Cognito does. */
class OidcDiscoveryTest {
    private static LocalIdentityProvider issuer;
    private final OidcDiscovery discovery = new OidcDiscovery(HttpClient.newHttpClient());

    @BeforeAll
    static void serve() {
        issuer = LocalIdentityProvider.serve(null, 0);
    }

    @AfterAll
    static void stop() {
        issuer.close();
    }

    @Test
    void findsTheJwksThatTheIssuersDocumentNames() {
        assertThat(discovery.jwksUri(issuer.issuer())).isEqualTo(issuer.issuer() + "/.well-known/jwks.json");
        assertThat(OidcDiscovery.configurationUri(issuer.issuer() + "/")).isEqualTo(issuer.discoveryUri());
    }

    @Test
    void refusesADocumentOfAnotherIssuerOrNone() {
        // the document at {issuer}/.well-known/ must name that issuer: a trailing slash makes another one
        assertThatThrownBy(() -> discovery.jwksUri(issuer.issuer() + "/")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("describes issuer");
        String elsewhere = issuer.issuer().replace("/local_turnout", "/another_pool");
        assertThatThrownBy(() -> discovery.jwksUri(elsewhere)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("answered 404");
    }
}
