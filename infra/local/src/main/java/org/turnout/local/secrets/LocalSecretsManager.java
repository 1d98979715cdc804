package org.turnout.local.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.turnout.local.CloudFormationTemplate;
import org.turnout.local.PrivateFiles;
import org.turnout.local.Provisioned;

/**
 * The secrets of template.yaml's {@code AWS::SecretsManager::Secret} resources as Secrets Manager keeps them: versions
 * with their staging labels ({@code AWSCURRENT}, {@code AWSPREVIOUS}, {@code AWSPENDING}), a rotation function and
 * its rules from the template's {@code AWS::SecretsManager::RotationSchedule}. Values generated from a secret's
 * {@code GenerateSecretString} are made once; with a state file (the run directory's), the secrets and their
 * versions survive a restart, so that links signed before it still verify. The operations are those of the service's
 * API, served by {@link SecretsManagerApi}.
 */
public final class LocalSecretsManager {
    static final String CURRENT = "AWSCURRENT";
    static final String PREVIOUS = "AWSPREVIOUS";
    static final String PENDING = "AWSPENDING";
    static final List<String> ROTATION_STEPS = List.of("createSecret", "setSecret", "testSecret", "finishSecret");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Secret> byArn = new LinkedHashMap<>();
    private final Path stateFile;
    private final Clock clock;
    private final Consumer<String> log;
    private volatile RotationInvoker rotation = (functionArn, event) -> {
        throw new IllegalStateException("No function runs rotations here: " + functionArn);
    };

    private LocalSecretsManager(Path stateFile, Clock clock, Consumer<String> log) {
        this.stateFile = stateFile;
        this.clock = clock;
        this.log = log;
    }

    /**
     * The template's secrets, provisioned: those already in {@code stateFile} (if given and present) as they were,
     * the others with a generated or given value as their first {@code AWSCURRENT} version.
     */
    public static LocalSecretsManager provision(CloudFormationTemplate template, Provisioned resources, Optional<Path> stateFile,
                                                Clock clock, Consumer<String> log) {
        LocalSecretsManager manager = new LocalSecretsManager(stateFile.orElse(null), clock, log);
        stateFile.filter(Files::isRegularFile).ifPresent(manager::load);
        for (CloudFormationTemplate.Resource resource : template.resourcesOfType("AWS::SecretsManager::Secret")) {
            String arn = resources.ref(resource.logicalId());
            if (!manager.byArn.containsKey(arn)) {
                Map<String, Object> properties = resources.resolvedProperties(resource.logicalId(), Map.of());
                Secret secret = new Secret(resources.physicalName(resource.logicalId()), arn,
                        String.valueOf(properties.getOrDefault("Description", "")), clock.instant());
                secret.versions.put(UUID.randomUUID().toString(),
                        new Version(GeneratedSecret.initialValue(properties, resource.logicalId()), stages(CURRENT), clock.instant()));
                manager.byArn.put(arn, secret);
            }
        }
        for (CloudFormationTemplate.Resource schedule : template.resourcesOfType("AWS::SecretsManager::RotationSchedule")) {
            Map<String, Object> properties = resources.resolvedProperties(schedule.logicalId(), Map.of());
            Secret secret = manager.secret(String.valueOf(properties.get("SecretId")));
            secret.rotationLambdaArn = (String) properties.get("RotationLambdaARN");
            Object rules = properties.get("RotationRules");
            secret.rotationRules = rules == null ? null : JSON.valueToTree(rules);
            secret.rotationEnabled = true;
        }
        manager.save();
        return manager;
    }

    /** Who runs the rotation functions: the local Lambda service, or a test. */
    public void rotateWith(RotationInvoker invoker) {
        this.rotation = invoker;
    }

    /** The ARNs of the secrets, in the template's order. */
    public synchronized List<String> arns() {
        return List.copyOf(byArn.keySet());
    }

