package org.turnout.importing;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import org.turnout.store.Keys;
import org.turnout.store.TurnoutTable;
import org.turnout.store.VersionedWrites;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;

/** Import jobs. Every change is a versioned write, so two invocations can never both own a job. */
@ApplicationScoped
public class ImportJobRepository {
    private final DynamoDbTable<ImportJob> items;
    private final VersionedWrites<ImportJob> writes;

    public ImportJobRepository(TurnoutTable table) {
        this.items = table.items(ImportJob.SCHEMA);
        this.writes = new VersionedWrites<>(this.items, ImportJob::withVersion);
    }

    public Optional<ImportJob> find(String orgId, String importId) {
        return Optional.ofNullable(items.getItem(r -> r.key(key(orgId, importId)).consistentRead(true)));
    }

    /** Creates the job; what it returns is the job as stored, nothing when it exists (the same S3 event delivered again). */
    public Optional<ImportJob> createIfAbsent(ImportJob job) {
        return writes.createIfAbsent(job);
    }

    /** Saves the job if unchanged since read; what it returns is the job as stored, nothing when another invocation saved it first. */
    public Optional<ImportJob> save(ImportJob job) {
        return writes.save(job);
    }

    /** The organisation's jobs, newest first. */
    public List<ImportJob> list(String orgId, int limit) {
        return items.query(QueryEnhancedRequest.builder()
                        .queryConditional(QueryConditional.sortBeginsWith(
                                Key.builder().partitionValue(Keys.organisation(orgId)).sortValue(Keys.importJobSk("")).build()))
                        .scanIndexForward(false)
                        .limit(limit)
                        .build())
                .stream().findFirst().map(page -> page.items()).orElse(List.of());
    }

    private static Key key(String orgId, String importId) {
        return Key.builder().partitionValue(Keys.organisation(orgId)).sortValue(Keys.importJobSk(importId)).build();
    }
}
