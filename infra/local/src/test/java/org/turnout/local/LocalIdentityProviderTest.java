package org.turnout.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.VerificationJwkSelector;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.turnout.local.LocalIdentityProvider.Role;
import org.turnout.local.LocalIdentityProvider.TokenUse;

class LocalIdentityProviderTest {

    // RSA key generation takes a while: one provider serves the tests that need just any key
    private static final LocalIdentityProvider provider = LocalIdentityProvider.withNewKey(LocalIdentityProvider.DEFAULT_ISSUER);

    @Test
    void idTokensAreShapedAsCognitosWithTheOrganisationAndRoleInAGroup() throws Exception {
        String token = provider.issue("ada@example.org", Role.STAFF, "paris-12", Duration.ofHours(1));

        JwtClaims claims = consumer(publicKey(provider.publicKeyPem())).processToClaims(token);

        assertThat(claims.getIssuer()).isEqualTo("https://turnout.local/");
        assertThat(claims.getSubject()).isEqualTo("ada@example.org");
        assertThat(claims.getAudience()).containsExactly("turnout");
        assertThat(claims.getClaimValueAsString("token_use")).isEqualTo("id");
        assertThat(claims.getClaimValueAsString("cognito:username")).isEqualTo("ada@example.org");
        assertThat(claims.getStringListClaimValue("cognito:groups")).containsExactly("org:paris-12:staff");
        assertThat(claims.getJwtId()).isNotBlank();
        assertThat(claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue()).isEqualTo(3600);
    }

    @Test
    void accessTokensCarryTheClientIdInsteadOfAnAudience() throws Exception {
        String token = provider.issue(TokenUse.ACCESS, "ada@example.org", Role.VOLUNTEER, "paris-12", Duration.ofHours(1));

        JwtClaims claims = new JwtConsumerBuilder().setRequireExpirationTime().setExpectedIssuer(LocalIdentityProvider.DEFAULT_ISSUER)
                .setSkipDefaultAudienceValidation().setVerificationKey(publicKey(provider.publicKeyPem())).build()
                .processToClaims(token);

        assertThat(claims.hasAudience()).isFalse();
        assertThat(claims.getClaimValueAsString("client_id")).isEqualTo("turnout");
        assertThat(claims.getClaimValueAsString("token_use")).isEqualTo("access");
        assertThat(claims.getClaimValueAsString("username")).isEqualTo("ada@example.org");
        assertThat(claims.getStringListClaimValue("cognito:groups")).containsExactly("org:paris-12:volunteer");
    }

    @Test
    void operatorTokensHaveNoOrganisation() throws Exception {
        String token = provider.issue("ops@example.org", Role.OPERATOR, null, Duration.ofMinutes(5));

        JwtClaims claims = consumer(publicKey(provider.publicKeyPem())).processToClaims(token);

        assertThat(claims.getStringListClaimValue("cognito:groups")).containsExactly("operator");
    }

