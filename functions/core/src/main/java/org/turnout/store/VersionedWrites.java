package org.turnout.store;

import java.util.Optional;
import java.util.function.BiFunction;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The two conditional writes of a versioned organisation item (an import's job or report, an election), so that
 * two invocations never both own it: each returns the item as stored, or nothing when another write came first.
 */
public final class VersionedWrites<T extends OrganisationItem> {
    private static final Expression ABSENT = Expression.builder().expression("attribute_not_exists(" + Attributes.PK + ")").build();

    private final DynamoDbTable<T> items;
    private final BiFunction<T, Long, T> atVersion;

    /** @param atVersion the same item at another version (the item's {@code withVersion}) */
    public VersionedWrites(DynamoDbTable<T> items, BiFunction<T, Long, T> atVersion) {
        this.items = items;
        this.atVersion = atVersion;
    }

    /** Creates the item; nothing when one is at its key already (the same event delivered again). */
    public Optional<T> createIfAbsent(T item) {
        try {
            items.putItem(PutItemEnhancedRequest.builder(items.tableSchema().itemType().rawClass()).item(item)
                    .conditionExpression(ABSENT).build());
            return Optional.of(atVersion.apply(item, 1L));
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
    }

    /** Replaces the item if its version is still the one read; nothing when someone else saved it first. */
    public Optional<T> save(T item) {
        try {
            items.putItem(item);
            return Optional.of(atVersion.apply(item, item.version() == null ? 1L : item.version() + 1));
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
    }
}
