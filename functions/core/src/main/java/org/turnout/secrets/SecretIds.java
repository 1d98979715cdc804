package org.turnout.secrets;

import java.util.List;
import java.util.Optional;

/**
 * The settings that name the secrets, each the ARN of an {@code AWS::SecretsManager::Secret} of template.yaml,
 * set by its environment variable (TURNOUT_LINK_SIGNING_KEYS_SECRET, ...). A function is given only the secrets it
 * uses; a service whose secret it was not given fails when used, naming the setting.
 */
public final class SecretIds {
    /** The keys that sign confirm and unsubscribe links (JSON, see {@link LinkSigningKeys}); rotated. */
    public static final String LINK_SIGNING_KEYS = "turnout.link-signing-keys-secret";
    /** The pepper of visitors' IP hashes. */
    public static final String IP_HASH_PEPPER = "turnout.ip-hash-pepper-secret";
    /** The pepper of erasure tombstones. */
    public static final String ERASURE_PEPPER = "turnout.erasure-pepper-secret";
    /** The key of the keyed hash that turns an address into a contact id. */
    public static final String CONTACT_ID_KEY = "turnout.contact-id-key-secret";

    public static final List<String> ALL = List.of(LINK_SIGNING_KEYS, IP_HASH_PEPPER, ERASURE_PEPPER, CONTACT_ID_KEY);

    private SecretIds() {
    }

    /** The configured secret id, or a failure naming the setting this function lacks. */
    public static String required(Optional<String> secretId, String setting) {
        return secretId.filter(id -> !id.isBlank()).orElseThrow(() -> new IllegalStateException(
                "This function was given no " + setting + " (the ARN of its secret, from template.yaml)"));
    }
}