    @Test
    void servesItsDiscoveryDocumentAndJwksAtTheIssuersUrl() throws Exception {
        try (LocalIdentityProvider served = LocalIdentityProvider.serve(null, 0)) {
            HttpClient http = HttpClient.newHttpClient();
            assertThat(served.issuer()).matches("http://127\\.0\\.0\\.1:\\d+/local_turnout");
            assertThat(served.discoveryUri().toString()).isEqualTo(served.issuer() + "/.well-known/openid-configuration");

            HttpResponse<String> discovery = http.send(HttpRequest.newBuilder(served.discoveryUri()).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(discovery.statusCode()).isEqualTo(200);
            JsonNode document = new ObjectMapper().readTree(discovery.body());
            assertThat(document.path("issuer").asText()).isEqualTo(served.issuer());

            HttpResponse<String> jwks = http.send(HttpRequest.newBuilder(URI.create(document.path("jwks_uri").asText())).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(jwks.statusCode()).isEqualTo(200);
            String token = served.issue("ada@example.org", Role.OWNER, "paris-12", Duration.ofMinutes(5));
            JsonWebSignature jws = new JsonWebSignature();
            jws.setCompactSerialization(token);
            PublicKey key = (PublicKey) new VerificationJwkSelector().select(jws, new JsonWebKeySet(jwks.body()).getJsonWebKeys()).getKey();
            assertThat(new JwtConsumerBuilder().setExpectedIssuer(served.issuer()).setExpectedAudience("turnout")
                    .setVerificationKey(key).build().processToClaims(token).getStringListClaimValue("cognito:groups"))
                    .containsExactly("org:paris-12:owner");

            HttpResponse<String> elsewhere = http.send(HttpRequest.newBuilder(URI.create(served.issuer() + "/.well-known/other"))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(elsewhere.statusCode()).isEqualTo(404);
        }
    }

    @Test
    void theJwksVerifiesTokensByKeyId() throws Exception {
        String token = provider.issue("ada@example.org", Role.STAFF, "paris-12", Duration.ofHours(1));
        JsonWebSignature jws = new JsonWebSignature();
        jws.setCompactSerialization(token);

        JsonWebKeySet jwks = new JsonWebKeySet(provider.jwks());
        PublicKey key = (PublicKey) new VerificationJwkSelector().select(jws, jwks.getJsonWebKeys()).getKey();

        assertThat(jws.getAlgorithmHeaderValue()).isEqualTo("RS256");
        assertThat(provider.jwks()).doesNotContain("\"d\"");
        assertThat(consumer(key).processToClaims(token).getSubject()).isEqualTo("ada@example.org");
    }

    @Test
    void anotherKeyDoesNotVerify() throws Exception {
        String token = provider.issue("ada@example.org", Role.STAFF, "paris-12", Duration.ofHours(1));
        LocalIdentityProvider other = LocalIdentityProvider.withNewKey(LocalIdentityProvider.DEFAULT_ISSUER);

        assertThatThrownBy(() -> consumer(publicKey(other.publicKeyPem())).processToClaims(token))
                .isInstanceOf(InvalidJwtException.class);
    }

    @Test
    void keepsItsKeyInADirectoryAcrossRestarts(@TempDir Path directory) throws Exception {
        LocalIdentityProvider first = LocalIdentityProvider.withKeyIn(directory, LocalIdentityProvider.DEFAULT_ISSUER);
        String token = first.issue("ada@example.org", Role.STAFF, "paris-12", Duration.ofHours(1));

        LocalIdentityProvider restarted = LocalIdentityProvider.withKeyIn(directory, LocalIdentityProvider.DEFAULT_ISSUER);

        assertThat(restarted.publicKeyPem()).isEqualTo(first.publicKeyPem());
        assertThat(restarted.jwks()).isEqualTo(first.jwks());
        assertThat(consumer(publicKey(restarted.publicKeyPem())).processToClaims(token).getSubject())
                .isEqualTo("ada@example.org");
        try (var files = Files.list(directory)) {
            assertThat(files).singleElement().satisfies(file ->
                    assertThat(Files.getPosixFilePermissions(file)).hasSize(2));
        }
    }

    @Test
    void refusesTokensThatMixUpRoleAndOrganisation() {
        for (Role role : List.of(Role.OWNER, Role.STAFF, Role.VOLUNTEER)) {
            assertThatThrownBy(() -> provider.issue("ada@example.org", role, null, Duration.ofHours(1)))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> provider.issue("ops@example.org", Role.OPERATOR, "paris-12", Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static JwtConsumer consumer(PublicKey key) {
        return new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setRequireSubject()
                .setExpectedIssuer(LocalIdentityProvider.DEFAULT_ISSUER)
                .setExpectedAudience(LocalIdentityProvider.AUDIENCE)
                .setVerificationKey(key)
                .build();
    }

    private static PublicKey publicKey(String pem) throws Exception {
        String base64 = pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePublic(
                new X509EncodedKeySpec(Base64.getDecoder().decode(base64.getBytes(StandardCharsets.US_ASCII))));
    }
}
