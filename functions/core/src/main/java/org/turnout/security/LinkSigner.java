package org.turnout.security;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.lang.JoseException;
import org.jose4j.lang.UnresolvableKeyException;

/**
 * Signs and checks the links sent to contacts (confirm, unsubscribe) as compact HS256 JWTs.
 * Keys come from configuration as {@code kid:secret} pairs, the current one first; older keys
 * keep verifying until their links have expired, so keys rotate without breaking sent mail.
 */
@ApplicationScoped
public class LinkSigner {
    private static final int MIN_SECRET_BYTES = 32;

    private final Map<String, Key> keys = new LinkedHashMap<>();
    private final String currentKeyId;
    private final Clock clock;

    public LinkSigner(@ConfigProperty(name = "turnout.link-signing-keys") String keyList, Clock clock) {
        this.clock = clock;
        for (String entry : keyList.split(",")) {
            int colon = entry.indexOf(':');
            String kid = colon > 0 ? entry.substring(0, colon).strip() : "";
            byte[] secret = colon > 0 ? entry.substring(colon + 1).strip().getBytes(StandardCharsets.UTF_8) : new byte[0];
            if (kid.isEmpty() || secret.length < MIN_SECRET_BYTES) {
                throw new IllegalArgumentException("turnout.link-signing-keys: each key must be 'kid:secret' with a secret of at least "
                        + MIN_SECRET_BYTES + " bytes");
            }
            keys.put(kid, new SecretKeySpec(secret, "HmacSHA256"));
        }
        this.currentKeyId = keys.keySet().iterator().next();
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
        jws.setKeyIdHeaderValue(currentKeyId);
        jws.setKey(keys.get(currentKeyId));
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
                .setVerificationKeyResolver((jws, nested) -> {
                    Key key = keys.get(jws.getKeyIdHeaderValue());
                    if (key == null) {
                        throw new UnresolvableKeyException("unknown key id");
                    }
                    return key;
                })
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

    /** An expired token is reported as such only if its signature was good: a forgery learns nothing. */
    private static boolean signatureChecked(InvalidJwtException e) {
        return e.getJwtContext() != null && e.getErrorDetails().stream().allMatch(d -> d.getErrorCode() == org.jose4j.jwt.consumer.ErrorCodes.EXPIRED);
    }
}
