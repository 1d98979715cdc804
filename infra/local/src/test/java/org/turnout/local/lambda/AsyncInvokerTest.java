package org.turnout.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Lambda's asynchronous invocation, in front of a fake function that fails as often as it is told. */
class AsyncInvokerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ARN = "arn:aws:lambda:eu-west-3:000000000000:function:turnout-local-import";
    private static final EventInvokeConfig.Destination FAILURES = new EventInvokeConfig.Destination("SQS",
            "arn:aws:sqs:eu-west-3:000000000000:failures");
    private static final EventInvokeConfig.Destination SUCCESSES = new EventInvokeConfig.Destination("Lambda",
            "arn:aws:lambda:eu-west-3:000000000000:function:next");
    private static final byte[] ERROR = "{\"errorMessage\":\"boom\",\"errorType\":\"java.lang.IllegalStateException\"}"
            .getBytes(StandardCharsets.UTF_8);

    private final List<String> requestIds = Collections.synchronizedList(new ArrayList<>());
    private final List<Instant> attempts = Collections.synchronizedList(new ArrayList<>());
    private final List<JsonNode> sent = Collections.synchronizedList(new ArrayList<>());
    private final List<EventInvokeConfig.Destination> sentTo = Collections.synchronizedList(new ArrayList<>());
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private AsyncInvoker async;

    @AfterEach
    void close() {
        async.close();
    }

    @Test
    void aFailingEventIsRetriedUnderTheSameRequestIdThenItsRecordGoesToTheOnFailureDestination() throws Exception {
        async = invoker(failing(Integer.MAX_VALUE), new EventInvokeConfig(2, Duration.ofHours(6), Optional.of(SUCCESSES),
                Optional.of(FAILURES)), List.of(Duration.ofMillis(100), Duration.ofMillis(200)));

        String requestId = async.submit("{\"Records\":[{\"eventName\":\"ObjectCreated:Put\"}]}".getBytes(StandardCharsets.UTF_8));

        awaitSent(1);
        assertThat(requestIds).containsExactly(requestId, requestId, requestId);
        assertThat(Duration.between(attempts.get(0), attempts.get(1))).isGreaterThanOrEqualTo(Duration.ofMillis(100));
        assertThat(Duration.between(attempts.get(1), attempts.get(2))).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        assertThat(sentTo).containsExactly(FAILURES);
        JsonNode record = sent.get(0);
        assertThat(fieldNames(record)).containsExactly("version", "timestamp", "requestContext", "requestPayload",
                "responseContext", "responsePayload");
        assertThat(record.path("version").asText()).isEqualTo("1.0");
        assertThat(record.path("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(record.path("requestContext")).isEqualTo(JSON.readTree("""
                {"requestId":"%s","functionArn":"%s:$LATEST","condition":"RetriesExhausted","approximateInvokeCount":3}"""
                .formatted(requestId, ARN)));
        assertThat(record.path("requestPayload")).isEqualTo(JSON.readTree("{\"Records\":[{\"eventName\":\"ObjectCreated:Put\"}]}"));
        assertThat(record.path("responseContext")).isEqualTo(JSON.readTree(
                "{\"statusCode\":200,\"executedVersion\":\"$LATEST\",\"functionError\":\"Unhandled\"}"));
        assertThat(record.path("responsePayload")).isEqualTo(JSON.readTree(ERROR));
        assertThat(log).anyMatch(line -> line.contains("failed (attempt 1 of 3)") && line.contains("retried in 0.1 s"))
                .anyMatch(line -> line.contains("its record went to SQS " + FAILURES.arn()));
    }

    @Test
    void anEventThatSucceedsOnARetryGoesToTheOnSuccessDestinationWithTheResponse() throws Exception {
        async = invoker(failing(1), new EventInvokeConfig(2, Duration.ofHours(6), Optional.of(SUCCESSES), Optional.of(FAILURES)),
                List.of(Duration.ofMillis(10)));

        String requestId = async.submit("{}".getBytes(StandardCharsets.UTF_8));

        awaitSent(1);
        assertThat(sentTo).containsExactly(SUCCESSES);
        assertThat(sent.get(0).path("requestContext").path("condition").asText()).isEqualTo("Success");
        assertThat(sent.get(0).path("requestContext").path("approximateInvokeCount").asInt()).isEqualTo(2);
        assertThat(sent.get(0).path("requestContext").path("requestId").asText()).isEqualTo(requestId);
        assertThat(sent.get(0).path("responseContext").has("functionError")).isFalse();
        assertThat(sent.get(0).path("responsePayload").asText()).isEqualTo("done");
    }

    @Test
    void withoutRetriesNorDestinationAFailedEventIsDroppedAfterOneAttempt() throws Exception {
        async = invoker(failing(Integer.MAX_VALUE), new EventInvokeConfig(0, Duration.ofHours(6), Optional.empty(), Optional.empty()),
                List.of(Duration.ofMillis(10)));

        async.submit("{}".getBytes(StandardCharsets.UTF_8));

        long deadline = System.currentTimeMillis() + 60_000;
        while (log.stream().noneMatch(line -> line.contains("dropped")) && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        assertThat(requestIds).hasSize(1);
        assertThat(log).anyMatch(line -> line.contains("dropped (RetriesExhausted): the function has no on-failure destination"));
    }

    @Test
    void aTimeoutOrADeadProcessIsAFailureWithLambdasOwnErrorDocument() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        FunctionInvoker dying = (event, timeout) -> CompletableFuture.failedFuture(calls.incrementAndGet() == 1
                ? new LambdaTimeoutException("ImportFunction did not answer")
                : new LambdaInvocationException("ImportFunction's process 42 exited with code 137"));
        async = invoker(dying, new EventInvokeConfig(1, Duration.ofHours(6), Optional.empty(), Optional.of(FAILURES)),
                List.of(Duration.ofMillis(10)));

        String requestId = async.submit("{}".getBytes(StandardCharsets.UTF_8));

        awaitSent(1);
        assertThat(sent.get(0).path("responsePayload")).isEqualTo(JSON.readTree("""
                {"errorType":"Runtime.ExitError","errorMessage":"RequestId: %s Error: ImportFunction's process 42 exited with code 137"}"""
                .formatted(requestId)));
        assertThat(JSON.readTree(FunctionErrors.document(new LambdaTimeoutException("late"), "r-1", Duration.ofSeconds(900))))
                .isEqualTo(JSON.readTree("{\"errorType\":\"Sandbox.Timedout\",\"errorMessage\":\"RequestId: r-1 Error: Task timed out after 900.00 seconds\"}"));
    }

    private AsyncInvoker invoker(FunctionInvoker function, EventInvokeConfig config, List<Duration> delays) {
        FunctionDefinition definition = new FunctionDefinition("ImportFunction", "turnout-local-import", ARN,
                "handler", Path.of("function.zip"), 1024, Duration.ofSeconds(30), Map.of());
        return new AsyncInvoker(definition, function, config, delays, 2, (destination, record) -> {
            sentTo.add(destination);
            sent.add(JSON.readTree(record));
        }, log::add);
    }

    /** Fails the first {@code failures} invocations with an error document, then answers "done". */
    private FunctionInvoker failing(int failures) {
        AtomicInteger calls = new AtomicInteger();
        return new FunctionInvoker() {
            @Override
            public CompletableFuture<byte[]> invoke(byte[] event, Duration timeout) {
                throw new AssertionError("asynchronous invocations keep their request id");
            }

            @Override
            public CompletableFuture<byte[]> invoke(String requestId, byte[] event, Duration timeout) {
                requestIds.add(requestId);
                attempts.add(Instant.now());
                return calls.incrementAndGet() <= failures
                        ? CompletableFuture.failedFuture(new FunctionError("ImportFunction failed on " + requestId + ": boom",
                                "java.lang.IllegalStateException", ERROR))
                        : CompletableFuture.completedFuture("\"done\"".getBytes(StandardCharsets.UTF_8));
            }
        };
    }

    private void awaitSent(int count) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (sent.size() < count && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        assertThat(sent).as("records sent; log: %s", log).hasSize(count);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