    /** The ARN of the secret that {@code secretId} (a name or an ARN) names. */
    public synchronized String arnOf(String secretId) {
        return secret(secretId).arn;
    }

    synchronized ObjectNode getSecretValue(String secretId, String versionId, String versionStage) {
        Secret secret = secret(secretId);
        String stage = versionStage == null && versionId == null ? CURRENT : versionStage;
        Map.Entry<String, Version> found = secret.versions.entrySet().stream()
                .filter(entry -> versionId == null || entry.getKey().equals(versionId))
                .filter(entry -> stage == null || entry.getValue().stages.contains(stage))
                .findFirst()
                .orElseThrow(() -> SecretsManagerException.notFound("Secrets Manager can't find the specified secret value for "
                        + (versionId != null ? "VersionId: " + versionId : "staging label: " + stage)));
        if (found.getValue().value == null) {
            throw SecretsManagerException.notFound("Secrets Manager can't find the specified secret value for VersionId: " + found.getKey());
        }
        ObjectNode response = identity(secret).put("VersionId", found.getKey()).put("SecretString", found.getValue().value);
        stagesOf(response.putArray("VersionStages"), found.getValue());
        return response.put("CreatedDate", epochSeconds(found.getValue().created));
    }

    synchronized ObjectNode describeSecret(String secretId) {
        Secret secret = secret(secretId);
        ObjectNode response = identity(secret).put("Description", secret.description)
                .put("RotationEnabled", secret.rotationEnabled)
                .put("CreatedDate", epochSeconds(secret.created));
        if (secret.rotationLambdaArn != null) {
            response.put("RotationLambdaARN", secret.rotationLambdaArn);
        }
        if (secret.rotationRules != null) {
            response.set("RotationRules", secret.rotationRules);
        }
        if (secret.lastRotated != null) {
            response.put("LastRotatedDate", epochSeconds(secret.lastRotated));
        }
        ObjectNode versions = response.putObject("VersionIdsToStages");
        secret.versions.forEach((id, version) -> stagesOf(versions.putArray(id), version));
        return response;
    }

    synchronized ObjectNode putSecretValue(String secretId, String token, String value, List<String> versionStages) {
        Secret secret = secret(secretId);
        if (value == null || value.isEmpty()) {
            throw SecretsManagerException.invalidParameter("You must provide SecretString or SecretBinary.");
        }
        String versionId = token == null ? UUID.randomUUID().toString() : token;
        List<String> stages = versionStages == null || versionStages.isEmpty() ? List.of(CURRENT) : versionStages;
        Version existing = secret.versions.get(versionId);
        if (existing != null && existing.value != null) {
            if (!existing.value.equals(value)) {
                throw new SecretsManagerException("ResourceExistsException",
                        "You can't modify an existing version, you can only create a new version.");
            }
        } else {
            Version version = existing != null ? existing : new Version(null, new LinkedHashSet<>(), clock.instant());
            version.value = value;
            secret.versions.put(versionId, version);
            stages.forEach(stage -> moveStage(secret, stage, versionId));
            save();
        }
        ObjectNode response = identity(secret).put("VersionId", versionId);
        stagesOf(response.putArray("VersionStages"), secret.versions.get(versionId));
        return response;
    }

    synchronized ObjectNode updateSecretVersionStage(String secretId, String stage, String moveTo, String removeFrom) {
        Secret secret = secret(secretId);
        if (stage == null) {
            throw SecretsManagerException.invalidParameter("VersionStage is required.");
        }
        Optional<String> holder = holderOf(secret, stage);
        if (holder.isPresent() && !holder.get().equals(moveTo) && !holder.get().equals(removeFrom)) {
            throw SecretsManagerException.invalidParameter("The parameter RemoveFromVersionId can't be empty. Staging label "
                    + stage + " is currently attached to version " + holder.get() + ", so you must explicitly reference that version in RemoveFromVersionId.");
        }
        if (moveTo != null) {
            if (!secret.versions.containsKey(moveTo)) {
                throw SecretsManagerException.invalidParameter("Secrets Manager can't find the specified version: " + moveTo);
            }
            moveStage(secret, stage, moveTo);
        } else if (removeFrom != null && secret.versions.containsKey(removeFrom)) {
            secret.versions.get(removeFrom).stages.remove(stage);
        }
        dropUnlabelled(secret);
        save();
        return identity(secret);
    }

