package org.turnout.secrets;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The key of the keyed hash that turns a normalised address into a contact id. Never rotated: every contact's
 * item key, send record and SES tag is derived from it, so a new key would lose them all.
 */
@ApplicationScoped
public class ContactIdKey {
    private final SecretStore secrets;
    private final String secretId;

    public ContactIdKey(SecretStore secrets, @ConfigProperty(name = SecretIds.CONTACT_ID_KEY) Optional<String> secretId) {
        this.secrets = secrets;
        this.secretId = SecretIds.required(secretId, SecretIds.CONTACT_ID_KEY);
    }

    /** An HMAC-SHA256 key. */
    public SecretKeySpec key() {
        return Pepper.key(secrets.current(secretId), SecretIds.CONTACT_ID_KEY);
    }
}
