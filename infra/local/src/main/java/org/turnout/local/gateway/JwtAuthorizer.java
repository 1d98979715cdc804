package org.turnout.local.gateway;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.jose4j.lang.JoseException;

import org.turnout.local.CloudFormationTemplate;
import org.turnout.local.CloudFormationTemplate.Resource;
import org.turnout.local.Provisioned;

/**
 * An HTTP API's JWT authorizer, as API Gateway runs it: the token from the identity source header (with or
 * without "Bearer "), signed by a key of the issuer's JWKS, with the configured issuer, one of the audiences,
 * and an expiry in the future. Locally the JWKS is given (the local identity provider's) instead of fetched
 * from {@code {issuer}/.well-known/jwks.json}.
 */
public final class JwtAuthorizer {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BEARER = "bearer ";

    private final String identityHeader;
    private final JwtConsumer consumer;

    /** @param identitySource API Gateway's form, {@code $request.header.Authorization} */
    public JwtAuthorizer(String identitySource, String issuer, List<String> audiences, String jwksJson) {
        String headerSource = "$request.header.";
        if (!identitySource.startsWith(headerSource)) {
            throw new IllegalArgumentException("Identity source " + identitySource + " is not a header: not emulated locally");
        }
        this.identityHeader = identitySource.substring(headerSource.length()).toLowerCase(Locale.ROOT);
        try {
            this.consumer = new JwtConsumerBuilder()
                    .setRequireExpirationTime()
                    .setAllowedClockSkewInSeconds(0)
                    .setExpectedIssuer(issuer)
                    .setExpectedAudience(audiences.toArray(String[]::new))
                    .setVerificationKeyResolver(new JwksVerificationKeyResolver(new JsonWebKeySet(jwksJson).getJsonWebKeys()))
                    .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                            AlgorithmIdentifiers.RSA_USING_SHA256, AlgorithmIdentifiers.RSA_USING_SHA384,
                            AlgorithmIdentifiers.RSA_USING_SHA512)
                    .build();
        } catch (JoseException e) {
            throw new IllegalArgumentException("Not a JSON Web Key Set: " + e.getMessage(), e);
        }
    }

    /**
     * The JWT authorizers of the template's HTTP APIs by name, their configuration resolved with
     * {@code parameterOverrides} (the issuer, typically), all verifying with the keys of {@code jwksJson}.
     */
    public static Map<String, JwtAuthorizer> fromTemplate(CloudFormationTemplate template, Provisioned provisioned,
                                                          Map<String, String> parameterOverrides, String jwksJson) {
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
                authorizers.put(name, new JwtAuthorizer(
                        String.valueOf(authorizer.getOrDefault("IdentitySource", "$request.header.Authorization")),
                        String.valueOf(configuration.get("issuer")),
                        audience instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of(String.valueOf(audience)),
                        jwksJson));
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
            Map<String, String> texts = new LinkedHashMap<>();
            claims.getClaimsMap().forEach((name, value) -> texts.put(name, text(value)));
            return Optional.of(texts);
        } catch (InvalidJwtException e) {
            return Optional.empty();
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
