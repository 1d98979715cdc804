package org.turnout.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.spec.SecretKeySpec;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.lang.JoseException;
import org.jose4j.lang.UnresolvableKeyException;
import org.turnout.secrets.LinkSigningKeys;
import org.turnout.secrets.SecretIds;
import org.turnout.secrets.SecretSettings;
import org.turnout.secrets.SecretStore;

/**
 * Signs and checks the links sent to contacts (confirm, unsubscribe) as compact HS256 JWTs, with the keys of the
 * link-signing keys' secret ({@link LinkSigningKeys}): the current one signs; the ones it replaced keep verifying
 * until their links have expired, so keys rotate without breaking sent mail. A link whose key id the cached keys
 * lack may come from a newer key (another function read the secret after a rotation): the secret is read again
 * before the link is refused.
 */
@ApplicationScoped
public class LinkSigner {
    private final SecretStore secrets;
    private final String secretId;
    private final Clock clock;
    /** The keys parsed from the value last read, parsed again only when the value changes. */
    private volatile Parsed parsed;

    @Inject
    public LinkSigner(SecretStore secrets, SecretSettings settings, Clock clock) {
        this(secrets, settings.linkSigningKeysSecret(), clock);
    }

    public LinkSigner(SecretStore secrets, Optional<String> secretId, Clock clock) {
        this.secrets = secrets;
        this.secretId = SecretIds.required(secretId, SecretIds.LINK_SIGNING_KEYS);
        this.clock = clock;
    }

    /**
     * The link's token: a compact HS256 JWT whose claims are {@code p} (purpose), {@code o}, {@code c}, {@code m} (if
     * any) and {@code exp} in seconds, in that order, as the JOSE library wrote them before the send path needed a
     * cheaper signature; {@link #verify} reads both alike.
     */
    public String sign(LinkClaims link, Duration validFor) {
        StringBuilder claims = new StringBuilder(160).append('{');
        claim(claims, "p", link.purpose());
        claim(claims.append(','), "o", link.orgId());
        claim(claims.append(','), "c", link.contactId());
        if (link.mailingId() != null) {
            claim(claims.append(','), "m", link.mailingId());
        }
        // a JWT's NumericDate: whole seconds, the milliseconds dropped
        claims.append(",\"exp\":").append((clock.millis() + validFor.toMillis()) / 1000).append('}');
        return parsed(secrets.current(secretId)).signer().sign(claims.toString());
    }

    private static void claim(StringBuilder claims, String name, String value) {
        Objects.requireNonNull(value, name);
        CompactJwsSigner.appendJsonString(CompactJwsSigner.appendJsonString(claims, name).append(':'), value);
    }

    public LinkVerification verify(String token, String expectedPurpose) {
        JwtConsumer consumer = new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setEvaluationTime(NumericDate.fromMilliseconds(clock.millis()))
                .setJwsAlgorithmConstraints(org.jose4j.jwa.AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.HMAC_SHA256)
                .setVerificationKeyResolver((jws, nested) -> keys(secrets.current(secretId)).key(jws.getKeyIdHeaderValue())
                        .or(() -> keys(secrets.refreshed(secretId)).key(jws.getKeyIdHeaderValue()))
                        .orElseThrow(() -> new UnresolvableKeyException("unknown key id")))
                .build();
        try {
            JwtClaims claims = consumer.processToClaims(token);
            LinkClaims link = new LinkClaims(claims.getStringClaimValue("p"), claims.getStringClaimValue("o"),
                    claims.getStringClaimValue("c"), claims.getStringClaimValue("m"));
            if (!expectedPurpose.equals(link.purpose()) || link.orgId() == null || link.contactId() == null) {
                return new LinkVerification.Invalid();
            }
            return new LinkVerification.Valid(link);
        } catch (InvalidJwtException e) {
            return e.hasExpired() && signatureChecked(e) ? new LinkVerification.Expired() : new LinkVerification.Invalid();
        } catch (org.jose4j.jwt.MalformedClaimException e) {
            return new LinkVerification.Invalid();
        }
    }

    /** Signs and verifies once with a throwaway key, so that the JOSE classes are loaded and initialised at init. */
    public static void prime() {
        byte[] throwaway = new byte[LinkSigningKeys.MIN_SECRET_BYTES];
        new SecureRandom().nextBytes(throwaway);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload("{}");
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        jws.setKey(new SecretKeySpec(throwaway, "HmacSHA256"));
        try {
            JsonWebSignature check = new JsonWebSignature();
            check.setCompactSerialization(jws.getCompactSerialization());
            check.setKey(jws.getKey());
            check.verifySignature();
        } catch (JoseException e) {
            throw new IllegalStateException("cannot sign with HS256", e);
        }
    }

    private LinkSigningKeys keys(String secretValue) {
        return parsed(secretValue).keys();
    }

    private Parsed parsed(String secretValue) {
        Parsed last = parsed;
        if (last == null || !last.secretValue().equals(secretValue)) {
            LinkSigningKeys keys = LinkSigningKeys.parse(secretValue);
            last = new Parsed(secretValue, keys, new CompactJwsSigner(keys.currentKeyId(), keys.currentKey()));
            parsed = last;
        }
        return last;
    }

    /** The keys of one value of the secret, and the signer of its current key. */
    private record Parsed(String secretValue, LinkSigningKeys keys, CompactJwsSigner signer) {
        @Override
        public String toString() {
            return "Parsed" + keys;
        }
    }

    /** An expired token is reported as such only if its signature was good: a forgery learns nothing. */
    private static boolean signatureChecked(InvalidJwtException e) {
        return e.getJwtContext() != null && e.getErrorDetails().stream().allMatch(d -> d.getErrorCode() == org.jose4j.jwt.consumer.ErrorCodes.EXPIRED);
    }
}
