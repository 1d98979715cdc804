package org.turnout.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A plain HTTP client plays the function's runtime, as the runtime interface client would. */
class LambdaRuntimeApiTest {

    private static final String ARN = "arn:aws:lambda:eu-west-3:000000000000:function:echo";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final LambdaRuntimeApi api = LambdaRuntimeApi.start("EchoFunction", ARN, 0);

    @AfterEach
    void close() {
        api.close();
    }

    @Test
    void theRuntimeTakesTheNextEventAndPostsItsResponse() throws Exception {
        assertThat(api.address()).isEqualTo("127.0.0.1:" + api.port());
        CompletableFuture<Instant> ready = api.firstPoll();
        long before = System.currentTimeMillis();
        CompletableFuture<byte[]> response = api.invoke(bytes("{\"n\":1}"), Duration.ofSeconds(10));

        HttpResponse<String> next = get("invocation/next");
        assertThat(ready).isCompleted();
        assertThat(next.statusCode()).isEqualTo(200);
        assertThat(next.body()).isEqualTo("{\"n\":1}");
        String requestId = next.headers().firstValue("Lambda-Runtime-Aws-Request-Id").orElseThrow();
        assertThat(requestId).matches("[0-9a-f-]{36}");
        assertThat(Long.parseLong(next.headers().firstValue("Lambda-Runtime-Deadline-Ms").orElseThrow()))
                .isBetween(before + 9_000, System.currentTimeMillis() + 10_000);
        assertThat(next.headers().firstValue("Lambda-Runtime-Invoked-Function-Arn")).hasValue(ARN);
        assertThat(next.headers().firstValue("Lambda-Runtime-Trace-Id").orElseThrow())
                .matches("Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0");
        assertThat(response).isNotDone();

        HttpResponse<String> posted = post("invocation/" + requestId + "/response", "{\"ok\":true}");

        assertThat(posted.statusCode()).isEqualTo(202);
        assertThat(new String(response.get(5, TimeUnit.SECONDS), StandardCharsets.UTF_8)).isEqualTo("{\"ok\":true}");
        assertThat(post("invocation/" + requestId + "/response", "{}").statusCode())
                .as("a second answer to the same invocation").isEqualTo(400);
    }

    @Test
    void anErrorFromTheRuntimeFailsTheInvocationWithItsTypeAndMessage() throws Exception {
        CompletableFuture<byte[]> response = api.invoke(bytes("{}"), Duration.ofSeconds(10));
        String requestId = get("invocation/next").headers().firstValue("Lambda-Runtime-Aws-Request-Id").orElseThrow();

        HttpResponse<String> posted = post("invocation/" + requestId + "/error",
                "{\"errorMessage\":\"boom\",\"errorType\":\"java.lang.IllegalStateException\"}");

        assertThat(posted.statusCode()).isEqualTo(202);
        assertThatThrownBy(() -> response.get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(LambdaInvocationException.class)
                .hasMessage("EchoFunction failed on " + requestId + ": java.lang.IllegalStateException: boom");
    }

    @Test
    void eventsWaitForTheRuntimeAndAreServedInOrder() throws Exception {
        CompletableFuture<byte[]> first = api.invoke(bytes("1"), Duration.ofSeconds(10));
        CompletableFuture<byte[]> second = api.invoke(bytes("2"), Duration.ofSeconds(10));

        for (String expected : new String[] {"1", "2"}) {
            HttpResponse<String> next = get("invocation/next");
            assertThat(next.body()).isEqualTo(expected);
            post("invocation/" + next.headers().firstValue("Lambda-Runtime-Aws-Request-Id").orElseThrow() + "/response",
                    "r" + expected);
        }

        assertThat(first.get(5, TimeUnit.SECONDS)).asString(StandardCharsets.UTF_8).isEqualTo("r1");
        assertThat(second.get(5, TimeUnit.SECONDS)).asString(StandardCharsets.UTF_8).isEqualTo("r2");
    }

    @Test
    void anInvocationNobodyAnswersTimesOut() {
        CompletableFuture<byte[]> response = api.invoke(bytes("{}"), Duration.ofMillis(300));

        assertThatThrownBy(() -> response.get(5, TimeUnit.SECONDS))
                .cause().isInstanceOf(LambdaTimeoutException.class)
                .hasMessageStartingWith("EchoFunction did not answer ")
                .hasMessageEndingWith(": Task timed out after 0.30 seconds");
    }

    @Test
    void anInitErrorFailsReadinessAndWaitingInvocations() throws Exception {
        CompletableFuture<byte[]> response = api.invoke(bytes("{}"), Duration.ofSeconds(10));

        HttpResponse<String> posted = post("init/error", "{\"errorMessage\":\"Class not found: x.Handler\","
                + "\"errorType\":\"Runtime.ImportModuleError\"}");

        assertThat(posted.statusCode()).isEqualTo(202);
        String reason = "EchoFunction failed to initialise: Runtime.ImportModuleError: Class not found: x.Handler";
        assertThatThrownBy(() -> api.firstPoll().get(5, TimeUnit.SECONDS)).cause().hasMessage(reason);
        assertThatThrownBy(() -> response.get(5, TimeUnit.SECONDS)).cause().hasMessage(reason);
    }

    @Test
    void closingFailsWhatIsPendingWithTheReason() {
        CompletableFuture<byte[]> response = api.invoke(bytes("{}"), Duration.ofSeconds(10));

        api.closeWith("EchoFunction's process exited with code 137");

        assertThatThrownBy(() -> response.get(5, TimeUnit.SECONDS))
                .cause().isInstanceOf(LambdaInvocationException.class)
                .hasMessage("EchoFunction's process exited with code 137");
        assertThat(api.invoke(bytes("{}"), Duration.ofSeconds(1))).isCompletedExceptionally();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(5)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(5))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://" + api.address() + LambdaRuntimeApi.PREFIX + path);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
