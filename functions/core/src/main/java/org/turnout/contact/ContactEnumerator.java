package org.turnout.contact;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.lang.invoke.MethodHandles;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.turnout.store.Keys;
import org.turnout.store.TurnoutTable;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbIndex;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.Page;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;

/**
 * Every contact of one organisation, read in parallel over its GSI2 shards and handed page by
 * page to the caller, so memory stays flat however many there are. The key condition names the
 * organisation: no page of another one can ever come back.
 */
@ApplicationScoped
public class ContactEnumerator {
    private final DynamoDbIndex<Contact> byShard;
    private final ExecutorService pool = Executors.newFixedThreadPool(Keys.CONTACT_SHARDS, runnable -> {
        Thread thread = new Thread(runnable, "turnout-enumerate");
        thread.setDaemon(true);
        return thread;
    });

    public ContactEnumerator(TurnoutTable table) {
        this.byShard = table.items(Contact.class, MethodHandles.lookup()).index("GSI2");
    }

    /**
     * Hands every contact of the organisation to {@code each}, from several threads at once (the
     * consumer must be thread-safe); returns when all shards are read.
     */
    public void forEach(String orgId, Consumer<Contact> each) {
        List<CompletableFuture<Void>> shards = new ArrayList<>();
        for (int shard = 0; shard < Keys.CONTACT_SHARDS; shard++) {
            String partition = Keys.contactShard(orgId, shard);
            shards.add(CompletableFuture.runAsync(() -> {
                for (Page<Contact> page : byShard.query(QueryConditional.keyEqualTo(Key.builder().partitionValue(partition).build()))) {
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

    @PreDestroy
    void close() {
        pool.shutdownNow();
    }
}
