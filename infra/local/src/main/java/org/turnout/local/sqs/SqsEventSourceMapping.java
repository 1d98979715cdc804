package org.turnout.local.sqs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.turnout.local.LogText;
import org.turnout.local.lambda.FunctionErrors;
import org.turnout.local.lambda.FunctionInvoker;
import org.turnout.local.lambda.LambdaTimeoutException;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Lambda's event source mapping for one SQS queue: pollers long-poll the queue, gather up to {@code BatchSize}
 * messages within {@code MaximumBatchingWindowInSeconds}, and invoke the function synchronously with them. A
 * success deletes the batch; with {@code ReportBatchItemFailures} only the messages that the answer does not list
 * in {@code batchItemFailures} (an answer Lambda cannot read fails the whole batch). A function error leaves the
 * whole batch: its messages come back after the queue's visibility timeout, and the queue's own redrive policy
 * moves those received too often to its dead-letter queue. As many batches run at once as there are pollers.
 */
public final class SqsEventSourceMapping implements AutoCloseable {

    /** Lambda's long poll. */
    static final int WAIT_SECONDS = 20;
    /** SQS receives and deletes at most 10 messages per call. */
    private static final int SQS_MAX_MESSAGES = 10;
    /** On top of the function's timeout, for the runtime to answer. */
    private static final Duration ANSWER_MARGIN = Duration.ofSeconds(5);
    private static final Duration BACK_OFF = Duration.ofSeconds(1);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SqsClient sqs;
    private final SqsEventSource source;
    private final String queueUrl;
    private final FunctionInvoker function;
    private final Duration functionTimeout;
    private final String region;
    private final Consumer<String> log;
    private final List<Thread> pollers = new ArrayList<>();
    private volatile boolean closed;
    private volatile String lastError;

