package org.turnout.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import javax.crypto.spec.SecretKeySpec;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.Test;
import org.turnout.secrets.LinkSigningKeys;
import org.turnout.secrets.SecretStore;

class LinkSignerTest {
    private static final String OLD = keys("k0", "fedcba9876543210fedcba9876543210");
    private static final String NEW = keys("k1", "0123456789abcdef0123456789abcdef");
    private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");
    private final LinkClaims claims = new LinkClaims(LinkClaims.CONFIRM, "demo", "c0ffee", null);

    private static LinkSigner signer(String keys, Instant at) {
        Clock clock = Clock.fixed(at, ZoneOffset.UTC);
        return new LinkSigner(new SecretStore(id -> keys, clock), Optional.of("link-keys"), clock);
    }

    private static String keys(String kid, String secret) {
        return "{\"kid\":\"" + kid + "\",\"secret\":\"" + secret + "\"}";
    }

    @Test
    void aSignedLinkVerifiesWithItsClaims() {
        LinkSigner signer = signer(NEW, NOW);
        LinkVerification result = signer.verify(signer.sign(claims, Duration.ofDays(7)), LinkClaims.CONFIRM);
        assertThat(result).isEqualTo(new LinkVerification.Valid(claims));
    }

    @Test
    void aLinkIsTheTokenTheJoseLibraryWritesForTheSameClaims() throws Exception {
        LinkClaims unsubscribe = new LinkClaims(LinkClaims.UNSUBSCRIBE, "demo", "c0ffee", "m42");
        for (LinkClaims link : List.of(claims, unsubscribe)) {
            assertThat(signer(NEW, NOW).sign(link, Duration.ofDays(7)))
                    .isEqualTo(signedByTheJoseLibrary(link, NOW.plus(Duration.ofDays(7)), "k1", "0123456789abcdef0123456789abcdef"));
        }
    }

    @Test
    void linksSignedByTheJoseLibraryBeforeKeepVerifying() throws Exception {
        LinkClaims unsubscribe = new LinkClaims(LinkClaims.UNSUBSCRIBE, "demo", "c0ffee", "m42");
        String sentBefore = signedByTheJoseLibrary(unsubscribe, NOW.plus(Duration.ofDays(365)), "k1", "0123456789abcdef0123456789abcdef");
        assertThat(signer(NEW, NOW.plus(Duration.ofDays(30))).verify(sentBefore, LinkClaims.UNSUBSCRIBE))
                .isEqualTo(new LinkVerification.Valid(unsubscribe));
    }

    @Test
    void claimsThatJsonMustEscapeComeBackAsTheyWere() {
        LinkClaims odd = new LinkClaims(LinkClaims.UNSUBSCRIBE, "org/\"quoted\"", "a\\b\u0001\u00e9\u2028", "m/1");
        LinkSigner signer = signer(NEW, NOW);
        assertThat(signer.verify(signer.sign(odd, Duration.ofDays(7)), LinkClaims.UNSUBSCRIBE)).isEqualTo(new LinkVerification.Valid(odd));
    }

