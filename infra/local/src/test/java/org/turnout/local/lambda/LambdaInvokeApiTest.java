package org.turnout.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvalidRequestContentException;
import software.amazon.awssdk.services.lambda.model.InvocationType;
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

    @BeforeAll
    static void start() {
        LocalFunction echo = function("EchoFunction", "turnout-local-echo", Set.of("live"),
                (event, timeout) -> CompletableFuture.completedFuture(event));
        LocalFunction failing = function("FailingFunction", "turnout-local-failing", Set.of(),
                (event, timeout) -> CompletableFuture.failedFuture(new FunctionError("FailingFunction failed: boom",
                        "java.lang.IllegalStateException",
                        "{\"errorMessage\":\"boom\",\"errorType\":\"java.lang.IllegalStateException\"}".getBytes(StandardCharsets.UTF_8))));
        api = new LambdaInvokeApi(List.of(echo, failing), REGION, ACCOUNT, line -> { }).start(0);
        lambda = LambdaClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + api.port()))
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
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
        long deadline = System.currentTimeMillis() + 5_000;
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