    /**
     * @param function   the function's pool of execution environments
     * @param concurrency how many batches may be in the function at once (its reserved concurrency)
     * @param log        one line per batch and its outcome
     */
    public SqsEventSourceMapping(SqsClient sqs, SqsEventSource source, String queueUrl, FunctionInvoker function,
                                 Duration functionTimeout, int concurrency, String region, Consumer<String> log) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("An event source mapping needs at least one poller");
        }
        this.sqs = sqs;
        this.source = source;
        this.queueUrl = queueUrl;
        this.function = function;
        this.functionTimeout = functionTimeout;
        this.region = region;
        this.log = log;
        for (int i = 0; i < concurrency; i++) {
            Thread poller = new Thread(this::poll, "sqs-" + source.functionLogicalId() + "-" + i);
            poller.setDaemon(true);
            pollers.add(poller);
        }
    }

    public SqsEventSource source() {
        return source;
    }

    public int concurrency() {
        return pollers.size();
    }

    public SqsEventSourceMapping start() {
        pollers.forEach(Thread::start);
        return this;
    }

    /** Stops polling; a batch being received when it stops is made visible again for the next run. */
    @Override
    public void close() {
        closed = true;
        pollers.forEach(Thread::interrupt);
    }

    /**
     * After {@link #close()}, waits until every poller has stopped (a long poll under way ends within
     * {@value #WAIT_SECONDS} s), so that no batch is held any more: for a test whose queue others use next.
     *
     * @return whether they all stopped in time
     */
    public boolean awaitStopped(Duration timeout) throws InterruptedException {
        Instant until = Instant.now().plus(timeout);
        for (Thread poller : pollers) {
            long left = Duration.between(Instant.now(), until).toMillis();
            if (left > 0) {
                poller.join(left);
            }
        }
        return pollers.stream().noneMatch(Thread::isAlive);
    }

    private void poll() {
        while (!closed) {
            try {
                List<Message> batch = gather();
                if (closed) {
                    release(batch);
                    return;
                }
                if (!batch.isEmpty()) {
                    deliver(batch);
                }
                lastError = null;
            } catch (SdkException e) {
                if (closed) {
                    return;
                }
                // said once, not once per poller and poll, while the queue cannot be reached
                String error = LogText.escape(e.getMessage());
                if (!error.equals(lastError)) {
                    log.accept("cannot poll " + source.queueName() + " for " + source.functionLogicalId() + ": " + error);
                }
                lastError = error;
                pause(BACK_OFF);
            } catch (RuntimeException e) {
                log.accept(source.queueName() + " -> " + source.functionLogicalId() + ": " + LogText.escape(e.toString()));
                pause(BACK_OFF);
            }
        }
    }

    /** One long poll; then, with a batching window, more short ones until the batch is full or the window over. */
    private List<Message> gather() {
        List<Message> batch = new ArrayList<>(receive(WAIT_SECONDS, Math.min(SQS_MAX_MESSAGES, source.batchSize())));
        if (batch.isEmpty() || source.maximumBatchingWindow().isZero()) {
            return batch;
        }
        Instant windowEnds = Instant.now().plus(source.maximumBatchingWindow());
        while (batch.size() < source.batchSize() && !closed) {
            long left = Duration.between(Instant.now(), windowEnds).toMillis();
            if (left <= 0) {
                break;
            }
            List<Message> more = receive((int) (left / 1000), Math.min(SQS_MAX_MESSAGES, source.batchSize() - batch.size()));
            more.forEach(message -> addLatest(batch, message));
            if (more.isEmpty() && left < 1000) {
                pause(Duration.ofMillis(Math.min(left, 100)));
            }
        }
        return batch;
    }

    /**
     * A message whose visibility timeout ran out within the window comes again: only its latest receipt counts (SQS
     * deletes with the latest receipt handle), so it is in the batch once.
     */
    private static void addLatest(List<Message> batch, Message message) {
        batch.removeIf(earlier -> earlier.messageId().equals(message.messageId()));
        batch.add(message);
    }

    private List<Message> receive(int waitSeconds, int maxMessages) {
        return sqs.receiveMessage(request -> request.queueUrl(queueUrl).waitTimeSeconds(waitSeconds)
                .maxNumberOfMessages(maxMessages)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                .attributeNames(QueueAttributeName.ALL)
                .messageAttributeNames("All")).messages();
    }

    private void deliver(List<Message> batch) {
        String requestId = UUID.randomUUID().toString();
        byte[] event = SqsEvent.of(batch, source.queueArn(), region).toString().getBytes(StandardCharsets.UTF_8);
        String what = source.queueName() + ": " + batch.size() + " message(s) -> " + source.functionLogicalId()
                + " (request " + requestId + ")";
        byte[] response;
        try {
            response = function.invoke(requestId, event, functionTimeout)
                    .get(functionTimeout.plus(ANSWER_MARGIN).toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof TimeoutException
                    ? new LambdaTimeoutException(source.functionLogicalId() + " gave no answer in time") : FunctionErrors.unwrap(e);
            log.accept(what + " failed: " + LogText.escape(cause.getMessage())
                    + "; the batch comes back after the queue's visibility timeout");
            return;
        }
        Set<String> failed = source.reportBatchItemFailures() ? reportedFailures(response, batch) : Set.of();
        if (failed == null) {
            log.accept(what + " answered batchItemFailures that Lambda cannot read ("
                    + LogText.escape(new String(response, StandardCharsets.UTF_8)) + "): the whole batch comes back");
            return;
        }
        List<Message> done = batch.stream().filter(message -> !failed.contains(message.messageId())).toList();
        delete(done);
        log.accept(what + ": " + done.size() + " done" + (failed.isEmpty() ? ""
                : ", " + failed.size() + " reported failed, back after the queue's visibility timeout"));
    }

    /**
     * The ids in {@code batchItemFailures}: none when the answer is empty or has no such list; {@code null} (the
     * whole batch failed) when it is not JSON or an item names no message of the batch, as Lambda reads it.
     */
    static Set<String> reportedFailures(byte[] response, List<Message> batch) {
        if (response.length == 0) {
            return Set.of();
        }
        JsonNode answer;
        try {
            answer = JSON.readTree(response);
        } catch (IOException e) {
            return null;
        }
        if (answer == null || answer.isNull() || answer.isMissingNode()) {
            return Set.of();
        }
        JsonNode failures = answer.get("batchItemFailures");
        if (failures == null || failures.isNull()) {
            return Set.of();
        }
        if (!failures.isArray()) {
            return null;
        }
        Set<String> inBatch = new HashSet<>();
        batch.forEach(message -> inBatch.add(message.messageId()));
        Set<String> failed = new HashSet<>();
        for (JsonNode failure : failures) {
            JsonNode id = failure.get("itemIdentifier");
            if (id == null || !id.isTextual() || !inBatch.contains(id.asText())) {
                return null;
            }
            failed.add(id.asText());
        }
        return failed;
    }

    private void delete(List<Message> messages) {
        for (int from = 0; from < messages.size(); from += SQS_MAX_MESSAGES) {
            List<Message> chunk = messages.subList(from, Math.min(messages.size(), from + SQS_MAX_MESSAGES));
            List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < chunk.size(); i++) {
                entries.add(DeleteMessageBatchRequestEntry.builder().id(String.valueOf(i))
                        .receiptHandle(chunk.get(i).receiptHandle()).build());
            }
            var result = sqs.deleteMessageBatch(request -> request.queueUrl(queueUrl).entries(entries));
            result.failed().forEach(failure -> log.accept(source.queueName() + ": message "
                    + chunk.get(Integer.parseInt(failure.id())).messageId() + " could not be deleted ("
                    + failure.code() + "): it will be delivered again"));
        }
    }

    /** Messages received while stopping go back to the queue at once rather than after the visibility timeout. */
    private void release(List<Message> messages) {
        // stopping interrupts the poller, which would abort these calls: they are made, then it is interrupted again
        boolean interrupted = Thread.interrupted();
        try {
            releaseEach(messages);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void releaseEach(List<Message> messages) {
        for (Message message : messages) {
            try {
                sqs.changeMessageVisibility(request -> request.queueUrl(queueUrl).receiptHandle(message.receiptHandle())
                        .visibilityTimeout(0));
            } catch (SdkException e) {
                // the emulator is stopping too: the message comes back after its visibility timeout
            }
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
