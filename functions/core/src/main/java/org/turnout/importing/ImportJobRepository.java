package org.turnout.importing;

import jakarta.enterprise.context.ApplicationScoped;
import java.lang.invoke.MethodHandles;
import java.util.List;
import java.util.Optional;
import org.turnout.store.Keys;
import org.turnout.store.TurnoutTable;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** Import jobs. Every change is a versioned write, so two invocations can never both own a job. */
@ApplicationScoped
public class ImportJobRepository {
    private final DynamoDbTable<ImportJob> items;

    public ImportJobRepository(TurnoutTable table) {
        this.items = table.items(ImportJob.class, MethodHandles.lookup());
    }

    public Optional<ImportJob> find(String orgId, String importId) {
        return Optional.ofNullable(items.getItem(r -> r.key(key(orgId, importId)).consistentRead(true)));
    }

    /** Creates the job; false when it exists (the same S3 event delivered again). */
    public boolean createIfAbsent(ImportJob job) {
        try {
            items.putItem(PutItemEnhancedRequest.builder(ImportJob.class).item(job)
                    .conditionExpression(Expression.builder().expression("attribute_not_exists(PK)").build()).build());
            job.setVersion(1L);
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** Saves the job if nobody else saved it since it was read; false when another invocation did. */
    public boolean save(ImportJob job) {
        try {
            items.putItem(job);
            job.setVersion(job.getVersion() == null ? 1L : job.getVersion() + 1);
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
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
