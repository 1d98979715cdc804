package org.turnout.secrets;

import io.smallrye.config.ConfigMapping;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The secrets a function was given: each the ARN of an {@code AWS::SecretsManager::Secret} of template.yaml, never a
 * value. A function is given only the secrets it uses, so each is optional here; the service that needs one fails,
 * naming the setting, when it is built without it ({@link SecretIds#required}).
 */
@ConfigMapping(prefix = "turnout")
public interface SecretSettings {

    /** The keys that sign confirm and unsubscribe links ({@code TURNOUT_LINK_SIGNING_KEYS_SECRET}). */
    Optional<String> linkSigningKeysSecret();

    /** The pepper of visitors' IP hashes ({@code TURNOUT_IP_HASH_PEPPER_SECRET}). */
    Optional<String> ipHashPepperSecret();

    /** The pepper of erasure tombstones ({@code TURNOUT_ERASURE_PEPPER_SECRET}). */
    Optional<String> erasurePepperSecret();

    /** The key that turns an address into a contact id ({@code TURNOUT_CONTACT_ID_KEY_SECRET}). */
    Optional<String> contactIdKeySecret();

    /** The ids of every secret this function was given. */
    default List<String> given() {
        return Stream.of(linkSigningKeysSecret(), ipHashPepperSecret(), erasurePepperSecret(), contactIdKeySecret())
                .flatMap(Optional::stream).filter(id -> !id.isBlank()).toList();
    }
}
