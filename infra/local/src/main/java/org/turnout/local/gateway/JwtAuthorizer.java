package org.turnout.local.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.jose4j.keys.resolvers.VerificationKeyResolver;
import org.jose4j.lang.JoseException;

import org.turnout.local.CloudFormationTemplate;
import org.turnout.local.CloudFormationTemplate.Resource;
import org.turnout.local.Provisioned;

/**
 * An HTTP API's JWT authorizer, as API Gateway runs it: the token from the identity source header (with or
 * without "Bearer "), signed by a key of the JWKS that the issuer's OIDC discovery document names
 * ({@code {issuer}/.well-known/openid-configuration} -> {@code jwks_uri}), with the configured issuer, an expiry
 * in the future, and one of the audiences as its {@code aud}, or as its {@code client_id} if it has no {@code aud}
 * (a Cognito access token).
 */
public final class JwtAuthorizer {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BEARER = "bearer ";

    private final String identityHeader;
    private final List<String> audiences;
    private final JwtConsumer consumer;

    /** @param identitySource API Gateway's form, {@code $request.header.Authorization} */
    public JwtAuthorizer(String identitySource, String issuer, List<String> audiences, VerificationKeyResolver keys) {
        String headerSource = "$request.header.";
        if (!identitySource.startsWith(headerSource)) {
            throw new IllegalArgumentException("Identity source " + identitySource + " is not a header: not emulated locally");
        }
        this.identityHeader = identitySource.substring(headerSource.length()).toLowerCase(Locale.ROOT);
        this.audiences = List.copyOf(audiences);
        this.consumer = new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setAllowedClockSkewInSeconds(0)
                .setExpectedIssuer(issuer)
                // aud, or client_id without aud: checked in claims()
                .setSkipDefaultAudienceValidation()
                .setVerificationKeyResolver(keys)
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                        AlgorithmIdentifiers.RSA_USING_SHA256, AlgorithmIdentifiers.RSA_USING_SHA384,
                        AlgorithmIdentifiers.RSA_USING_SHA512)
                .build();
    }

    /** The keys of a JWKS document, as given. */
    public static VerificationKeyResolver keysOf(String jwksJson) {
        try {
            return new JwksVerificationKeyResolver(new JsonWebKeySet(jwksJson).getJsonWebKeys());
        } catch (JoseException e) {
            throw new IllegalArgumentException("Not a JSON Web Key Set: " + e.getMessage(), e);
        }
    }

    /**
     * The keys of {@code issuer} as API Gateway finds them: its discovery document's {@code jwks_uri}, fetched
     * and cached, fetched again for an unknown key id.
     */
    public static VerificationKeyResolver discoveredKeys(String issuer) {
        URI location = URI.create((issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer)
                + "/.well-known/openid-configuration");
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(location)
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            JsonNode document = response.statusCode() == 200 ? JSON.readTree(response.body()) : JSON.nullNode();
            if (!issuer.equals(document.path("issuer").asText()) || document.path("jwks_uri").asText("").isEmpty()) {
                throw new IllegalStateException("No discovery document of issuer " + issuer + " at " + location
                        + " (status " + response.statusCode() + ")");
            }
            return new HttpsJwksVerificationKeyResolver(new HttpsJwks(document.path("jwks_uri").asText()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + location + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading " + location, e);
        }
    }

    /**
     * The JWT authorizers of the template's HTTP APIs by name, their configuration resolved with
     * {@code parameterOverrides} (the issuer, typically), each verifying with the keys {@code keys} gives for its
     * issuer ({@link #discoveredKeys} as in AWS).
     */
    public static Map<String, JwtAuthorizer> fromTemplate(CloudFormationTemplate template, Provisioned provisioned,
                                                          Map<String, String> parameterOverrides,
                                                          Function<String, VerificationKeyResolver> keys) {
        Map<String, JwtAuthorizer> authorizers = new LinkedHashMap<>();
        for (Resource api : template.resourcesOfType("AWS::Serverless::HttpApi")) {
            Object auth = provisioned.resolvedProperties(api.logicalId(), parameterOverrides).get("Auth");
            Object configured = auth == null ? null : CloudFormationTemplate.mapOf(auth, "Auth").get("Authorizers");
            if (configured == null) {
                continue;
            }
            CloudFormationTemplate.mapOf(configured, "Auth.Authorizers").forEach((name, definition) -> {
                Map<String, Object> authorizer = CloudFormationTemplate.mapOf(definition, "Authorizer " + name);
                Object jwt = authorizer.get("JwtConfiguration");
                if (jwt == null) {
                    throw new IllegalArgumentException("Authorizer " + name + " is not a JWT authorizer: not emulated locally");
                }
                Map<String, Object> configuration = CloudFormationTemplate.mapOf(jwt, name + ".JwtConfiguration");
                Object audience = configuration.get("audience");
                String issuer = String.valueOf(configuration.get("issuer"));
                authorizers.put(name, new JwtAuthorizer(
                        String.valueOf(authorizer.getOrDefault("IdentitySource", "$request.header.Authorization")),
                        issuer,
                        audience instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of(String.valueOf(audience)),
                        keys.apply(issuer)));
            });
        }
        return authorizers;
    }

    /** The header that carries the token, in lower case. */
    public String identityHeader() {
        return identityHeader;
    }

    /**
     * The token's claims as API Gateway passes them on in {@code requestContext.authorizer.jwt.claims}: every
     * value as text, lists as {@code [a b]}. Empty if the token is missing or not valid.
     */
    public Optional<Map<String, String>> claims(String identity) {
        if (identity == null || identity.isBlank()) {
            return Optional.empty();
        }
        String token = identity.strip();
        if (token.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
            token = token.substring(BEARER.length()).strip();
        }
        try {
            JwtClaims claims = consumer.processToClaims(token);
            if (!forAnAudience(claims)) {
                return Optional.empty();
            }
            Map<String, String> texts = new LinkedHashMap<>();
            claims.getClaimsMap().forEach((name, value) -> texts.put(name, text(value)));
            return Optional.of(texts);
        } catch (InvalidJwtException e) {
            return Optional.empty();
        }
    }

    private boolean forAnAudience(JwtClaims claims) {
        try {
            if (claims.hasAudience()) {
                return claims.getAudience().stream().anyMatch(audiences::contains);
            }
            return audiences.contains(claims.getStringClaimValue("client_id"));
        } catch (MalformedClaimException e) {
            return false;
        }
    }

    private static String text(Object value) {
        if (value instanceof List<?> list) {
            return "[" + String.join(" ", list.stream().map(String::valueOf).toList()) + "]";
        }
        if (value instanceof Map<?, ?> map) {
            try {
                return JSON.writeValueAsString(map);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        return String.valueOf(value);
    }
}
