package org.turnout.local.lambda;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.turnout.local.LogText;

/**
 * Lambda's asynchronous invocation of one function (InvocationType {@code Event}, S3 notifications): each event
 * is queued and answered at once with its request id; workers, as many as the function's concurrency, run the
 * queued events on the function. An event whose invocation fails (the function reports an error, times out,
 * or its process dies) is retried up to the function's {@code MaximumRetryAttempts}, under the same request id;
 * then, or when it gets older than {@code MaximumEventAgeInSeconds}, the invocation record goes to the
 * on-failure destination if one is declared, else the event is dropped, as Lambda drops it. A success goes
 * to the on-success destination if there is one.
 */
public final class AsyncInvoker implements AutoCloseable {

    /** Where invocation records go: an SQS queue, another function... */
    @FunctionalInterface
    public interface Destinations {
        void send(EventInvokeConfig.Destination destination, byte[] record) throws Exception;
    }

    /**
     * Lambda waits about 1 minute before the first retry and 2 minutes before the second; locally the same
     * sequence in seconds (1 s, then 2 s), so that a failed event reaches its destination while one watches.
     */
    public static final List<Duration> LOCAL_RETRY_DELAYS = List.of(Duration.ofSeconds(1), Duration.ofSeconds(2));

    /** Lambda's limit on an asynchronous invocation's payload (1 MB since October 2025, 256 KB before). */
    public static final int MAX_PAYLOAD_BYTES = 1024 * 1024;

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    /** On top of the function's timeout, for the runtime to answer. */
    private static final Duration ANSWER_MARGIN = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Event(String requestId, byte[] payload, Instant received, int attempts, Failure lastFailure) {
        Event failed(Failure failure) {
            return new Event(requestId, payload, received, attempts + 1, failure);
        }
    }

    private record Failure(String message, byte[] document) {
    }

    private final FunctionDefinition function;
    private final FunctionInvoker invoker;
    private final EventInvokeConfig config;
    private final List<Duration> retryDelays;
    private final Destinations destinations;
    private final Consumer<String> log;
    private final Clock clock;
    private final BlockingQueue<Event> queue = new LinkedBlockingQueue<>();
    private final List<Thread> workers = new ArrayList<>();
    private final ScheduledExecutorService retries;
    private volatile boolean closed;

    /**
     * @param invoker     runs the function (its pool of execution environments)
     * @param retryDelays the wait before each retry; the last one serves for any further
     * @param concurrency how many events run at once
     * @param log         one line per outcome, with the function's name and the event's request id
     */
    public AsyncInvoker(FunctionDefinition function, FunctionInvoker invoker, EventInvokeConfig config,
                        List<Duration> retryDelays, int concurrency, Destinations destinations, Consumer<String> log) {
        this(function, invoker, config, retryDelays, concurrency, destinations, log, Clock.systemUTC());
    }

    AsyncInvoker(FunctionDefinition function, FunctionInvoker invoker, EventInvokeConfig config, List<Duration> retryDelays,
                 int concurrency, Destinations destinations, Consumer<String> log, Clock clock) {
        if (retryDelays.isEmpty()) {
            throw new IllegalArgumentException("Give at least one retry delay");
        }
        this.function = function;
        this.invoker = invoker;
        this.config = config;
        this.retryDelays = List.copyOf(retryDelays);
        this.destinations = destinations;
        this.log = log;
        this.clock = clock;
        this.retries = Executors.newSingleThreadScheduledExecutor(runnable -> daemon(runnable, "retries-" + function.logicalId()));
        for (int i = 0; i < concurrency; i++) {
            Thread worker = daemon(this::work, "async-" + function.logicalId() + "-" + i);
            workers.add(worker);
            worker.start();
        }
    }

    public FunctionDefinition function() {
        return function;
    }

    public EventInvokeConfig config() {
        return config;
    }

    /**
     * Queues an event, as Lambda's {@code Invoke} with InvocationType {@code Event} does.
     *
     * @return the request id the invocations of this event will have
     */
    public String submit(byte[] payload) {
        if (closed) {
            throw new LambdaInvocationException(function.logicalId() + " was stopped");
        }
        String requestId = UUID.randomUUID().toString();
        queue.add(new Event(requestId, payload.clone(), clock.instant(), 0, null));
        return requestId;
    }

    /** Events waiting for a worker or for their retry's delay: dropped, as the local stack keeps no state across runs. */
    @Override
    public void close() {
        closed = true;
        int dropped = queue.size() + retries.shutdownNow().size();
        workers.forEach(Thread::interrupt);
        if (dropped > 0) {
            log.accept(function.logicalId() + ": " + dropped + " queued event(s) dropped at shutdown");
        }
    }

