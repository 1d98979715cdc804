package org.turnout.local.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.turnout.local.CloudFormationTemplate;
import org.turnout.local.LocalAwsStack;
import org.turnout.local.Provisioned;
import org.turnout.local.TemplateFixture;
import org.turnout.local.iam.Credentials;
import org.turnout.local.iam.LocalIam;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.InvalidParameterException;
import software.amazon.awssdk.services.secretsmanager.model.InvalidRequestException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;

/** The local Secrets Manager through the SDK's own client, provisioned from the repository's template.yaml. */
class LocalSecretsManagerTest {
    private static final Credentials ADMINISTRATOR = new Credentials(LocalAwsStack.ACCESS_KEY_ID, LocalAwsStack.SECRET_ACCESS_KEY, null);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path runDir;

    private final CloudFormationTemplate template = TemplateFixture.template();
    private final Provisioned resources = TemplateFixture.unprovisioned(template);
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final List<SecretsManagerApi> servers = new ArrayList<>();

    @AfterEach
    void stop() {
        servers.forEach(SecretsManagerApi::close);
    }

    /** The template's IAM: the administrator may do anything, each function only what its policies allow. */
    private final LocalIam iam = LocalIam.fromTemplate(template, resources, ADMINISTRATOR, Clock.systemUTC(), log::add);

    private SecretsManagerApi serve() {
        LocalSecretsManager secrets = LocalSecretsManager.provision(template, resources, Optional.of(runDir.resolve("secrets.json")),
                Clock.systemUTC(), log::add);
        SecretsManagerApi api = new SecretsManagerApi(secrets, iam, log::add).start(0);
        servers.add(api);
        return api;
    }

    /** A client as the administrator. */
    private static SecretsManagerClient client(URI endpoint) {
        return client(endpoint, ADMINISTRATOR);
    }

    private static SecretsManagerClient client(URI endpoint, Credentials credentials) {
        return SecretsManagerClient.builder().endpointOverride(endpoint).region(Region.EU_WEST_3)
                .credentialsProvider(StaticCredentialsProvider.create(credentials.sessionToken() == null
                        ? AwsBasicCredentials.create(credentials.accessKeyId(), credentials.secretAccessKey())
                        : AwsSessionCredentials.create(credentials.accessKeyId(), credentials.secretAccessKey(), credentials.sessionToken())))
                .build();
    }

    @Test
    void theTemplatesSecretsAreMadeAsTheirGenerateSecretStringSays() throws Exception {
        SecretsManagerClient client = client(serve().endpoint());
        String keysArn = resources.ref("LinkSigningKeys");
        assertThat(keysArn).matches("arn:aws:secretsmanager:eu-west-3:000000000000:secret:turnout-local/link-signing-keys-[A-Za-z0-9]{6}");

        GetSecretValueResponse keys = client.getSecretValue(r -> r.secretId(keysArn));
        JsonNode value = JSON.readTree(keys.secretString());
        assertThat(value.path("kid").asText()).isEqualTo("initial");
        assertThat(value.path("secret").asText()).matches("[A-Za-z0-9]{64}");
        assertThat(keys.versionStages()).containsExactly("AWSCURRENT");
        assertThat(keys.name()).isEqualTo("turnout-local/link-signing-keys");

        String pepper = client.getSecretValue(r -> r.secretId(resources.ref("IpHashPepper"))).secretString();
        assertThat(pepper).matches("[A-Za-z0-9]{64}");
        assertThat(client.getSecretValue(r -> r.secretId(resources.ref("ErasurePepper"))).secretString()).isNotEqualTo(pepper);
        // by name too, as the SDK allows
        assertThat(client.getSecretValue(r -> r.secretId("turnout-local/ip-hash-pepper")).secretString()).isEqualTo(pepper);

        DescribeSecretResponse described = client.describeSecret(r -> r.secretId(keysArn));
        assertThat(described.rotationEnabled()).isTrue();
        assertThat(described.rotationLambdaARN()).isEqualTo(resources.attribute("LinkKeyRotationFunction", "Arn"));
        assertThat(described.rotationRules().automaticallyAfterDays()).isEqualTo(30L);
        assertThat(client.describeSecret(r -> r.secretId(resources.ref("IpHashPepper"))).rotationEnabled()).isFalse();
    }

