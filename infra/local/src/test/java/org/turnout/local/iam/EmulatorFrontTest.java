package org.turnout.local.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sqs.SqsClient;

import org.turnout.local.Emulator;
import org.turnout.local.LocalAwsStack;
import org.turnout.local.SharedLocalStack;

/**
 * The fronts of the emulators, through the SDK's own clients as the functions build them: unknown or forged
 * credentials are refused with each service's own error, a function's credentials get what its policy in
 * template.yaml allows and the service's refusal for the rest, S3 answers a missing key with 403 to whom may not
 * list the bucket, and a presigned URL acts as its signer.
 */
@ExtendWith(SharedLocalStack.class)
class EmulatorFrontTest {

    private static final AwsCredentials STRANGER = AwsBasicCredentials.create("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG");

    private final LocalAwsStack stack;
    private final String table;
    private final String bucket;

    EmulatorFrontTest(LocalAwsStack stack) {
        this.stack = stack;
        this.table = stack.resources().physicalName("Table");
        this.bucket = stack.resources().physicalName("Bucket");
    }

    @Test
    void unknownCredentialsAreRefusedByEveryServiceWithItsOwnError() {
        try (DynamoDbClient dynamoDb = client(DynamoDbClient.builder(), Emulator.DYNAMODB, STRANGER).build();
             S3Client s3 = client(S3Client.builder(), Emulator.S3, STRANGER).forcePathStyle(true).build();
             SqsClient sqs = client(SqsClient.builder(), Emulator.SQS, STRANGER).build();
             SesV2Client ses = client(SesV2Client.builder(), Emulator.SES, STRANGER).build()) {
            assertRefused(() -> dynamoDb.listTables(), 400, "UnrecognizedClientException");
            assertRefused(() -> s3.listObjectsV2(request -> request.bucket(bucket)), 403, "InvalidAccessKeyId");
            assertRefused(() -> sqs.listQueues(), 403, "InvalidClientTokenId");
            assertRefused(() -> ses.getAccount(request -> { }), 403, "UnrecognizedClientException");
        }
    }

    @Test
    void aKnownKeySignedWithAnotherSecretIsRefused() {
        Credentials send = stack.credentials("SendFunction");
        AwsCredentials forged = AwsSessionCredentials.create(send.accessKeyId(), "not-the-secret", send.sessionToken());
        AwsCredentials noToken = AwsBasicCredentials.create(send.accessKeyId(), send.secretAccessKey());
        try (DynamoDbClient forgedClient = client(DynamoDbClient.builder(), Emulator.DYNAMODB, forged).build();
             DynamoDbClient tokenless = client(DynamoDbClient.builder(), Emulator.DYNAMODB, noToken).build()) {
            assertRefused(() -> forgedClient.listTables(), 400, "InvalidSignatureException");
            assertRefused(() -> tokenless.listTables(), 400, "UnrecognizedClientException");
        }
    }