    /**
     * Starts a rotation as Secrets Manager does: a new version staged {@code AWSPENDING}, then the rotation function
     * called for each step. Here the steps run before the answer (in AWS they run after it), so a failed step is told
     * to the caller; the pending version stays, as in AWS, for the next try to finish.
     */
    ObjectNode rotateSecret(String secretId, String token, String lambdaArn, JsonNode rules, boolean immediately) {
        String versionId = token == null ? UUID.randomUUID().toString() : token;
        String arn;
        String functionArn;
        synchronized (this) {
            Secret secret = secret(secretId);
            arn = secret.arn;
            if (lambdaArn != null) {
                secret.rotationLambdaArn = lambdaArn;
            }
            if (rules != null) {
                secret.rotationRules = rules;
            }
            if (secret.rotationLambdaArn == null) {
                throw SecretsManagerException.invalidRequest("No Lambda rotation function ARN is associated with this secret.");
            }
            secret.rotationEnabled = true;
            functionArn = secret.rotationLambdaArn;
            if (immediately) {
                Optional<String> pending = holderOf(secret, PENDING);
                if (pending.isPresent() && !pending.get().equals(versionId)) {
                    throw SecretsManagerException.invalidRequest("A previous rotation isn't complete. That rotation will be reattempted.");
                }
                secret.versions.putIfAbsent(versionId, new Version(null, stages(PENDING), clock.instant()));
            }
            save();
        }
        if (immediately) {
            // outside the lock: the rotation function calls this service back
            for (String step : ROTATION_STEPS) {
                String event = JSON.createObjectNode().put("SecretId", arn).put("ClientRequestToken", versionId).put("Step", step).toString();
                try {
                    rotation.invoke(functionArn, event);
                } catch (RuntimeException e) {
                    log.accept("rotation of " + arn + " failed at " + step + ": " + e.getMessage());
                    throw SecretsManagerException.invalidRequest("The rotation function failed at step " + step + ": " + e.getMessage());
                }
            }
            synchronized (this) {
                Secret secret = byArn.get(arn);
                Version version = secret.versions.get(versionId);
                if (version == null || !version.stages.contains(CURRENT)) {
                    throw SecretsManagerException.invalidRequest("The rotation function did not make version " + versionId + " current");
                }
                version.stages.remove(PENDING);
                secret.lastRotated = clock.instant();
                save();
            }
            log.accept("rotated " + arn + ": version " + versionId + " is current");
        }
        synchronized (this) {
            return identity(byArn.get(arn)).put("VersionId", versionId);
        }
    }

    private Secret secret(String secretId) {
        if (secretId == null || secretId.isBlank()) {
            throw SecretsManagerException.invalidParameter("SecretId is required.");
        }
        Secret secret = byArn.get(secretId);
        if (secret == null) {
            secret = byArn.values().stream().filter(s -> s.name.equals(secretId)).findFirst().orElse(null);
        }
        if (secret == null) {
            throw SecretsManagerException.notFound("Secrets Manager can't find the specified secret.");
        }
        return secret;
    }

    /** Puts a label on one version, taking it off the others; the version that loses AWSCURRENT gets AWSPREVIOUS. */
    private static void moveStage(Secret secret, String stage, String versionId) {
        Optional<String> holder = holderOf(secret, stage);
        if (holder.isPresent() && holder.get().equals(versionId)) {
            return;
        }
        holder.ifPresent(old -> secret.versions.get(old).stages.remove(stage));
        secret.versions.get(versionId).stages.add(stage);
        if (stage.equals(CURRENT) && holder.isPresent()) {
            moveStage(secret, PREVIOUS, holder.get());
        }
        dropUnlabelled(secret);
    }

