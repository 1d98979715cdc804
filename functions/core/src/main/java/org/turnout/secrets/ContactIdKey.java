package org.turnout.secrets;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key of the keyed hash that turns a normalised address into a contact id. Never rotated: every contact's
 * item key, send record and SES tag is derived from it, so a new key would lose them all.
 */
@ApplicationScoped
public class ContactIdKey {
    private final SecretStore secrets;
    private final String secretId;

    @Inject
    public ContactIdKey(SecretStore secrets, SecretSettings settings) {
        this(secrets, settings.contactIdKeySecret());
    }

    public ContactIdKey(SecretStore secrets, Optional<String> secretId) {
        this.secrets = secrets;
        this.secretId = SecretIds.required(secretId, SecretIds.CONTACT_ID_KEY);
    }

    /** An HMAC-SHA256 key. */
    public SecretKeySpec key() {
        return Pepper.key(secrets.current(secretId), SecretIds.CONTACT_ID_KEY);
    }
}
