package org.turnout.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.SendQuota;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** The emulators, reached the way the functions reach AWS: default-built clients and standard settings. */
@ExtendWith(SharedLocalStack.class)
class LocalAwsStackTest {

    private static final Map<String, String> previousProperties = new HashMap<>();

    private final LocalAwsStack stack;

    LocalAwsStackTest(LocalAwsStack stack) {
        this.stack = stack;
    }

    @BeforeAll
    static void pointTheSdkAtTheStack(LocalAwsStack stack) {
        stack.sdkSystemProperties().forEach((name, value) -> previousProperties.put(name, System.setProperty(name, value)));
    }

    @AfterAll
    static void restoreSystemProperties() {
        previousProperties.forEach((name, value) -> {
            if (value == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, value);
            }
        });
    }

    @Test
    void createsTheTemplatesTableWithItsIndexes() {
        TableDescription table = stack.clients().dynamoDb()
                .describeTable(request -> request.tableName(stack.resources().physicalName("Table"))).table();

        assertThat(table.tableName()).isEqualTo("turnout-local-table");
        assertThat(table.keySchema()).extracting(key -> key.attributeName()).containsExactly("PK", "SK");
        assertThat(table.globalSecondaryIndexes()).extracting(GlobalSecondaryIndexDescription::indexName)
                .containsExactlyInAnyOrder("GSI1", "GSI2");
        assertThat(table.globalSecondaryIndexes()).allSatisfy(index ->
                assertThat(index.projection().projectionTypeAsString()).isEqualTo("ALL"));
    }

    @Test
    void aDefaultDynamoDbClientReachesDynalite() {
        String table = stack.resources().physicalName("Table");
        Map<String, AttributeValue> key = Map.of("PK", AttributeValue.fromS("ORG#o#C#1"), "SK", AttributeValue.fromS("C"));
        Map<String, AttributeValue> item = new HashMap<>(key);
        item.put("email", AttributeValue.fromS("ada@example.org"));

        try (DynamoDbClient dynamoDb = DynamoDbClient.builder().build()) {
            dynamoDb.putItem(request -> request.tableName(table).item(item));

            assertThat(dynamoDb.getItem(request -> request.tableName(table).key(key)).item()).isEqualTo(item);
        }
    }

    @Test
    void aDefaultS3ClientStoresObjectsIntactInS3Proxy() {
        String bucket = stack.resources().physicalName("Bucket");
        byte[] small = "email,first_name\nada@example.org,Ada\n".getBytes(StandardCharsets.UTF_8);
        byte[] large = new byte[2 * 1024 * 1024 + 17];
        new Random(42).nextBytes(large);

        try (S3Client s3 = S3Client.builder().build()) {
            s3.putObject(request -> request.bucket(bucket).key("imports/o/small.csv"), RequestBody.fromBytes(small));
            s3.putObject(request -> request.bucket(bucket).key("imports/o/large.bin"), RequestBody.fromBytes(large));
            s3.putObject(request -> request.bucket(bucket).key("imports/o/streamed.bin"),
                    RequestBody.fromInputStream(new ByteArrayInputStream(large), large.length));

            assertThat(s3.getObjectAsBytes(request -> request.bucket(bucket).key("imports/o/small.csv")).asByteArray())
                    .isEqualTo(small);
            assertThat(s3.getObjectAsBytes(request -> request.bucket(bucket).key("imports/o/large.bin")).asByteArray())
                    .isEqualTo(large);
            assertThat(s3.getObjectAsBytes(request -> request.bucket(bucket).key("imports/o/streamed.bin")).asByteArray())
                    .isEqualTo(large);
        }
    }

    @Test
    void aDefaultSqsClientReachesElasticMq() {
        try (SqsClient sqs = SqsClient.builder().build()) {
            String queueUrl = sqs.createQueue(request -> request.queueName("stack-test")).queueUrl();
            sqs.sendMessage(request -> request.queueUrl(queueUrl).messageBody("{\"mailing\":\"m1\"}"));

            List<Message> received = sqs.receiveMessage(request -> request.queueUrl(queueUrl).waitTimeSeconds(5)).messages();

            assertThat(queueUrl).startsWith(stack.endpoint(Emulator.SQS).toString());
            assertThat(received).extracting(Message::body).containsExactly("{\"mailing\":\"m1\"}");
        }
    }

    @Test
    void aDefaultSesClientSendsIntoTheEmulatorsStore() {
        stack.clearSentEmails();
        try (SesV2Client ses = SesV2Client.builder().build()) {
            String messageId = ses.sendEmail(request -> request
                    .fromEmailAddress("noreply@example.org")
                    .destination(to -> to.toAddresses("ada@example.org"))
                    .configurationSetName(stack.resources().physicalName("ConfigurationSet"))
                    .content(content -> content.simple(message -> message
                            .subject(subject -> subject.data("Hello Ada"))
                            .body(body -> body.text(text -> text.data("Vote!")))
                            .headers(header -> header.name("List-Unsubscribe-Post").value("List-Unsubscribe=One-Click")))))
                    .messageId();

            List<JsonNode> sent = stack.sentEmails();

            assertThat(sent).hasSize(1);
            assertThat(sent.get(0).path("messageId").asText()).isEqualTo(messageId);
            assertThat(sent.get(0).path("subject").asText()).isEqualTo("Hello Ada");
            assertThat(sent.get(0).path("destination").path("to").get(0).asText()).isEqualTo("ada@example.org");
            assertThat(sent.get(0).path("headers").get(0).path("value").asText()).isEqualTo("List-Unsubscribe=One-Click");
        }
        stack.clearSentEmails();
        assertThat(stack.sentEmails()).isEmpty();
    }

    @Test
    void sesGetAccountAnswersTheConfiguredQuota() {
        try (SesV2Client ses = SesV2Client.builder().build()) {
            SendQuota quota = ses.getAccount(request -> { }).sendQuota();

            assertThat(quota.maxSendRate()).isEqualTo(14.0);
            assertThat(quota.max24HourSend()).isEqualTo(50_000.0);
        }
    }

    @Test
    void theEnvironmentPointsAChildProcessesDefaultClientsAtTheStack() throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SdkEnvironmentProbe.class.getName()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("AWS_"));
        builder.environment().putAll(stack.environment());
        Process probe = builder.start();
        String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(probe.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(probe.exitValue()).as(output).isZero();
        assertThat(output)
                .contains("tables [" + stack.resources().physicalName("Table") + "]")
                .contains(stack.resources().physicalName("Bucket"))
                .contains("queue " + stack.endpoint(Emulator.SQS) + "/000000000000/probe")
                .contains("max-send-rate 14.0");
    }

    @Test
    void namesTheSdksStandardSettings() {
        assertThat(stack.sdkSystemProperties()).containsOnlyKeys("aws.region", "aws.accessKeyId", "aws.secretAccessKey",
                "aws.endpointUrlDynamoDb", "aws.endpointUrlS3", "aws.endpointUrlSesV2", "aws.endpointUrlSqs");
        assertThat(stack.environment()).containsOnlyKeys("AWS_REGION", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
                "AWS_ENDPOINT_URL_DYNAMODB", "AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL_SESV2", "AWS_ENDPOINT_URL_SQS");
        assertThat(stack.environment().get("AWS_ENDPOINT_URL_DYNAMODB")).isEqualTo(stack.endpoint(Emulator.DYNAMODB).toString());
        assertThat(stack.region()).isEqualTo("eu-west-3");
    }
}
