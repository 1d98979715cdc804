package org.turnout.local.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.turnout.local.LocalAwsStack;
import org.turnout.local.SharedLocalStack;
import org.turnout.local.TemplateFixture;
import org.turnout.local.lambda.FunctionError;
import org.turnout.local.lambda.FunctionInvoker;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The event source mapping against the real SQS emulator, invoking a function that answers as each test tells it. */
@ExtendWith(SharedLocalStack.class)
class SqsEventSourceMappingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** How long the tests wait for what must happen: far above what it takes, so that only its absence fails a test on a loaded machine. */
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final byte[] ERROR = "{\"errorMessage\":\"boom\",\"errorType\":\"java.lang.IllegalStateException\"}"
            .getBytes(StandardCharsets.UTF_8);

    private final LocalAwsStack stack;
    private final SqsClient sqs;
    private final List<JsonNode> events = Collections.synchronizedList(new ArrayList<>());
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private SqsEventSourceMapping mapping;

    SqsEventSourceMappingTest(LocalAwsStack stack) {
        this.stack = stack;
        this.sqs = stack.clients().sqs();
    }

    @AfterEach
    void stop() {
        if (mapping != null) {
            mapping.close();
        }
    }

    @Test
    void theFunctionGetsTheEventLambdaSendsThenTheMessageIsDeleted() throws Exception {
        String queueUrl = queue(Map.of());
        String body = "{\"org\":\"demo\",\"mailing\":\"m-1\",\"contact\":\"0123456789abcdef0123456789abcdef\"}";
        Instant sending = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String messageId = sqs.sendMessage(request -> request.queueUrl(queueUrl).messageBody(body).messageAttributes(Map.of(
                "trace", MessageAttributeValue.builder().dataType("String").stringValue("t-1").build()))).messageId();
        Instant sent = Instant.now();

        mapping = start(queueUrl, source(queueUrl, 10, 0, true), event -> new byte[0], 1);
        awaitUntil(() -> events.size() == 1, PATIENCE);

        JsonNode event = events.get(0);
        assertThat(event.path("Records")).hasSize(1);
        JsonNode record = event.path("Records").get(0);
        assertThat(fieldNames(record)).containsExactly("messageId", "receiptHandle", "body", "attributes",
                "messageAttributes", "md5OfBody", "md5OfMessageAttributes", "eventSource", "eventSourceARN", "awsRegion");
        assertThat(record.path("messageId").asText()).isEqualTo(messageId);
        assertThat(record.path("receiptHandle").asText()).isNotBlank();
        assertThat(record.path("body").asText()).isEqualTo(body);
        JsonNode attributes = record.path("attributes");
        assertThat(attributes.path("ApproximateReceiveCount").asText()).isEqualTo("1");
        assertThat(Instant.ofEpochMilli(Long.parseLong(attributes.path("SentTimestamp").asText())))
                .isBetween(sending, sent);
        assertThat(Long.parseLong(attributes.path("ApproximateFirstReceiveTimestamp").asText()))
                .isGreaterThanOrEqualTo(Long.parseLong(attributes.path("SentTimestamp").asText()));
        assertThat(record.path("messageAttributes")).isEqualTo(JSON.readTree(
                "{\"trace\":{\"stringValue\":\"t-1\",\"stringListValues\":[],\"binaryListValues\":[],\"dataType\":\"String\"}}"));
        assertThat(record.path("md5OfBody").asText()).isEqualTo(md5(body));
        assertThat(record.path("eventSource").asText()).isEqualTo("aws:sqs");
        assertThat(record.path("eventSourceARN").asText()).isEqualTo(queueArn(queueUrl));
        assertThat(record.path("awsRegion").asText()).isEqualTo(LocalAwsStack.REGION);
        awaitUntil(() -> messagesIn(queueUrl) == 0, PATIENCE);
    }

    @Test
    void theSampleEventHasTheShapeOfWhatTheMappingSends() throws Exception {
        String queueUrl = queue(Map.of());
        sqs.sendMessage(request -> request.queueUrl(queueUrl).messageBody("{\"org\":\"demo\"}"));
        mapping = start(queueUrl, source(queueUrl, 10, 0, true), event -> new byte[0], 1);
        awaitUntil(() -> events.size() == 1, PATIENCE);
        JsonNode sent = events.get(0).path("Records").get(0);

        JsonNode sample = JSON.readTree(org.turnout.local.RepositoryRoot.locate().path().resolve("events/sqs-send.json").toFile());

        assertThat(fieldNames(sample)).containsExactly("Records");
        for (JsonNode record : sample.path("Records")) {
            assertThat(fieldNames(record)).isEqualTo(fieldNames(sent));
            assertThat(fieldNames(record.path("attributes"))).isEqualTo(fieldNames(sent.path("attributes")));
            assertThat(record.path("md5OfBody").asText()).isEqualTo(md5(record.path("body").asText()));
            assertThat(JSON.readTree(record.path("body").asText()).path("contact").asText()).matches("[0-9a-f]{32}");
        }
    }

    @Test
    void messagesArrivingWithinTheBatchingWindowGoInOneBatchOfAtMostBatchSize() throws Exception {
        String queueUrl = queue(Map.of());
        // a window far longer than three sends take, even on a loaded machine
        mapping = start(queueUrl, source(queueUrl, 10, 10, false), event -> new byte[0], 1);
        for (int i = 0; i < 3; i++) {
            int n = i;
            sqs.sendMessage(request -> request.queueUrl(queueUrl).messageBody("spaced-" + n));
            Thread.sleep(200);
        }
        awaitUntil(() -> !events.isEmpty(), PATIENCE);
        // all three in the first batch: no other batch can hold any of them
        assertThat(bodies(events.get(0))).containsExactly("spaced-0", "spaced-1", "spaced-2");

        events.clear();
        IntStream.range(0, 25).forEach(i -> sqs.sendMessage(request -> request.queueUrl(queueUrl).messageBody("m-" + i)));
        awaitUntil(() -> events.stream().mapToInt(event -> event.path("Records").size()).sum() == 25, PATIENCE);
        assertThat(events).allSatisfy(event -> assertThat(event.path("Records").size()).isBetween(1, 10));
        assertThat(events.size()).isBetween(3, 6);
    }

    @Test
    void withReportBatchItemFailuresOnlyTheReportedMessagesComeBack() throws Exception {
        // longer than the batching window, as Lambda advises, so that the message comes back in the next batch only
        String queueUrl = queue(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "2"));
        List<String> ids = IntStream.range(0, 3).mapToObj(i -> sqs.sendMessage(request -> request.queueUrl(queueUrl)
                .messageBody("r-" + i)).messageId()).toList();
        AtomicInteger calls = new AtomicInteger();
        mapping = start(queueUrl, source(queueUrl, 10, 1, true), event -> calls.incrementAndGet() == 1
                ? ("{\"batchItemFailures\":[{\"itemIdentifier\":\"" + ids.get(1) + "\"}]}").getBytes(StandardCharsets.UTF_8)
                : "{\"batchItemFailures\":[]}".getBytes(StandardCharsets.UTF_8), 1);

        awaitUntil(() -> events.size() == 2, PATIENCE);

        assertThat(bodies(events.get(0))).containsExactlyInAnyOrder("r-0", "r-1", "r-2");
        JsonNode again = events.get(1).path("Records");
        assertThat(again).hasSize(1);
        assertThat(again.get(0).path("messageId").asText()).isEqualTo(ids.get(1));
        assertThat(again.get(0).path("attributes").path("ApproximateReceiveCount").asText()).isEqualTo("2");
        awaitUntil(() -> messagesIn(queueUrl) == 0, PATIENCE);
        assertThat(log).anyMatch(line -> line.contains("2 done, 1 reported failed"));
    }

    @Test
    void anAnswerNamingNoMessageOfTheBatchFailsTheWholeBatch() throws Exception {
        String queueUrl = queue(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "1"));
        sqs.sendMessage(request -> request.queueUrl(queueUrl).messageBody("a"));
        AtomicInteger calls = new AtomicInteger();
        mapping = start(queueUrl, source(queueUrl, 10, 0, true), event -> calls.incrementAndGet() == 1
                ? "{\"batchItemFailures\":[{\"itemIdentifier\":\"not-in-the-batch\"}]}".getBytes(StandardCharsets.UTF_8)
                : new byte[0], 1);

        awaitUntil(() -> events.size() == 2, PATIENCE);

        assertThat(bodies(events.get(1))).containsExactly("a");
        awaitUntil(() -> messagesIn(queueUrl) == 0, PATIENCE);
    }

    @Test
    void aFunctionErrorLeavesTheBatchUntilTheQueuesRedriveMovesItToTheDeadLetterQueue() throws Exception {
        String deadLettersUrl = queue(Map.of());
        String redrive = "{\"deadLetterTargetArn\":\"" + queueArn(deadLettersUrl) + "\",\"maxReceiveCount\":\"2\"}";
        String queueUrl = queue(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "1", QueueAttributeName.REDRIVE_POLICY, redrive));
        String poison = sqs.sendMessage(request -> request.queueUrl(queueUrl).messageBody("poison")).messageId();
        mapping = start(queueUrl, source(queueUrl, 10, 0, true), event -> {
            throw new FunctionError("boom", "java.lang.IllegalStateException", ERROR);
        }, 1);

        List<Message> deadLetters = receive(deadLettersUrl, PATIENCE);

        assertThat(deadLetters).singleElement().satisfies(message -> {
            assertThat(message.messageId()).isEqualTo(poison);
            assertThat(message.body()).isEqualTo("poison");
        });
        assertThat(events).hasSize(2);
        assertThat(events).extracting(event -> event.path("Records").get(0).path("attributes").path("ApproximateReceiveCount").asText())
                .containsExactly("1", "2");
        assertThat(log).anyMatch(line -> line.contains("failed: boom") && line.contains("comes back after the queue's visibility timeout"));
    }

    @Test
    void noMoreBatchesRunAtOnceThanTheConcurrencyAllows() throws Exception {
        String queueUrl = queue(Map.of());
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        CountDownLatch twoAtOnce = new CountDownLatch(2);
        IntStream.range(0, 6).forEach(i -> sqs.sendMessage(request -> request.queueUrl(queueUrl).messageBody("c-" + i)));
        mapping = start(queueUrl, source(queueUrl, 1, 0, false), event -> {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            // the first two wait for each other, however slowly the pollers start: a third would be seen now
            twoAtOnce.countDown();
            try {
                twoAtOnce.await(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running.decrementAndGet();
            return new byte[0];
        }, 2);

        awaitUntil(() -> events.size() == 6, PATIENCE);

        assertThat(mostAtOnce.get()).isEqualTo(2);
        assertThat(mapping.concurrency()).isEqualTo(2);
    }

    @Test
    void readsTheSendFunctionsQueueFromTheTemplate() {
        var template = TemplateFixture.template();
        List<SqsEventSource> sources = SqsEventSource.fromTemplate(template, TemplateFixture.unprovisioned(template), Map.of());

        assertThat(sources).singleElement().isEqualTo(new SqsEventSource("SendFunction", "Queue",
                "arn:aws:sqs:eu-west-3:000000000000:turnout-local-sendqueue", 10, Duration.ofSeconds(1), true, true,
                // no more pollers than SendFunction's reserved concurrency (SendConcurrency)
                Optional.of(4), false));
        assertThat(sources.get(0).queueName()).isEqualTo("turnout-local-sendqueue");
    }

    private SqsEventSourceMapping start(String queueUrl, SqsEventSource source, Function<JsonNode, byte[]> answer,
                                        int concurrency) {
        FunctionInvoker function = new FunctionInvoker() {
            @Override
            public CompletableFuture<byte[]> invoke(byte[] event, Duration timeout) {
                return CompletableFuture.supplyAsync(() -> {
                    JsonNode json;
                    try {
                        json = JSON.readTree(event);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    events.add(json);
                    return answer.apply(json);
                });
            }
        };
        return new SqsEventSourceMapping(sqs, source, queueUrl, function, Duration.ofSeconds(5), concurrency,
                LocalAwsStack.REGION, log::add).start();
    }

    private SqsEventSource source(String queueUrl, int batchSize, int windowSeconds, boolean reportFailures) {
        return new SqsEventSource("SendFunction", "Queue", queueArn(queueUrl), batchSize, Duration.ofSeconds(windowSeconds),
                reportFailures, true, Optional.empty(), false);
    }

    private String queue(Map<QueueAttributeName, String> attributes) {
        return sqs.createQueue(request -> request.queueName("esm-" + System.nanoTime()).attributes(attributes)).queueUrl();
    }

    private String queueArn(String queueUrl) {
        return sqs.getQueueAttributes(request -> request.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    private int messagesIn(String queueUrl) {
        Map<QueueAttributeName, String> counts = sqs.getQueueAttributes(request -> request.queueUrl(queueUrl).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .attributes();
        return Integer.parseInt(counts.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(counts.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    private List<Message> receive(String queueUrl, Duration within) {
        Instant deadline = Instant.now().plus(within);
        while (Instant.now().isBefore(deadline)) {
            List<Message> messages = sqs.receiveMessage(request -> request.queueUrl(queueUrl).waitTimeSeconds(1)).messages();
            if (!messages.isEmpty()) {
                return messages;
            }
        }
        return List.of();
    }

    private static List<String> bodies(JsonNode event) {
        List<String> bodies = new ArrayList<>();
        event.path("Records").forEach(record -> bodies.add(record.path("body").asText()));
        return bodies;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String md5(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static void awaitUntil(BooleanSupplier condition, Duration within) throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not so within " + within.toMillis() + " ms");
            }
            Thread.sleep(20);
        }
    }
}
