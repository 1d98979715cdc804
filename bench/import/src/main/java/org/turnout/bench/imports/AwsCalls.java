package org.turnout.bench.imports;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
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
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * Counts what the JVM asked of DynamoDB and S3, per operation: calls, items (the puts of a
 * {@code BatchWriteItem}, the keys of a {@code BatchGetItem}; 1 for a single-item call), items left
 * unprocessed, the time spent waiting for the answers and the bytes of the requests' bodies (what a written item weighs
 * on the wire). The SDK installs it in every client it builds,
 * the import's included, through {@code software/amazon/awssdk/global/handlers/execution.interceptors} on
 * the classpath: the code under test is not touched. It also keeps the conditions the {@code PutItem} calls
 * carried, so that a raw loop and the import can be shown to ask the same check of the storage.
 */
public final class AwsCalls implements ExecutionInterceptor {

    private static final ExecutionAttribute<Long> STARTED = new ExecutionAttribute<>("turnout.bench.started");
    private static final Map<String, Tally> TALLIES = new ConcurrentHashMap<>();
    private static final Set<String> PUT_CONDITIONS = ConcurrentHashMap.newKeySet();

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
        if (context.request() instanceof PutItemRequest put) {
            // the expression with its names filled in, as the storage evaluates it
            String condition = put.conditionExpression() == null ? "(none)" : put.conditionExpression();
            for (Map.Entry<String, String> name : put.expressionAttributeNames().entrySet()) {
                condition = condition.replace(name.getKey(), name.getValue());
            }
            PUT_CONDITIONS.add(condition);
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

    /** The distinct conditions of the PutItem calls so far, sorted. */
    public static Set<String> putConditions() {
        return new TreeSet<>(PUT_CONDITIONS);
    }

    public static void reset() {
        TALLIES.clear();
        PUT_CONDITIONS.clear();
    }

    private static Tally tally(ExecutionAttributes attributes) {
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        return TALLIES.computeIfAbsent(service + "." + operation, key -> new Tally());
    }
}
