package org.turnout.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;

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

class LocalIdentityProviderTest {

    // RSA key generation takes a while: one provider serves the tests that need just any key
    private static final LocalIdentityProvider provider = LocalIdentityProvider.withNewKey(LocalIdentityProvider.DEFAULT_ISSUER);

    @Test
    void staffTokensVerifyWithThePublicKeyAndCarryTheirOrganisation() throws Exception {
        String token = provider.issue("ada@example.org", Role.STAFF, "paris-12", Duration.ofHours(1));

        JwtClaims claims = consumer(publicKey(provider.publicKeyPem())).processToClaims(token);

        assertThat(claims.getIssuer()).isEqualTo("https://turnout.local/");
        assertThat(claims.getSubject()).isEqualTo("ada@example.org");
        assertThat(claims.getAudience()).containsExactly("turnout");
        assertThat(claims.getClaimValueAsString("upn")).isEqualTo("ada@example.org");
        assertThat(claims.getStringListClaimValue("groups")).containsExactly("staff");
        assertThat(claims.getClaimValueAsString("org")).isEqualTo("paris-12");
        assertThat(claims.getJwtId()).isNotBlank();
        assertThat(claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue()).isEqualTo(3600);
    }

    @Test
    void operatorTokensHaveNoOrganisation() throws Exception {
        String token = provider.issue("ops@example.org", Role.OPERATOR, null, Duration.ofMinutes(5));

        JwtClaims claims = consumer(publicKey(provider.publicKeyPem())).processToClaims(token);

        assertThat(claims.getStringListClaimValue("groups")).containsExactly("operator");
        assertThat(claims.hasClaim("org")).isFalse();
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
        assertThatThrownBy(() -> provider.issue("ada@example.org", Role.STAFF, null, Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class);
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
