package org.turnout.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.turnout.MovableClock;
import org.turnout.local.Emulator;
import org.turnout.local.LocalAwsStack;
import org.turnout.local.secrets.SecretsManagerApi;
import org.turnout.security.LinkClaims;
import org.turnout.security.LinkSigner;
import org.turnout.security.LinkVerification;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * A rotation of the link-signing keys as Secrets Manager runs it (RotateSecret, then the rotation function's four
 * steps, each retried once as the service may), on the local Secrets Manager provisioned from template.yaml, seen
 * by two functions: one that read the keys before the rotation and keeps them cached, one that reads them after.
 */
class LinkKeyRotationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LinkClaims UNSUBSCRIBE = new LinkClaims(LinkClaims.UNSUBSCRIBE, "demo", "c0ffee", "m-1");

    private static LocalAwsStack stack;
    private static SecretsManagerApi secretsManager;
    private static SecretsManagerClient client;
    private static String keysArn;

    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-07T10:00:00Z"));
    private final List<String> steps = new ArrayList<>();

    @BeforeAll
    static void start() {
        stack = LocalAwsStack.start(EnumSet.noneOf(Emulator.class));
        secretsManager = SecretsManagerApi.forTemplate(stack, line -> { });
        client = SecretsManagerClient.builder().endpointOverride(secretsManager.endpoint()).region(Region.EU_WEST_3)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))).build();
        keysArn = stack.resources().ref("LinkSigningKeys");
    }

    @AfterAll
    static void stop() {
        client.close();
        secretsManager.close();
        stack.close();
    }

    private LinkSigner function() {
        return new LinkSigner(new SecretStore(SecretSource.of(client), clock), Optional.of(keysArn), clock);
    }

    private void rotate() {
        LinkKeyRotation rotation = new LinkKeyRotation(client, clock, Duration.ofDays(365));
        secretsManager.secrets().rotateWith((functionArn, event) -> {
            JsonNode call = read(event);
            LinkKeyRotation.Step step = LinkKeyRotation.Step.of(call.path("Step").asText());
            steps.add(call.path("Step").asText());
            for (int attempt = 0; attempt < 2; attempt++) {
                rotation.run(call.path("SecretId").asText(), call.path("ClientRequestToken").asText(), step);
            }
        });
        client.rotateSecret(r -> r.secretId(keysArn));
    }

    @Test
    void linksSignedBeforeARotationStillVerifyAndNewOnesVerifyInAFunctionThatCachedTheOldKeys() {
        LinkSigner warm = function();
        String before = warm.sign(UNSUBSCRIBE, Duration.ofDays(365));
        String oldKid = keyId(before);

        rotate();
        assertThat(steps).containsExactly("createSecret", "setSecret", "testSecret", "finishSecret");

        LinkSigner cold = function();
        String after = cold.sign(UNSUBSCRIBE, Duration.ofDays(365));
        assertThat(keyId(after)).isNotEqualTo(oldKid);
        // the warm function still signs with the key it cached, until its cache is due
        assertThat(keyId(warm.sign(UNSUBSCRIBE, Duration.ofDays(1)))).isEqualTo(oldKid);

        assertThat(warm.verify(after, LinkClaims.UNSUBSCRIBE)).isEqualTo(new LinkVerification.Valid(UNSUBSCRIBE));
        assertThat(warm.verify(before, LinkClaims.UNSUBSCRIBE)).isEqualTo(new LinkVerification.Valid(UNSUBSCRIBE));
        assertThat(cold.verify(before, LinkClaims.UNSUBSCRIBE)).isEqualTo(new LinkVerification.Valid(UNSUBSCRIBE));

        clock.advance(SecretStore.REFRESH_AFTER);
        assertThat(keyId(warm.sign(UNSUBSCRIBE, Duration.ofDays(1)))).isEqualTo(keyId(after));
    }

    @Test
    void eachRotationKeepsThePreviousKeysAndTheCurrentOneStaysSingle() throws Exception {
        String before = function().sign(UNSUBSCRIBE, Duration.ofDays(365));
        rotate();
        clock.advance(Duration.ofDays(30));
        rotate();

        LinkSigningKeys keys = LinkSigningKeys.parse(client.getSecretValue(r -> r.secretId(keysArn)).secretString());
        assertThat(keys.keyIds()).hasSizeGreaterThanOrEqualTo(3).contains(keyId(before));
        assertThat(client.describeSecret(r -> r.secretId(keysArn)).versionIdsToStages().values())
                .filteredOn(stages -> stages.contains("AWSCURRENT")).hasSize(1);
        assertThat(client.describeSecret(r -> r.secretId(keysArn)).versionIdsToStages().values())
                .noneMatch(stages -> stages.contains("AWSPENDING"));
        assertThat(function().verify(before, LinkClaims.UNSUBSCRIBE)).isInstanceOf(LinkVerification.Valid.class);
    }

    @Test
    void aLinkWithAKeyIdNobodyIssuedIsInvalidAndCostsOneReadAtMost() {
        List<String> reads = new ArrayList<>();
        SecretSource secretsManager = SecretSource.of(client);
        LinkSigner warm = new LinkSigner(new SecretStore(id -> {
            reads.add(id);
            return secretsManager.currentValue(id);
        }, clock), Optional.of(keysArn), clock);
        String genuine = warm.sign(UNSUBSCRIBE, Duration.ofDays(1));
        String[] parts = genuine.split("\\.");
        String forgedHeader = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"kid\":\"made-up\",\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < 5; i++) {
            assertThat(warm.verify(forgedHeader + "." + parts[1] + "." + parts[2], LinkClaims.UNSUBSCRIBE))
                    .isInstanceOf(LinkVerification.Invalid.class);
        }
        assertThat(reads).hasSize(2);
    }

    private static String keyId(String token) {
        return read(new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8)).path("kid").asText();
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
