package org.turnout.local.iam;

import java.security.SecureRandom;
import java.util.Base64;

/** An access key pair, with the session token of a role's temporary credentials (null for a long-term key). */
public record Credentials(String accessKeyId, String secretAccessKey, String sessionToken) {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    @Override
    public String toString() {
        // never the secret or the token: this may end up in a log line
        return "Credentials[" + accessKeyId + "]";
    }

    /** Fresh temporary credentials shaped as STS issues them to a role's session (ASIA..., a secret, a token). */
    static Credentials temporary() {
        StringBuilder key = new StringBuilder("ASIA");
        for (int i = 0; i < 16; i++) {
            key.append(KEY_ALPHABET.charAt(RANDOM.nextInt(KEY_ALPHABET.length())));
        }
        return new Credentials(key.toString(), random(30), random(96));
    }

    private static String random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return Base64.getEncoder().withoutPadding().encodeToString(value).replace('/', 'x').replace('+', 'y');
    }
}
