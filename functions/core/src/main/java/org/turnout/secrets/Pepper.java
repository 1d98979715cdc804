package org.turnout.secrets;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** A pepper's secret value as an HMAC-SHA256 key; a value too short to be one is refused, without quoting it. */
public final class Pepper {
    public static final int MIN_LENGTH = 16;

    private Pepper() {
    }

    public static SecretKeySpec key(String secretValue, String setting) {
        if (secretValue.length() < MIN_LENGTH) {
            throw new IllegalStateException("The secret of " + setting + " must be at least " + MIN_LENGTH + " characters");
        }
        return new SecretKeySpec(secretValue.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** The HMAC-SHA256 of {@code input} under {@code key}, its first {@code bytes} bytes in hex. */
    public static String hmacHex(SecretKeySpec key, String input, int bytes) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(input.getBytes(StandardCharsets.UTF_8)), 0, bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JRE", e);
        }
    }
}
