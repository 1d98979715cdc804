package org.turnout.api.console;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import org.turnout.secrets.LinkSigningKeys;
import org.turnout.secrets.SecretIds;
import org.turnout.secrets.SecretSettings;
import org.turnout.secrets.SecretStore;

/**
 * Keeps a {@link SignInAttempt} in the browser between the redirect to the login and its answer: a short-lived
 * cookie value, signed (HMAC-SHA256) with the current link-signing key under a label of its own, so that no
 * value made elsewhere, nor a link's signature, passes for one.
 */
@ApplicationScoped
public class SignInCookies {
    /** Long enough to type a password and a second factor. */
    public static final Duration VALIDITY = Duration.ofMinutes(10);
    private static final byte[] LABEL = "turnout-console-sign-in\n".getBytes(StandardCharsets.US_ASCII);
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretStore secrets;
    private final String secretId;
    private final Clock clock;

    public SignInCookies(SecretStore secrets, SecretSettings settings, Clock clock) {
        this.secrets = secrets;
        this.secretId = SecretIds.required(settings.linkSigningKeysSecret(), SecretIds.LINK_SIGNING_KEYS);
        this.clock = clock;
    }

    /** {@code <state>.<verifier>.<expiry>.<key id>.<mac>}: every part is base64url or digits (the key id too), safe in a cookie. */
    public String seal(SignInAttempt attempt) {
        String payload = attempt.state() + "." + attempt.verifier() + "." + (clock.instant().plus(VALIDITY).getEpochSecond());
        LinkSigningKeys keys = LinkSigningKeys.parse(secrets.current(secretId));
        return payload + "." + ENCODER.encodeToString(keys.currentKeyId().getBytes(StandardCharsets.UTF_8)) + "." + ENCODER.encodeToString(mac(keys.currentKey(), payload));
    }

    /** The attempt a cookie value holds, if we signed it and it has not expired. */
    public Optional<SignInAttempt> open(String sealed) {
        String[] parts = sealed == null ? new String[0] : sealed.split("\\.", -1);
        if (parts.length != 5 || !parts[2].matches("\\d{1,12}")) {
            return Optional.empty();
        }
        String payload = parts[0] + "." + parts[1] + "." + parts[2];
        Optional<Key> key;
        byte[] given;
        try {
            key = LinkSigningKeys.parse(secrets.current(secretId)).key(new String(DECODER.decode(parts[3]), StandardCharsets.UTF_8));
            given = DECODER.decode(parts[4]);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (key.isEmpty() || !MessageDigest.isEqual(mac(key.get(), payload), given)
                || Long.parseLong(parts[2]) < clock.instant().getEpochSecond()) {
            return Optional.empty();
        }
        return Optional.of(new SignInAttempt(parts[0], parts[1]));
    }

    private static byte[] mac(Key key, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(LABEL);
            return mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("cannot sign with HmacSHA256", e);
        }
    }
}
