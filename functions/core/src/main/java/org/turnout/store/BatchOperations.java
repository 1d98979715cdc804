package org.turnout.store;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import java.util.function.Supplier;
import org.turnout.aws.DaemonThreads;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Bulk reads and writes of the table: {@code BatchWriteItem} in 25s and {@code BatchGetItem} in
 * 100s, several in flight, with what DynamoDB leaves unprocessed retried after an exponential,
 * jittered backoff. The SDK's own retries absorb throttling errors of each call. Single-item
 * calls that must stay single (conditional writes) run on a pool of their own, more in flight.
 * Reads a caller starts ahead of its writes run on a third pool, so that they never wait for the writes.
 */
@ApplicationScoped
public class BatchOperations {
    public static final int MAX_WRITE_BATCH = 25;
    public static final int MAX_GET_BATCH = 100;
    /** Single-item calls carry a 25th of a batch write each: more of them in flight keep the rate near the batches'. */
    static final int ITEM_CALLS_PER_BATCH_CALL = 4;
    private static final int MAX_ATTEMPTS = 12;
    private static final BackoffStrategy BACKOFF = BackoffStrategy.exponentialDelayHalfJitter(Duration.ofMillis(25), Duration.ofSeconds(2));

    private final TurnoutTable table;
    private final ExecutorService pool;
    private final ExecutorService itemPool;
    private final ExecutorService aheadPool;

    @Inject
    public BatchOperations(TurnoutTable table, TableSettings settings) {
        this(table, settings.batchConcurrency());
    }

    public BatchOperations(TurnoutTable table, int concurrency) {
        this.table = table;
        this.pool = DaemonThreads.fixed(concurrency, "turnout-batch");
        this.itemPool = DaemonThreads.fixed(concurrency * ITEM_CALLS_PER_BATCH_CALL, "turnout-item");
        // its tasks wait for calls of the other pools: threads of its own, as many as callers start
        this.aheadPool = DaemonThreads.cached("turnout-ahead");
    }

    /** Writes every request, 25 a call, the calls in parallel; returns when all are written. */
    public void writeAll(List<WriteRequest> requests) {
        List<CompletableFuture<Void>> calls = new ArrayList<>();
        for (int from = 0; from < requests.size(); from += MAX_WRITE_BATCH) {
            List<WriteRequest> batch = requests.subList(from, Math.min(requests.size(), from + MAX_WRITE_BATCH));
            calls.add(CompletableFuture.runAsync(() -> write(batch), pool));
        }
        join(calls);
    }

    /** Reads the items of these keys (strongly consistent), 100 a call in parallel; absent keys are absent. */
    public List<Map<String, AttributeValue>> getAll(List<Map<String, AttributeValue>> keys) {
        List<CompletableFuture<List<Map<String, AttributeValue>>>> calls = new ArrayList<>();
        for (int from = 0; from < keys.size(); from += MAX_GET_BATCH) {
            List<Map<String, AttributeValue>> batch = keys.subList(from, Math.min(keys.size(), from + MAX_GET_BATCH));
            calls.add(CompletableFuture.supplyAsync(() -> get(batch), pool));
        }
        join(calls);
        return calls.stream().flatMap(call -> call.join().stream()).toList();
    }

    /**
     * Makes one single-item call per element, {@value #ITEM_CALLS_PER_BATCH_CALL} times as many
     * in flight as batch calls; returns the answers in the elements' order once all are in.
     */
    public <T, R> List<R> eachInParallel(List<T> elements, Function<T, R> call) {
        List<CompletableFuture<R>> calls = elements.stream()
                .map(element -> CompletableFuture.supplyAsync(() -> call.apply(element), itemPool)).toList();
        join(calls);
        return calls.stream().map(CompletableFuture::join).toList();
    }

    /**
     * Starts {@code work} (reads made of the calls above) without waiting for it, so that it overlaps what the
     * caller does next, writes included; {@link #await} gives its answer.
     */
    public <T> CompletableFuture<T> ahead(Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, aheadPool);
    }

    /** The answer of work started {@link #ahead}, its failure thrown as itself. */
    public static <T> T await(CompletableFuture<T> work) {
        join(List.of(work));
        return work.join();
    }

    private void write(List<WriteRequest> batch) {
        Map<String, List<WriteRequest>> pending = Map.of(table.name(), batch);
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            Map<String, List<WriteRequest>> request = pending;
            BatchWriteItemResponse response = table.client().batchWriteItem(b -> b.requestItems(request));
            pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
            backOffOrGiveUp(pending.isEmpty(), attempt, "BatchWriteItem");
        }
    }

    private List<Map<String, AttributeValue>> get(List<Map<String, AttributeValue>> keys) {
        List<Map<String, AttributeValue>> found = new ArrayList<>();
        Map<String, KeysAndAttributes> pending = Map.of(table.name(), KeysAndAttributes.builder().keys(keys).consistentRead(true).build());
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            Map<String, KeysAndAttributes> request = pending;
            BatchGetItemResponse response = table.client().batchGetItem(b -> b.requestItems(request));
            found.addAll(response.responses().getOrDefault(table.name(), List.of()));
            pending = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
            backOffOrGiveUp(pending.isEmpty(), attempt, "BatchGetItem");
        }
        return found;
    }

    private static void backOffOrGiveUp(boolean done, int attempt, String operation) {
        if (done) {
            return;
        }
        if (attempt >= MAX_ATTEMPTS) {
            throw new IllegalStateException(operation + " still had unprocessed items after " + attempt + " attempts");
        }
        try {
            Thread.sleep(BACKOFF.computeDelay(attempt).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while backing off " + operation, e);
        }
    }

    private static void join(List<? extends CompletableFuture<?>> calls) {
        try {
            CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }

    @PreDestroy
    void close() {
        pool.shutdownNow();
        itemPool.shutdownNow();
        aheadPool.shutdownNow();
    }
}