    @Test
    void valuesSurviveARestartInAFileOnlyItsOwnerReads() throws Exception {
        String arn = resources.ref("IpHashPepper");
        String before = client(serve().endpoint()).getSecretValue(r -> r.secretId(arn)).secretString();
        stop();
        servers.clear();

        String after = client(serve().endpoint()).getSecretValue(r -> r.secretId(arn)).secretString();
        assertThat(after).isEqualTo(before);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(runDir.resolve("secrets.json")))).isEqualTo("rw-------");
    }

    @Test
    void stagesMoveAsSecretsManagerMovesThem() {
        SecretsManagerClient client = client(serve().endpoint());
        String arn = resources.ref("ErasurePepper");
        String first = client.getSecretValue(r -> r.secretId(arn)).versionId();

        client.putSecretValue(r -> r.secretId(arn).clientRequestToken("v2-token-0000000000000000000000000000").secretString("second-value-0123456789")
                .versionStages("AWSPENDING"));
        assertThat(client.getSecretValue(r -> r.secretId(arn)).versionId()).isEqualTo(first);
        assertThat(client.getSecretValue(r -> r.secretId(arn).versionStage("AWSPENDING")).secretString()).isEqualTo("second-value-0123456789");

        // AWSCURRENT cannot be taken from a version without naming it
        assertThatThrownBy(() -> client.updateSecretVersionStage(r -> r.secretId(arn).versionStage("AWSCURRENT")
                .moveToVersionId("v2-token-0000000000000000000000000000"))).isInstanceOf(InvalidParameterException.class);
        client.updateSecretVersionStage(r -> r.secretId(arn).versionStage("AWSCURRENT")
                .moveToVersionId("v2-token-0000000000000000000000000000").removeFromVersionId(first));

        assertThat(client.getSecretValue(r -> r.secretId(arn)).secretString()).isEqualTo("second-value-0123456789");
        assertThat(client.describeSecret(r -> r.secretId(arn)).versionIdsToStages())
                .containsEntry(first, List.of("AWSPREVIOUS"))
                .containsEntry("v2-token-0000000000000000000000000000", List.of("AWSPENDING", "AWSCURRENT"));
        assertThat(client.getSecretValue(r -> r.secretId(arn).versionStage("AWSPREVIOUS")).versionId()).isEqualTo(first);
    }

    @Test
    void rotateSecretRunsTheFourStepsOfTheRotationFunction() {
        SecretsManagerApi api = serve();
        SecretsManagerClient client = client(api.endpoint());
        String arn = resources.ref("LinkSigningKeys");
        List<String> steps = new CopyOnWriteArrayList<>();
        // a rotation function of the simplest kind, calling the service back as a real one does
        api.secrets().rotateWith((functionArn, event) -> {
            JsonNode call = readTree(event);
            String step = call.path("Step").asText();
            String token = call.path("ClientRequestToken").asText();
            steps.add(functionArn + " " + step);
            if (step.equals("createSecret")) {
                client.putSecretValue(r -> r.secretId(call.path("SecretId").asText()).clientRequestToken(token)
                        .secretString("{\"kid\":\"rotated\"}").versionStages("AWSPENDING"));
            } else if (step.equals("finishSecret")) {
                String current = client.getSecretValue(r -> r.secretId(arn)).versionId();
                client.updateSecretVersionStage(r -> r.secretId(arn).versionStage("AWSCURRENT").moveToVersionId(token).removeFromVersionId(current));
            }
        });

        String versionId = client.rotateSecret(r -> r.secretId(arn)).versionId();

        String rotation = resources.attribute("LinkKeyRotationFunction", "Arn");
        assertThat(steps).containsExactly(rotation + " createSecret", rotation + " setSecret", rotation + " testSecret", rotation + " finishSecret");
        GetSecretValueResponse current = client.getSecretValue(r -> r.secretId(arn));
        assertThat(current.versionId()).isEqualTo(versionId);
        assertThat(current.secretString()).isEqualTo("{\"kid\":\"rotated\"}");
        assertThat(current.versionStages()).containsExactly("AWSCURRENT");
        assertThat(client.describeSecret(r -> r.secretId(arn)).lastRotatedDate()).isNotNull();
    }

    @Test
    void aFailedStepIsToldAndLeavesTheCurrentValue() {
        SecretsManagerApi api = serve();
        SecretsManagerClient client = client(api.endpoint());
        String arn = resources.ref("LinkSigningKeys");
        String before = client.getSecretValue(r -> r.secretId(arn)).secretString();
        api.secrets().rotateWith((functionArn, event) -> {
            throw new IllegalStateException("the test step failed");
        });

        assertThatThrownBy(() -> client.rotateSecret(r -> r.secretId(arn)))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("createSecret");
        assertThat(client.getSecretValue(r -> r.secretId(arn)).secretString()).isEqualTo(before);
        assertThat(log).anySatisfy(line -> assertThat(line).contains("failed at createSecret"));
    }

    @Test
    void eachFunctionReadsOnlyTheSecretsItsPolicyNamesAndARefusalIsAccessDenied() {
        SecretsManagerApi api = serve();
        String arn = resources.ref("IpHashPepper");

        assertThat(client(api.endpoint(), iam.credentials("ApiFunction")).getSecretValue(r -> r.secretId(arn)).arn()).isEqualTo(arn);
        assertThatThrownBy(() -> client(api.endpoint(), iam.credentials("SendFunction")).getSecretValue(r -> r.secretId(arn)))
                .isInstanceOfSatisfying(SecretsManagerException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
                    assertThat(e.getMessage()).contains("secretsmanager:GetSecretValue").contains(arn);
                });
        assertThatThrownBy(() -> client(api.endpoint(), new Credentials("AKIAUNKNOWN000000000", "secret", null))
                .getSecretValue(r -> r.secretId(arn)))
                .isInstanceOfSatisfying(SecretsManagerException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException"));
        // the log names the refusal, never a value
        String value = client(api.endpoint(), iam.credentials("ApiFunction")).getSecretValue(r -> r.secretId(arn)).secretString();
        assertThat(log).anySatisfy(line -> assertThat(line).contains("refused").contains("SendFunction")
                        .contains("secretsmanager:GetSecretValue"))
                .allSatisfy(line -> assertThat(line).doesNotContain(value));
    }

    @Test
    void anUnknownSecretOrVersionIsResourceNotFound() {
        SecretsManagerClient client = client(serve().endpoint());
        assertThatThrownBy(() -> client.getSecretValue(r -> r.secretId("arn:aws:secretsmanager:eu-west-3:000000000000:secret:nope-AAAAAA")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> client.getSecretValue(r -> r.secretId(resources.ref("IpHashPepper")).versionStage("AWSPENDING")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
