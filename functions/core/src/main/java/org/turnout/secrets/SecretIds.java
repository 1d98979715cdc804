package org.turnout.secrets;

import java.util.Optional;
import org.turnout.settings.RequiredSetting;

/**
 * The names of the settings of {@link SecretSettings}, by which failures and derived keys name a secret. A function
 * is given only the secrets it uses; a service whose secret it was not given fails when used, naming the setting.
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

    private SecretIds() {
    }

    /** The configured secret id, or a failure naming the setting this function lacks. */
    public static String required(Optional<String> secretId, String setting) {
        return RequiredSetting.of(secretId, setting + " (the ARN of its secret)");
    }
}