    private void work() {
        while (!closed) {
            Event event;
            try {
                event = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            try {
                run(event);
            } catch (RuntimeException e) {
                log.accept(function.logicalId() + " event " + event.requestId() + ": " + LogText.escape(e.toString()));
            }
        }
    }

    private void run(Event event) {
        Instant now = clock.instant();
        if (Duration.between(event.received(), now).compareTo(config.maximumEventAge()) > 0) {
            log.accept(function.logicalId() + " event " + event.requestId() + " is older than its maximum age of "
                    + config.maximumEventAge().toSeconds() + " s");
            exhausted(event, "EventAgeExceeded");
            return;
        }
        int attempt = event.attempts() + 1;
        byte[] response;
        try {
            response = invoker.invoke(event.requestId(), event.payload(), function.timeout())
                    .get(function.timeout().plus(ANSWER_MARGIN).toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof TimeoutException
                    ? new LambdaTimeoutException(function.logicalId() + " gave no answer in time") : FunctionErrors.unwrap(e);
            Failure failure = new Failure(cause.getMessage(), FunctionErrors.document(cause, event.requestId(), function.timeout()));
            failed(event.failed(failure), attempt);
            return;
        }
        log.accept(function.logicalId() + " event " + event.requestId() + " succeeded" + (attempt > 1 ? " on attempt " + attempt : ""));
        config.onSuccess().ifPresent(destination -> send(destination, record(event, attempt, "Success", response, null), event));
    }

    private void failed(Event event, int attempt) {
        int attempts = config.maximumRetryAttempts() + 1;
        String what = function.logicalId() + " event " + event.requestId() + " failed (attempt " + attempt + " of "
                + attempts + "): " + LogText.escape(event.lastFailure().message());
        if (attempt >= attempts) {
            log.accept(what);
            exhausted(event, "RetriesExhausted");
            return;
        }
        Duration delay = retryDelays.get(Math.min(attempt - 1, retryDelays.size() - 1));
        log.accept(what + "; retried in " + delay.toMillis() / 1000.0 + " s");
        try {
            retries.schedule(() -> {
                if (!closed) {
                    queue.add(event);
                }
            }, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopped) {
            // closing: the event is dropped with the others
        }
    }

    private void exhausted(Event event, String condition) {
        Optional<EventInvokeConfig.Destination> destination = config.onFailure();
        if (destination.isEmpty()) {
            log.accept(function.logicalId() + " event " + event.requestId() + " dropped (" + condition
                    + "): the function has no on-failure destination");
            return;
        }
        byte[] error = event.lastFailure() == null ? null : event.lastFailure().document();
        send(destination.get(), record(event, event.attempts(), condition, null, error), event);
    }

    private void send(EventInvokeConfig.Destination destination, byte[] record, Event event) {
        try {
            destinations.send(destination, record);
            log.accept(function.logicalId() + " event " + event.requestId() + ": its record went to " + destination.type()
                    + " " + destination.arn());
        } catch (Exception e) {
            log.accept(function.logicalId() + " event " + event.requestId() + ": its record could not go to "
                    + destination.type() + " " + destination.arn() + ": " + LogText.escape(e.toString()));
        }
    }

    /** The invocation record, as Lambda sends it to a destination. */
    private byte[] record(Event event, int invokeCount, String condition, byte[] response, byte[] error) {
        ObjectNode record = JSON.createObjectNode();
        record.put("version", "1.0");
        record.put("timestamp", TIMESTAMP.format(clock.instant()));
        ObjectNode context = record.putObject("requestContext");
        context.put("requestId", event.requestId());
        context.put("functionArn", function.functionArn() + ":$LATEST");
        context.put("condition", condition);
        context.put("approximateInvokeCount", invokeCount);
        record.set("requestPayload", json(event.payload()));
        if (response != null || error != null) {
            ObjectNode responseContext = record.putObject("responseContext");
            responseContext.put("statusCode", 200);
            responseContext.put("executedVersion", "$LATEST");
            if (error != null) {
                responseContext.put("functionError", "Unhandled");
            }
            record.set("responsePayload", json(error != null ? error : response));
        }
        return record.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A payload as JSON when it is JSON, else as a string, as Lambda puts it in a record. */
    private static JsonNode json(byte[] payload) {
        try {
            JsonNode node = JSON.readTree(payload);
            return node == null || node.isMissingNode() ? JSON.getNodeFactory().nullNode() : node;
        } catch (IOException notJson) {
            return JSON.getNodeFactory().textNode(new String(payload, StandardCharsets.UTF_8));
        }
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}