    @Test
    void threadsSigningAtOnceEachGetTheirOwnValidSignatures() throws Exception {
        LinkSigner signer = signer(NEW, NOW);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<String>>> batches = new ArrayList<>();
            for (int thread = 0; thread < 4; thread++) {
                int first = thread * 500;
                batches.add(pool.submit(() -> IntStream.range(first, first + 500)
                        .mapToObj(i -> signer.sign(new LinkClaims(LinkClaims.UNSUBSCRIBE, "demo", "c" + i, "m1"), Duration.ofDays(7)))
                        .toList()));
            }
            for (int thread = 0; thread < 4; thread++) {
                List<String> tokens = batches.get(thread).get();
                for (int i = 0; i < tokens.size(); i++) {
                    assertThat(signer.verify(tokens.get(i), LinkClaims.UNSUBSCRIBE))
                            .isEqualTo(new LinkVerification.Valid(new LinkClaims(LinkClaims.UNSUBSCRIBE, "demo", "c" + (thread * 500 + i), "m1")));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** A link as the JOSE library signed it before links were signed by hand. */
    private static String signedByTheJoseLibrary(LinkClaims link, Instant expires, String kid, String secret) throws Exception {
        JwtClaims jwt = new JwtClaims();
        jwt.setClaim("p", link.purpose());
        jwt.setClaim("o", link.orgId());
        jwt.setClaim("c", link.contactId());
        if (link.mailingId() != null) {
            jwt.setClaim("m", link.mailingId());
        }
        jwt.setExpirationTime(NumericDate.fromMilliseconds(expires.toEpochMilli()));
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(jwt.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        jws.setKeyIdHeaderValue(kid);
        jws.setKey(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return jws.getCompactSerialization();
    }

    @Test
    void aLinkForOnePurposeOpensNoOther() {
        LinkSigner signer = signer(NEW, NOW);
        assertThat(signer.verify(signer.sign(claims, Duration.ofDays(7)), LinkClaims.UNSUBSCRIBE))
                .isInstanceOf(LinkVerification.Invalid.class);
    }

    @Test
    void anExpiredLinkIsToldApartFromAForgedOne() {
        String token = signer(NEW, NOW).sign(claims, Duration.ofDays(7));
        assertThat(signer(NEW, NOW.plus(Duration.ofDays(8))).verify(token, LinkClaims.CONFIRM))
                .isInstanceOf(LinkVerification.Expired.class);
    }

    @Test
    void alteredOrForeignlySignedLinksAreInvalid() {
        String token = signer(NEW, NOW).sign(claims, Duration.ofDays(7));
        String[] parts = token.split("\\.");
        String alteredPayload = parts[0] + "." + parts[1].substring(0, parts[1].length() - 2) + "AA." + parts[2];
        LinkSigner signer = signer(NEW, NOW);
        assertThat(signer.verify(alteredPayload, LinkClaims.CONFIRM)).isInstanceOf(LinkVerification.Invalid.class);
        assertThat(signer.verify(parts[0] + "." + parts[1] + ".", LinkClaims.CONFIRM)).isInstanceOf(LinkVerification.Invalid.class);
        assertThat(signer.verify("garbage", LinkClaims.CONFIRM)).isInstanceOf(LinkVerification.Invalid.class);
        String otherKeySameId = signer(keys("k1", "another-secret-that-is-long-enough-000"), NOW).sign(claims, Duration.ofDays(7));
        assertThat(signer.verify(otherKeySameId, LinkClaims.CONFIRM)).isInstanceOf(LinkVerification.Invalid.class);
        // a forged token is never reported as merely expired, even long after its claimed expiry
        assertThat(signer(NEW, NOW.plus(Duration.ofDays(30))).verify(otherKeySameId, LinkClaims.CONFIRM))
                .isInstanceOf(LinkVerification.Invalid.class);
    }

    @Test
    void rotatedKeysKeepVerifyingOldLinksWhileNewOnesUseTheCurrentKey() {
        String oldLink = signer(OLD, NOW).sign(claims, Duration.ofDays(7));
        LinkSigner rotated = signer(LinkSigningKeys.parse(OLD).rotatedTo("k1", "0123456789abcdef0123456789abcdef", NOW, Duration.ofDays(365)).toJson(), NOW);
        assertThat(rotated.verify(oldLink, LinkClaims.CONFIRM)).isInstanceOf(LinkVerification.Valid.class);
        String newLink = rotated.sign(claims, Duration.ofDays(7));
        assertThat(signer(NEW, NOW).verify(newLink, LinkClaims.CONFIRM)).isInstanceOf(LinkVerification.Valid.class);
        assertThat(signer(OLD, NOW).verify(newLink, LinkClaims.CONFIRM)).isInstanceOf(LinkVerification.Invalid.class);
    }

    @Test
    void shortOrMalformedKeysAreRefusedWithoutQuotingThem() {
        assertThatThrownBy(() -> signer(keys("k1", "short-secret"), NOW).sign(claims, Duration.ofDays(7)))
                .hasMessageContaining("at least 32 bytes").hasMessageNotContaining("short-secret");
        assertThatThrownBy(() -> signer("k1:no-json-0123456789abcdef0123456789", NOW).sign(claims, Duration.ofDays(7)))
                .hasMessageContaining("not JSON").hasMessageNotContaining("0123456789abcdef");
    }

    @Test
    void aFunctionWithoutTheSecretSaysWhichSettingItLacks() {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        assertThatThrownBy(() -> new LinkSigner(new SecretStore(id -> NEW, clock), Optional.empty(), clock))
                .hasMessageContaining("turnout.link-signing-keys-secret");
    }
}
