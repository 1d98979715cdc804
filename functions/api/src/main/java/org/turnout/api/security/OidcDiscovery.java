package org.turnout.api.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Finds an issuer's signing keys as API Gateway's JWT authorizer does: the JWKS named by
 * {@code jwks_uri} in {@code {issuer}/.well-known/openid-configuration}, whose {@code issuer} must be
 * the one configured (OpenID Connect Discovery 1.0, section 4.3).
 */
public record OidcDiscovery(HttpClient http) {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    public static URI configurationUri(String issuer) {
        String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        return URI.create(base + "/.well-known/openid-configuration");
    }

    /** The issuer's {@code jwks_uri}; fails if the document cannot be had or is another issuer's. */
    public String jwksUri(String issuer) {
        URI location = configurationUri(issuer);
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(location).timeout(TIMEOUT)
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(location + " answered " + response.statusCode());
            }
            JsonNode document = JSON.readTree(response.body());
            if (!issuer.equals(document.path("issuer").asText())) {
                throw new IllegalStateException(location + " describes issuer '" + document.path("issuer").asText()
                        + "', not " + issuer);
            }
            String jwksUri = document.path("jwks_uri").asText("");
            if (jwksUri.isEmpty()) {
                throw new IllegalStateException(location + " names no jwks_uri");
            }
            return jwksUri;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + location + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading " + location, e);
        }
    }
}
