package org.turnout.bench.segments;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * What every DynamoDB Query of this JVM asked and got: the calls, the items DynamoDB looked at and sent back,
 * and each distinct request with its shard left out, so that the benchmark can check that the raw ceiling
 * asks exactly what the engine asks. The SDK installs it in every client it builds, the engine's included,
 * through {@code software/amazon/awssdk/global/handlers/execution.interceptors} on the classpath: the code
 * under test is not touched.
 */
public final class QueryCalls implements ExecutionInterceptor {

    /** The counts of one stretch of work. */
    record Count(long calls, long scanned, long returned) {
    }

    private static final LongAdder CALLS = new LongAdder();
    private static final LongAdder SCANNED = new LongAdder();
    private static final LongAdder RETURNED = new LongAdder();
    private static final Set<QueryRequest> SHAPES = ConcurrentHashMap.newKeySet();

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        if (context.request() instanceof QueryRequest request && context.response() instanceof QueryResponse response) {
            CALLS.increment();
            SCANNED.add(response.scannedCount());
            RETURNED.add(response.count());
            SHAPES.add(shape(request));
        }
    }

    /** The counts since the last reset. */
    static Count count() {
        return new Count(CALLS.sum(), SCANNED.sum(), RETURNED.sum());
    }

    /** The distinct requests since the last reset, each without its shard's key nor where its page starts. */
    static Set<QueryRequest> shapes() {
        return Set.copyOf(SHAPES);
    }

    static void reset() {
        CALLS.reset();
        SCANNED.reset();
        RETURNED.reset();
        SHAPES.clear();
    }

    /** The request with the partition key's value and the page's start taken out: what every shard asks alike. */
    static QueryRequest shape(QueryRequest request) {
        Map<String, AttributeValue> values = new TreeMap<>(request.expressionAttributeValues());
        values.replaceAll((name, value) -> value.s() != null && value.s().contains("#SHARD#")
                ? AttributeValue.fromS(value.s().replaceAll("#SHARD#\\d+$", "#SHARD#n")) : value);
        return request.toBuilder().exclusiveStartKey(null).expressionAttributeValues(values)
                .overrideConfiguration((AwsRequestOverrideConfiguration) null).build();
    }
}
