package org.turnout.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
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

    public String sign(LinkClaims link, Duration validFor) {
        JwtClaims claims = new JwtClaims();
        claims.setClaim("p", link.purpose());
        claims.setClaim("o", link.orgId());
        claims.setClaim("c", link.contactId());
        if (link.mailingId() != null) {
            claims.setClaim("m", link.mailingId());
        }
        claims.setExpirationTime(NumericDate.fromMilliseconds(clock.millis() + validFor.toMillis()));
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        LinkSigningKeys keys = keys(secrets.current(secretId));
        jws.setKeyIdHeaderValue(keys.currentKeyId());
        jws.setKey(keys.currentKey());
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("cannot sign link", e);
        }
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
        Parsed last = parsed;
        if (last == null || !last.secretValue().equals(secretValue)) {
            last = new Parsed(secretValue, LinkSigningKeys.parse(secretValue));
            parsed = last;
        }
        return last.keys();
    }

    private record Parsed(String secretValue, LinkSigningKeys keys) {
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