    private static Optional<String> holderOf(Secret secret, String stage) {
        return secret.versions.entrySet().stream().filter(entry -> entry.getValue().stages.contains(stage))
                .map(Map.Entry::getKey).findFirst();
    }

    /** Versions without a label are deprecated; Secrets Manager removes them in time, here at once. */
    private static void dropUnlabelled(Secret secret) {
        secret.versions.values().removeIf(version -> version.stages.isEmpty());
    }

    private static ObjectNode identity(Secret secret) {
        return JSON.createObjectNode().put("ARN", secret.arn).put("Name", secret.name);
    }

    private static void stagesOf(ArrayNode array, Version version) {
        version.stages.forEach(array::add);
    }

    private static double epochSeconds(Instant instant) {
        return instant.toEpochMilli() / 1000.0;
    }

    private static Set<String> stages(String... stages) {
        return new LinkedHashSet<>(List.of(stages));
    }

    private void load(Path file) {
        try {
            JsonNode state = JSON.readTree(Files.readString(file));
            for (JsonNode node : state.path("secrets")) {
                Secret secret = new Secret(node.path("name").asText(), node.path("arn").asText(), node.path("description").asText(),
                        Instant.parse(node.path("created").asText()));
                for (JsonNode version : node.path("versions")) {
                    Set<String> labels = new LinkedHashSet<>();
                    version.path("stages").forEach(stage -> labels.add(stage.asText()));
                    Version loaded = new Version(version.hasNonNull("value") ? version.path("value").asText() : null, labels,
                            Instant.parse(version.path("created").asText()));
                    secret.versions.put(version.path("id").asText(), loaded);
                }
                if (node.hasNonNull("lastRotated")) {
                    secret.lastRotated = Instant.parse(node.path("lastRotated").asText());
                }
                byArn.put(secret.arn, secret);
            }
        } catch (IOException | RuntimeException e) {
            // the parser's message may quote the file, which holds secrets: only the kind of failure is told
            throw new IllegalStateException("Cannot read the local secrets in " + file + " (delete it to make new ones): "
                    + e.getClass().getSimpleName());
        }
    }

    /** The secrets and their versions, in a file only its owner reads; the rotation settings come from the template. */
    private void save() {
        if (stateFile == null) {
            return;
        }
        ObjectNode state = JSON.createObjectNode();
        state.put("comment", "Made by infra/local/run for the local Secrets Manager; delete to renew");
        ArrayNode secrets = state.putArray("secrets");
        for (Secret secret : byArn.values()) {
            ObjectNode node = secrets.addObject().put("name", secret.name).put("arn", secret.arn)
                    .put("description", secret.description).put("created", secret.created.toString());
            if (secret.lastRotated != null) {
                node.put("lastRotated", secret.lastRotated.toString());
            }
            ArrayNode versions = node.putArray("versions");
            secret.versions.forEach((id, version) -> {
                ObjectNode v = versions.addObject().put("id", id).put("value", version.value).put("created", version.created.toString());
                stagesOf(v.putArray("stages"), version);
            });
        }
        try {
            PrivateFiles.writeAtomically(stateFile, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(state));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the local secrets in " + stateFile, e);
        }
    }

    private static final class Secret {
        final String name;
        final String arn;
        final String description;
        final Instant created;
        final Map<String, Version> versions = new LinkedHashMap<>();
        boolean rotationEnabled;
        String rotationLambdaArn;
        JsonNode rotationRules;
        Instant lastRotated;

        Secret(String name, String arn, String description, Instant created) {
            this.name = name;
            this.arn = arn;
            this.description = description;
            this.created = created;
        }
    }

    private static final class Version {
        String value;
        final Set<String> stages;
        final Instant created;

        Version(String value, Set<String> stages, Instant created) {
            this.value = value;
            this.stages = stages;
            this.created = created;
        }
    }
}
