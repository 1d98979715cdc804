package org.turnout.contact;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The one place contact ids are derived: the first 128 bits, in hex, of an HMAC-SHA256 under the
 * secret {@code turnout.contact-id-key}. The same person always gets the same id, but an id in an
 * SES message tag or the audit trail cannot be traced back to an address by hashing guesses, as a
 * plain SHA-256 could. The width is the old plain hash's, so keys and shards keep their shape.
 */
@ApplicationScoped
public class ContactIds {
    private final SecretKeySpec key;

    public ContactIds(@ConfigProperty(name = "turnout.contact-id-key") String key) {
        if (key == null || key.length() < 16) {
            throw new IllegalArgumentException("turnout.contact-id-key must be at least 16 characters");
        }
        this.key = new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** The id of the person with this address. */
    public String forEmail(EmailAddress address) {
        return hash(address.key());
    }

    /**
     * The id of a person known by a door only (canvassing without an email); the "door:" label keeps
     * it apart from every email's id.
     */
    public String forDoor(String doorIdentity) {
        return hash("door:" + doorIdentity);
    }

    /**
     * A keyed pseudonym of {@code value} for {@code purpose} (never a contact's id: the label keeps
     * the two apart), for what must be found again from the value but not traced back to it.
     */
    public String pseudonym(String purpose, String value) {
        return hash(purpose + ":" + value);
    }

    private String hash(String input) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(input.getBytes(StandardCharsets.UTF_8)), 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JRE", e);
        }
    }
}