    @Test
    void aFunctionGetsWhatItsPolicyAllowsAndDynamoDbsAccessDeniedForTheRest() {
        try (DynamoDbClient send = client(DynamoDbClient.builder(), Emulator.DYNAMODB, as("SendFunction")).build();
             DynamoDbClient feedback = client(DynamoDbClient.builder(), Emulator.DYNAMODB, as("FeedbackFunction")).build()) {
            Map<String, AttributeValue> key = Map.of("PK", AttributeValue.fromS("ORG#front-test"), "SK", AttributeValue.fromS("none"));
            assertThat(send.getItem(request -> request.tableName(table).key(key)).hasItem()).isFalse();

            assertThatThrownBy(() -> send.scan(request -> request.tableName(table)))
                    .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
                        assertThat(e.awsErrorDetails().errorMessage()).contains("assumed-role/turnout-local-sendfunctionrole/")
                                .contains("dynamodb:Scan").contains("table/" + table);
                    });
            // an index is a resource of its own: FeedbackFunction's Query on Table.Arn alone does not cover it
            assertRefused(() -> feedback.query(request -> request.tableName(table).indexName("GSI1")
                    .keyConditionExpression("GSI1PK = :pk").expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("x")))),
                    400, "AccessDeniedException");
        }
    }

    @Test
    void aMissingKeyIs403ToWhomMayNotListTheBucketAnd404ToWhomMay() {
        String missing = "elections/front-test/missing.csv";
        try (S3Client precincts = client(S3Client.builder(), Emulator.S3, as("PrecinctImportFunction")).forcePathStyle(true).build();
             S3Client admin = client(S3Client.builder(), Emulator.S3, administrator()).forcePathStyle(true).build()) {
            assertRefused(() -> precincts.getObjectAsBytes(request -> request.bucket(bucket).key(missing)), 403, "AccessDenied");
            assertThatThrownBy(() -> precincts.headObject(request -> request.bucket(bucket).key(missing)))
                    .isInstanceOfSatisfying(AwsServiceException.class, e -> assertThat(e.statusCode()).isEqualTo(403));
            assertThatThrownBy(() -> admin.getObjectAsBytes(request -> request.bucket(bucket).key(missing)))
                    .isInstanceOf(NoSuchKeyException.class);

            admin.putObject(request -> request.bucket(bucket).key("elections/front-test/results.csv"), RequestBody.fromString("a;b\n"));
            assertThat(precincts.getObjectAsBytes(request -> request.bucket(bucket).key("elections/front-test/results.csv"))
                    .asUtf8String()).isEqualTo("a;b\n");
            assertRefused(() -> precincts.putObject(request -> request.bucket(bucket).key("elections/front-test/x.csv"),
                    RequestBody.fromString("x")), 403, "AccessDenied");
        }
    }

    @Test
    void aPresignedUrlActsAsItsSignerAndOnlyForWhatWasSigned() throws Exception {
        Credentials api = stack.credentials("ApiFunction");
        try (S3Presigner presigner = S3Presigner.builder().endpointOverride(stack.endpoint(Emulator.S3))
                .region(Region.of(LocalAwsStack.REGION))
                .serviceConfiguration(software.amazon.awssdk.services.s3.S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .credentialsProvider(StaticCredentialsProvider.create(AwsSessionCredentials.create(api.accessKeyId(),
                        api.secretAccessKey(), api.sessionToken()))).build()) {
            URI allowed = presigner.presignPutObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                    .putObjectRequest(o -> o.bucket(bucket).key("imports/front-test/list.csv"))).url().toURI();
            URI notAllowed = presigner.presignPutObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                    .putObjectRequest(o -> o.bucket(bucket).key("exports/front-test/list.csv"))).url().toURI();

            assertThat(put(allowed).statusCode()).isEqualTo(200);
            HttpResponse<String> refused = put(notAllowed);
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.body()).contains("<Code>AccessDenied</Code>");
            HttpResponse<String> tampered = put(URI.create(allowed.toString().replace("list.csv", "other.csv")));
            assertThat(tampered.statusCode()).isEqualTo(403);
            assertThat(tampered.body()).contains("<Code>SignatureDoesNotMatch</Code>");
        }
    }

    @Test
    void sqsAndSesAuthoriseEachQueueAndAction() {
        String sendQueue = stack.resources().ref("SendQueue");
        try (SqsClient dispatch = client(SqsClient.builder(), Emulator.SQS, as("DispatchFunction")).build();
             SqsClient feedback = client(SqsClient.builder(), Emulator.SQS, as("FeedbackFunction")).build();
             SesV2Client sender = client(SesV2Client.builder(), Emulator.SES, as("SendFunction")).build();
             SesV2Client importer = client(SesV2Client.builder(), Emulator.SES, as("ImportFunction")).build()) {
            assertThat(dispatch.sendMessage(request -> request.queueUrl(sendQueue).messageBody("{}")).messageId()).isNotBlank();
            assertRefused(() -> feedback.sendMessage(request -> request.queueUrl(sendQueue).messageBody("{}")), 403, "AccessDenied");

            assertThat(sender.getAccount(request -> { }).sendQuota().maxSendRate()).isPositive();
            assertRefused(() -> importer.getAccount(request -> { }), 403, "AccessDeniedException");
        } finally {
            stack.clients().sqs().purgeQueue(request -> request.queueUrl(sendQueue));
        }
    }

    @Test
    void theSesMailboxIsNoAwsApiAndPassesWhileAnUnsignedApiCallIsRefused() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> store = http.send(HttpRequest.newBuilder(stack.endpoint(Emulator.SES).resolve("/store")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> account = http.send(HttpRequest.newBuilder(stack.endpoint(Emulator.SES).resolve("/v2/email/account")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(store.statusCode()).isEqualTo(200);
        assertThat(account.statusCode()).isEqualTo(403);
        assertThat(account.headers().firstValue("X-Amzn-ErrorType")).contains("MissingAuthenticationTokenException");
    }

    private HttpResponse<String> put(URI url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(url).PUT(HttpRequest.BodyPublishers.ofString("email\na@example.org\n")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private AwsCredentials as(String function) {
        Credentials credentials = stack.credentials(function);
        return AwsSessionCredentials.create(credentials.accessKeyId(), credentials.secretAccessKey(), credentials.sessionToken());
    }

    private static AwsCredentials administrator() {
        return AwsBasicCredentials.create(LocalAwsStack.ACCESS_KEY_ID, LocalAwsStack.SECRET_ACCESS_KEY);
    }

    private <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B client(B builder, Emulator emulator,
                                                                                      AwsCredentials credentials) {
        return builder.endpointOverride(stack.endpoint(emulator)).region(Region.of(LocalAwsStack.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .httpClientBuilder(ApacheHttpClient.builder());
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, int status, String code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(AwsServiceException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(status);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
        });
    }
}
