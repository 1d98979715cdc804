package org.turnout.secrets;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.turnout.aws.AwsClients;
import org.turnout.security.LinkSettings;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * Rotates the link-signing keys as Secrets Manager rotates a secret: its rotation function is called four times
 * per rotation, with the secret's ARN, the new version's id (the client request token) and the step.
 * <ol>
 * <li>{@code createSecret}: the new version, staged {@code AWSPENDING}: a new random key on top, the current one
 * kept as retired now, and the retired keys whose links have all expired dropped;</li>
 * <li>{@code setSecret}: nothing, the keys are used by Turnout alone;</li>
 * <li>{@code testSecret}: the pending value parses, signs with its new key, and still holds the current key;</li>
 * <li>{@code finishSecret}: {@code AWSCURRENT} moves to the new version (Secrets Manager moves
 * {@code AWSPREVIOUS} to the old one).</li>
 * </ol>
 * Each step may run again (Secrets Manager retries a failed step), so each one first looks whether it is done.
 */
@ApplicationScoped
public class LinkKeyRotation {
    public static final String CURRENT = "AWSCURRENT";
    public static final String PENDING = "AWSPENDING";
    private static final Logger LOG = Logger.getLogger(LinkKeyRotation.class);
    private static final int KEY_BYTES = 48;
    private static final int KID_LENGTH = 16;

    private final SecretsManagerClient secretsManager;
    private final Clock clock;
    private final Duration retention;
    private final SecureRandom random = new SecureRandom();

    /** Keys are kept as long as the longest link they may have signed stays valid. */
    @Inject
    public LinkKeyRotation(AwsClients aws, Clock clock, LinkSettings settings) {
        this(aws.secretsManager(), clock, settings.longestLinkValidity());
    }

    public LinkKeyRotation(SecretsManagerClient secretsManager, Clock clock, Duration retention) {
        this.secretsManager = secretsManager;
        this.clock = clock;
        this.retention = retention;
    }

    public enum Step {
        CREATE_SECRET("createSecret"), SET_SECRET("setSecret"), TEST_SECRET("testSecret"), FINISH_SECRET("finishSecret");

        private final String wireName;

        Step(String wireName) {
            this.wireName = wireName;
        }

        public static Step of(String wireName) {
            for (Step step : values()) {
                if (step.wireName.equals(wireName)) {
                    return step;
                }
            }
            throw new IllegalArgumentException("Unknown rotation step");
        }
    }

    public void run(String secretId, String versionId, Step step) {
        DescribeSecretResponse secret = secretsManager.describeSecret(r -> r.secretId(secretId));
        if (Boolean.FALSE.equals(secret.rotationEnabled())) {
            throw new IllegalStateException("Rotation is not enabled on the link-signing keys' secret");
        }
        List<String> stages = secret.versionIdsToStages().getOrDefault(versionId, List.of());
        if (stages.contains(CURRENT)) {
            LOG.infof("rotation %s of the link-signing keys: version %s is already current", step, versionId);
            return;
        }
        if (!stages.contains(PENDING)) {
            throw new IllegalStateException("Version " + versionId + " of the link-signing keys is not staged " + PENDING);
        }
        switch (step) {
            case CREATE_SECRET -> create(secretId, versionId);
            case SET_SECRET -> LOG.infof("rotation of the link-signing keys: nothing to set outside the secret");
            case TEST_SECRET -> test(secretId, versionId);
            case FINISH_SECRET -> finish(secretId, versionId, secret.versionIdsToStages());
        }
    }

    private void create(String secretId, String versionId) {
        if (pendingValue(secretId, versionId).isPresent()) {
            return;
        }
        LinkSigningKeys current = LinkSigningKeys.parse(secretsManager.getSecretValue(r -> r.secretId(secretId).versionStage(CURRENT)).secretString());
        String kid = versionId.replace("-", "");
        kid = kid.substring(0, Math.min(KID_LENGTH, kid.length()));
        byte[] key = new byte[KEY_BYTES];
        random.nextBytes(key);
        LinkSigningKeys rotated = current.rotatedTo(kid, Base64.getUrlEncoder().withoutPadding().encodeToString(key), clock.instant(), retention);
        secretsManager.putSecretValue(r -> r.secretId(secretId).clientRequestToken(versionId)
                .secretString(rotated.toJson()).versionStages(PENDING));
        LOG.infof("rotation of the link-signing keys: new key %s pending, keys %s", kid, rotated.keyIds());
    }

    private void test(String secretId, String versionId) {
        String value = pendingValue(secretId, versionId)
                .orElseThrow(() -> new IllegalStateException("Version " + versionId + " of the link-signing keys has no value"));
        LinkSigningKeys pending = LinkSigningKeys.parse(value);
        LinkSigningKeys current = LinkSigningKeys.parse(secretsManager.getSecretValue(r -> r.secretId(secretId).versionStage(CURRENT)).secretString());
        if (pending.key(current.currentKeyId()).isEmpty()) {
            throw new IllegalStateException("The pending link-signing keys drop the current key " + current.currentKeyId());
        }
    }

    private void finish(String secretId, String versionId, Map<String, List<String>> versions) {
        String currentVersion = versions.entrySet().stream().filter(e -> e.getValue().contains(CURRENT))
                .map(Map.Entry::getKey).findFirst().orElse(null);
        secretsManager.updateSecretVersionStage(r -> r.secretId(secretId).versionStage(CURRENT)
                .moveToVersionId(versionId).removeFromVersionId(currentVersion));
        LOG.infof("rotation of the link-signing keys: version %s is current", versionId);
    }

    private Optional<String> pendingValue(String secretId, String versionId) {
        try {
            return Optional.of(secretsManager.getSecretValue(r -> r.secretId(secretId).versionId(versionId).versionStage(PENDING)).secretString());
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        }
    }
}
