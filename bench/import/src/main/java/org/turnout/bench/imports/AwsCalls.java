package org.turnout.bench.imports;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;

/**
 * Counts what the JVM asked of DynamoDB and S3, per operation: calls, items (the puts of a
 * {@code BatchWriteItem}, the keys of a {@code BatchGetItem}; 1 for a single-item call), items left
 * unprocessed, the time spent waiting for the answers and the bytes of the requests' bodies (what a written item weighs
 * on the wire). The SDK installs it in every client it builds,
 * the import's included, through {@code software/amazon/awssdk/global/handlers/execution.interceptors} on
 * the classpath: the code under test is not touched.
 */
public final class AwsCalls implements ExecutionInterceptor {

    private static final ExecutionAttribute<Long> STARTED = new ExecutionAttribute<>("turnout.bench.started");
    private static final Map<String, Tally> TALLIES = new ConcurrentHashMap<>();

    /** One operation's counts. */
    public record Count(long calls, long items, long unprocessed, long failures, long nanos, long bytes) {
    }

    private static final class Tally {
        final LongAdder calls = new LongAdder();
        final LongAdder items = new LongAdder();
        final LongAdder unprocessed = new LongAdder();
        final LongAdder failures = new LongAdder();
        final LongAdder nanos = new LongAdder();
        final LongAdder bytes = new LongAdder();

        Count count() {
            return new Count(calls.sum(), items.sum(), unprocessed.sum(), failures.sum(), nanos.sum(), bytes.sum());
        }
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        attributes.putAttribute(STARTED, System.nanoTime());
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        context.requestBody().flatMap(body -> body.optionalContentLength()).ifPresent(length -> tally(attributes).bytes.add(length));
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        Tally tally = tally(attributes);
        tally.calls.increment();
        tally.nanos.add(System.nanoTime() - attributes.getAttribute(STARTED));
        if (context.request() instanceof BatchWriteItemRequest write) {
            write.requestItems().values().forEach(requests -> tally.items.add(requests.size()));
            if (context.response() instanceof BatchWriteItemResponse response && response.hasUnprocessedItems()) {
                response.unprocessedItems().values().forEach(requests -> tally.unprocessed.add(requests.size()));
            }
        } else if (context.request() instanceof BatchGetItemRequest get) {
            get.requestItems().values().forEach(keys -> tally.items.add(keys.keys().size()));
            if (context.response() instanceof BatchGetItemResponse response && response.hasUnprocessedKeys()) {
                response.unprocessedKeys().values().forEach(keys -> tally.unprocessed.add(keys.keys().size()));
            }
        } else {
            tally.items.increment();
        }
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        tally(attributes).failures.increment();
    }

    /** The counts so far, by "Service.Operation". */
    public static Map<String, Count> snapshot() {
        Map<String, Count> counts = new TreeMap<>();
        TALLIES.forEach((operation, tally) -> counts.put(operation, tally.count()));
        return counts;
    }

    public static void reset() {
        TALLIES.clear();
    }

    private static Tally tally(ExecutionAttributes attributes) {
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        return TALLIES.computeIfAbsent(service + "." + operation, key -> new Tally());
    }
}
