package org.turnout.contact;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import org.turnout.aws.DaemonThreads;
import org.turnout.store.Attributes;
import org.turnout.store.Keys;
import org.turnout.store.TurnoutTable;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbIndex;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.Page;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Every contact of one organisation, read in parallel over its GSI2 shards and handed page by
 * page to the caller, so memory stays flat however many there are. The key condition names the
 * organisation: no page of another one can ever come back.
 */
@ApplicationScoped
public class ContactEnumerator {
    /**
     * Items a page. Sixteen shards read at once, each holding a page: DynamoDB's own pages (up to
     * 1 MB each) kept about 200 MiB in flight; pages of 250 keep the heap flat (measured in bench/segments).
     */
    public static final int PAGE_SIZE = 250;

    private final DynamoDbIndex<Contact> byShard;
    private final ExecutorService pool = DaemonThreads.fixed(Keys.CONTACT_SHARDS, "turnout-enumerate");

    public ContactEnumerator(TurnoutTable table) {
        this.byShard = table.items(Contact.SCHEMA).index("GSI2");
    }

    /**
     * Hands every contact of the organisation to {@code each}, from several threads at once (the
     * consumer must be thread-safe); returns when all shards are read.
     */
    public void forEach(String orgId, Consumer<Contact> each) {
        forEach(orgId, Set.of(), each);
    }

    /**
     * The same, with only contacts of these statuses sent back by DynamoDB (a filter expression:
     * the reads cost the same, but the others never travel nor get mapped). Empty: all of them.
     */
    public void forEach(String orgId, Set<ContactStatus> statuses, Consumer<Contact> each) {
        Expression filter = statusFilter(statuses);
        eachShard(shard -> shardQuery(orgId, shard, filter).build(), each);
    }

    /**
     * How many contacts of the organisation stand at each status: the same parallel shard queries,
     * each item read (the read costs the same) but only its status sent back and mapped.
     */
    public Map<ContactStatus, Long> countByStatus(String orgId) {
        Map<ContactStatus, LongAdder> counts = new EnumMap<>(ContactStatus.class);
        for (ContactStatus status : ContactStatus.values()) {
            counts.put(status, new LongAdder());
        }
        eachShard(shard -> shardQuery(orgId, shard, null).attributesToProject(Contact.STATUS).build(), contact -> {
            if (contact.status() != null) {
                counts.get(contact.statusValue()).increment();
            }
        });
        Map<ContactStatus, Long> result = new EnumMap<>(ContactStatus.class);
        counts.forEach((status, count) -> result.put(status, count.sum()));
        return result;
    }

    /** Runs one query per shard at once, every page's contacts to {@code each}; returns when all are read. */
    private void eachShard(IntFunction<QueryEnhancedRequest> query, Consumer<Contact> each) {
        List<CompletableFuture<Void>> shards = new ArrayList<>();
        for (int shard = 0; shard < Keys.CONTACT_SHARDS; shard++) {
            QueryEnhancedRequest request = query.apply(shard);
            shards.add(CompletableFuture.runAsync(() -> {
                for (Page<Contact> page : byShard.query(request)) {
                    page.items().forEach(each);
                }
            }, pool));
        }
        try {
            CompletableFuture.allOf(shards.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }

    /** One page of one shard, after the contact id {@code after} (null: from the start). */
    public ShardPage page(String orgId, int shard, Set<ContactStatus> statuses, String after) {
        QueryEnhancedRequest.Builder query = shardQuery(orgId, shard, statusFilter(statuses));
        if (after != null) {
            // GSI2's keys and the table's: what DynamoDB handed back as the last evaluated key
            query.exclusiveStartKey(Map.of(
                    Attributes.GSI2PK, AttributeValue.fromS(Keys.contactShard(orgId, shard)),
                    Attributes.GSI2SK, AttributeValue.fromS(after),
                    Attributes.PK, AttributeValue.fromS(Keys.contact(orgId, after)),
                    Attributes.SK, AttributeValue.fromS(Keys.CONTACT_SK)));
        }
        Page<Contact> page = byShard.query(query.build()).iterator().next();
        Map<String, AttributeValue> last = page.lastEvaluatedKey();
        return new ShardPage(page.items(), last == null || last.isEmpty() ? null : last.get(Attributes.GSI2SK).s());
    }

    /**
     * Contacts of one page of a shard, and the contact id to read on from; {@code next} is null
     * when the shard is read to its end.
     */
    public record ShardPage(List<Contact> contacts, String next) {
    }

    /** Pages of one shard of the organisation, consent filtered by DynamoDB when {@code filter} is set. */
    private static QueryEnhancedRequest.Builder shardQuery(String orgId, int shard, Expression filter) {
        QueryEnhancedRequest.Builder query = QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.keyEqualTo(Key.builder().partitionValue(Keys.contactShard(orgId, shard)).build()))
                .limit(PAGE_SIZE);
        return filter == null ? query : query.filterExpression(filter);
    }

    private static Expression statusFilter(Set<ContactStatus> statuses) {
        if (statuses.isEmpty()) {
            return null;
        }
        Expression.Builder filter = Expression.builder().putExpressionName("#status", Contact.STATUS);
        List<String> names = new ArrayList<>();
        int i = 0;
        for (ContactStatus status : statuses) {
            String name = ":s" + i++;
            names.add(name);
            filter.putExpressionValue(name, AttributeValue.fromS(status.code()));
        }
        return filter.expression("#status IN (" + String.join(", ", names) + ")").build();
    }

    @PreDestroy
    void close() {
        pool.shutdownNow();
    }
}
