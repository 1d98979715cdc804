package org.turnout.contact;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.Supplier;
import javax.crypto.spec.SecretKeySpec;
import org.turnout.secrets.ContactIdKey;
import org.turnout.secrets.Pepper;
import org.turnout.secrets.SecretIds;

/**
 * The one place contact ids are derived: the first 128 bits, in hex, of an HMAC-SHA256 under the
 * {@code ContactIdKey} secret. The same person always gets the same id, but an id in an
 * SES message tag or the audit trail cannot be traced back to an address by hashing guesses, as a
 * plain SHA-256 could. The width is the old plain hash's, so keys and shards keep their shape.
 */
@ApplicationScoped
public class ContactIds {
    private final Supplier<SecretKeySpec> key;

    /** In a function: the key is the {@code ContactIdKey} secret, read once when the first id is derived. */
    @Inject
    public ContactIds(ContactIdKey secret) {
        this.key = new Supplier<>() {
            private volatile SecretKeySpec read;

            @Override
            public SecretKeySpec get() {
                SecretKeySpec value = read;
                if (value == null) {
                    value = secret.key();
                    read = value;
                }
                return value;
            }
        };
    }

    /** With a key of one's own: tests, benchmarks, and the migration's checks. */
    public ContactIds(String key) {
        SecretKeySpec spec = Pepper.key(key == null ? "" : key, SecretIds.CONTACT_ID_KEY);
        this.key = () -> spec;
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
        return Pepper.hmacHex(key.get(), input, 16);
    }
}
