package org.turnout.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.turnout.local.iam.Credentials;
import org.turnout.local.iam.LocalIam;
import org.turnout.local.iam.Principal;
import org.turnout.local.iam.Statement;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvalidRequestContentException;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/** The SDK's Lambda client, as ImportFunction uses it, against the local Invoke API and fake functions. */
class LambdaInvokeApiTest {

    private static final String REGION = "eu-west-3";
    private static final String ACCOUNT = "000000000000";
    private static final List<String> queued = Collections.synchronizedList(new ArrayList<>());
    private static final List<AsyncInvoker> queues = new ArrayList<>();
    private static LambdaInvokeApi api;
    private static LambdaClient lambda;
    private static LocalIam iam;
    private static final List<String> refusals = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void start() {
        LocalFunction echo = function("EchoFunction", "turnout-local-echo", Set.of("live"),
                (event, timeout) -> CompletableFuture.completedFuture(event));
        LocalFunction failing = function("FailingFunction", "turnout-local-failing", Set.of(),
                (event, timeout) -> CompletableFuture.failedFuture(new FunctionError("FailingFunction failed: boom",
                        "java.lang.IllegalStateException",
                        "{\"errorMessage\":\"boom\",\"errorType\":\"java.lang.IllegalStateException\"}".getBytes(StandardCharsets.UTF_8))));
        // a caller that may invoke the echo function only, as a function's policy would say
        Principal echoOnly = new Principal("EchoCaller", "arn:aws:sts::" + ACCOUNT + ":assumed-role/echo-caller/local",
                List.of(Statement.parse(Map.of("Effect", "Allow", "Action", "lambda:InvokeFunction",
                        "Resource", "arn:aws:lambda:" + REGION + ":" + ACCOUNT + ":function:turnout-local-echo"), "EchoCaller")), false);
        iam = LocalIam.of(List.of(echoOnly), Map.of(), new Credentials("test", "test", null), Clock.systemUTC(), refusals::add);
        api = new LambdaInvokeApi(List.of(echo, failing), REGION, ACCOUNT, iam, line -> { }).start(0);
        lambda = LambdaClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + api.port()))
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(ApacheHttpClient.builder())
                .build();
    }

    @Test
    void anUnknownAccessKeyIsRefusedWithLambdasOwnError() {
        try (LambdaClient stranger = client(new Credentials("AKIAUNKNOWN000000000", "secret", null))) {
            assertThatThrownBy(() -> stranger.invoke(request -> request.functionName("turnout-local-echo")))
                    .isInstanceOfSatisfying(LambdaException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException");
                    });
        }
    }

    @Test
    void aCallerIsAuthorisedByItsPolicyFunctionByFunction() {
        try (LambdaClient caller = client(iam.credentials("EchoCaller"))) {
            assertThat(caller.invoke(request -> request.functionName("turnout-local-echo")
                    .payload(SdkBytes.fromUtf8String("{}"))).statusCode()).isEqualTo(200);
            // an alias is a qualified ARN, which the unqualified ARN of the policy does not cover (as in AWS)
            assertThatThrownBy(() -> caller.invoke(request -> request.functionName("turnout-local-echo").qualifier("live")))
                    .isInstanceOfSatisfying(LambdaException.class, e -> assertThat(e.awsErrorDetails().errorCode())
                            .isEqualTo("AccessDeniedException"));
            assertThatThrownBy(() -> caller.invoke(request -> request.functionName("turnout-local-failing")))
                    .isInstanceOfSatisfying(LambdaException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
                        assertThat(e.awsErrorDetails().errorMessage()).contains("lambda:InvokeFunction")
                                .contains("function:turnout-local-failing");
                    });
        }
        assertThat(refusals).anySatisfy(line -> assertThat(line).contains("EchoCaller").contains("lambda:InvokeFunction")
                .contains("arn:aws:lambda:eu-west-3:000000000000:function:turnout-local-failing"));
    }

    private static LambdaClient client(Credentials credentials) {
        return LambdaClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + api.port()))
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(credentials.sessionToken() == null
                        ? AwsBasicCredentials.create(credentials.accessKeyId(), credentials.secretAccessKey())
                        : AwsSessionCredentials.create(credentials.accessKeyId(), credentials.secretAccessKey(), credentials.sessionToken())))
                .httpClientBuilder(ApacheHttpClient.builder())
                .build();
    }

    @AfterAll
    static void stop() {
        lambda.close();
        api.close();
        queues.forEach(AsyncInvoker::close);
    }

    @Test
    void aRequestResponseInvocationAnswersWithTheFunctionsResponse() {
        InvokeResponse response = lambda.invoke(request -> request.functionName("turnout-local-echo")
                .payload(SdkBytes.fromUtf8String("{\"n\":1}")));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.functionError()).isNull();
        assertThat(response.executedVersion()).isEqualTo("$LATEST");
        assertThat(response.payload().asUtf8String()).isEqualTo("{\"n\":1}");
    }

    @Test
    void aFunctionErrorComesBackAsItsDocumentMarkedUnhandled() {
        InvokeResponse response = lambda.invoke(request -> request.functionName("turnout-local-failing")
                .payload(SdkBytes.fromUtf8String("{}")));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.functionError()).isEqualTo("Unhandled");
        assertThat(response.payload().asUtf8String()).contains("\"errorMessage\":\"boom\"");
    }

    @Test
    void anEventIsQueuedAndAcceptedWith202() throws InterruptedException {
        InvokeResponse response = lambda.invoke(request -> request.functionName("turnout-local-echo")
                .invocationType(InvocationType.EVENT).payload(SdkBytes.fromUtf8String("{\"continueImport\":{}}")));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.payload().asByteArray()).isEmpty();
        long deadline = System.currentTimeMillis() + 60_000;
        while (!queued.contains("{\"continueImport\":{}}") && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        assertThat(queued).contains("{\"continueImport\":{}}");
    }

    @Test
    void functionsAreNamedByNameArnOrPartialArnWithTheirQualifiers() {
        for (String name : List.of("turnout-local-echo", "turnout-local-echo:$LATEST", "turnout-local-echo:live",
                "arn:aws:lambda:eu-west-3:000000000000:function:turnout-local-echo",
                "arn:aws:lambda:eu-west-3:000000000000:function:turnout-local-echo:live",
                "000000000000:function:turnout-local-echo")) {
            assertThat(lambda.invoke(request -> request.functionName(name)).payload().asUtf8String()).as(name).isEqualTo("{}");
        }
        assertThat(lambda.invoke(request -> request.functionName("turnout-local-echo").qualifier("live")).statusCode()).isEqualTo(200);
        assertThat(lambda.invoke(request -> request.functionName("turnout-local-echo")
                .invocationType(InvocationType.DRY_RUN)).statusCode()).isEqualTo(204);
    }

    @Test
    void unknownFunctionsQualifiersAndBadPayloadsAreTheSdksExceptions() {
        for (String name : List.of("turnout-local-nothing", "turnout-local-echo:v3", "EchoFunction",
                "arn:aws:lambda:us-east-1:000000000000:function:turnout-local-echo")) {
            assertThatThrownBy(() -> lambda.invoke(request -> request.functionName(name)))
                    .as(name).isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("Function not found");
        }
        assertThatThrownBy(() -> lambda.invoke(request -> request.functionName("turnout-local-echo")
                .payload(SdkBytes.fromUtf8String("{not json"))))
                .isInstanceOf(InvalidRequestContentException.class);
    }

    private static LocalFunction function(String logicalId, String name, Set<String> aliases, FunctionInvoker invoker) {
        FunctionDefinition definition = new FunctionDefinition(logicalId, name,
                "arn:aws:lambda:" + REGION + ":" + ACCOUNT + ":function:" + name, "handler", Path.of("function.zip"), 512,
                Duration.ofSeconds(10), Map.of());
        FunctionInvoker recording = (event, timeout) -> {
            queued.add(new String(event, StandardCharsets.UTF_8));
            return CompletableFuture.completedFuture(new byte[0]);
        };
        AsyncInvoker async = new AsyncInvoker(definition, recording, EventInvokeConfig.DEFAULT, AsyncInvoker.LOCAL_RETRY_DELAYS,
                1, (destination, record) -> { }, line -> { });
        queues.add(async);
        return new LocalFunction(definition, invoker, async, aliases);
    }
}
