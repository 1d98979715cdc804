package org.turnout.contact.idmigration;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The contact ids of before the keyed scheme: the first 128 bits of a plain SHA-256 of the
 * address's key (or of "door:" and a door's identity). Kept only to tell, during the migration,
 * an old item from one made under the new scheme; nothing else may derive ids this way.
 */
final class LegacyContactIds {
    private LegacyContactIds() {
    }

    static String forEmailKey(String addressKey) {
        return sha256(addressKey);
    }

    static String forDoor(String doorIdentity) {
        return sha256("door:" + doorIdentity);
    }

    private static String sha256(String input) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(input.getBytes(StandardCharsets.UTF_8)), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
