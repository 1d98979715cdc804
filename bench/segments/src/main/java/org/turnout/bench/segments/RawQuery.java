package org.turnout.bench.segments;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;

import org.turnout.contact.ContactEnumerator;
import org.turnout.contact.ContactStatus;
import org.turnout.store.Keys;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The raw ceiling: what the SDK alone reads of one organisation's contacts, as ContactEnumerator reads them
 * (a Query of each of the {@value Keys#CONTACT_SHARDS} GSI2 shards, one thread per shard, every attribute,
 * the consent filter expression the engine sends for subscribed contacts) with nothing done with the items
 * but counting them: no mapping to items, no rule.
 */
final class RawQuery implements AutoCloseable {

    /** What one pass read: the items DynamoDB looked at, and those it sent back. */
    record Count(long scanned, long returned, long pages) {
    }

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final ExecutorService pool = Executors.newFixedThreadPool(Keys.CONTACT_SHARDS, runnable -> {
        Thread thread = new Thread(runnable, "raw-query");
        thread.setDaemon(true);
        return thread;
    });

    RawQuery(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    Count count(String orgId) {
        LongAdder scanned = new LongAdder();
        LongAdder returned = new LongAdder();
        LongAdder pages = new LongAdder();
        List<CompletableFuture<Void>> shards = new ArrayList<>();
        for (int shard = 0; shard < Keys.CONTACT_SHARDS; shard++) {
            QueryRequest request = request(orgId, shard);
            shards.add(CompletableFuture.runAsync(() -> {
                for (QueryResponse page : dynamoDb.queryPaginator(request)) {
                    scanned.add(page.scannedCount());
                    returned.add(page.items().size());
                    pages.increment();
                }
            }, pool));
        }
        try {
            CompletableFuture.allOf(shards.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
        return new Count(scanned.sum(), returned.sum(), pages.sum());
    }

    /** The request the enhanced client builds for ContactEnumerator, written out by hand. */
    QueryRequest request(String orgId, int shard) {
        return QueryRequest.builder()
                .tableName(table)
                .indexName("GSI2")
                .keyConditionExpression("#AMZN_MAPPED_GSI2PK = :AMZN_MAPPED_GSI2PK")
                .filterExpression("#status IN (:s0)")
                .expressionAttributeNames(Map.of("#AMZN_MAPPED_GSI2PK", "GSI2PK", "#status", "status"))
                .expressionAttributeValues(Map.of(
                        ":AMZN_MAPPED_GSI2PK", AttributeValue.fromS(Keys.contactShard(orgId, shard)),
                        ":s0", AttributeValue.fromS(ContactStatus.SUBSCRIBED.code())))
                .limit(ContactEnumerator.PAGE_SIZE)
                .build();
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
