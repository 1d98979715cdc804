package org.turnout.secrets;

import java.nio.charset.StandardCharsets;
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
}
