package org.turnout.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.turnout.secrets.Pepper;
import org.turnout.secrets.SecretIds;
import org.turnout.secrets.SecretSettings;
import org.turnout.secrets.SecretStore;

/**
 * Visitors' IP addresses are never stored: only a keyed hash (HMAC-SHA256 with a secret pepper),
 * enough to prove consent came from one place and to rate-limit it, not to find the address. The pepper is a
 * secret of its own ({@link SecretIds#IP_HASH_PEPPER}), never rotated: a new one would split every rate window and
 * make consent records of one address look like two.
 */
@ApplicationScoped
public class IpHasher {
    private final SecretStore secrets;
    private final String secretId;

    @Inject
    public IpHasher(SecretStore secrets, SecretSettings settings) {
        this(secrets, settings.ipHashPepperSecret());
    }

    public IpHasher(SecretStore secrets, Optional<String> secretId) {
        this.secrets = secrets;
        this.secretId = SecretIds.required(secretId, SecretIds.IP_HASH_PEPPER);
    }

    public String hash(String ip) {
        return Pepper.hmacHex(Pepper.key(secrets.current(secretId), SecretIds.IP_HASH_PEPPER), ip, 16);
    }
}
