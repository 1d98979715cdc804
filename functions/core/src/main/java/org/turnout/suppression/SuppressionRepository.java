package org.turnout.suppression;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.turnout.store.BatchOperations;
import org.turnout.store.Keys;
import org.turnout.store.TurnoutTable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/** Suppression items: {@code ORG#o#SUPP / <contactId>}, the contact id derived from the normalised address. */
@Singleton
public record SuppressionRepository(TurnoutTable table, BatchOperations batches) {
    /** Adds the entry unless the address is already suppressed; the entry that stands. */
    public SuppressionEntry addIfAbsent(String orgId, SuppressionEntry entry) {
        Map<String, AttributeValue> item = new HashMap<>(key(orgId, entry.contactId()));
        item.put("type", AttributeValue.fromS("suppression"));
        item.put("email", AttributeValue.fromS(entry.email()));
        item.put("reason", AttributeValue.fromS(entry.reason()));
        item.put("source", AttributeValue.fromS(entry.source()));
        item.put("addedAt", AttributeValue.fromS(entry.addedAt().toString()));
        item.put("addedBy", AttributeValue.fromS(entry.addedBy()));
        try {
            table.client().putItem(PutItemRequest.builder().tableName(table.name()).item(item)
                    .conditionExpression("attribute_not_exists(PK)").build());
            return entry;
        } catch (ConditionalCheckFailedException e) {
            return find(orgId, entry.contactId()).orElse(entry);
        }
    }

    public Optional<SuppressionEntry> find(String orgId, String contactId) {
        Map<String, AttributeValue> item = table.client().getItem(GetItemRequest.builder().tableName(table.name())
                .key(key(orgId, contactId)).consistentRead(true).build()).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(entry(item));
    }

    /** The entry removed, if there was one. */
    public Optional<SuppressionEntry> remove(String orgId, String contactId) {
        Map<String, AttributeValue> old = table.client().deleteItem(DeleteItemRequest.builder().tableName(table.name())
                .key(key(orgId, contactId)).returnValues("ALL_OLD").build()).attributes();
        return old == null || old.isEmpty() ? Optional.empty() : Optional.of(entry(old));
    }

    /** The ids among these that have an entry, read in bulk. */
    public Set<String> suppressedIds(String orgId, Collection<String> contactIds) {
        List<Map<String, AttributeValue>> keys = contactIds.stream().distinct().map(id -> key(orgId, id)).toList();
        return batches.getAll(keys).stream().map(item -> item.get("SK").s()).collect(Collectors.toSet());
    }

    public SuppressionPage page(String orgId, int limit, String afterContactId) {
        QueryRequest.Builder query = QueryRequest.builder().tableName(table.name())
                .keyConditionExpression("PK = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Keys.suppressions(orgId))))
                .limit(limit);
        if (afterContactId != null) {
            query.exclusiveStartKey(key(orgId, afterContactId));
        }
        QueryResponse response = table.client().query(query.build());
        List<SuppressionEntry> entries = response.items().stream().map(SuppressionRepository::entry).toList();
        String next = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                ? response.lastEvaluatedKey().get("SK").s() : null;
        return new SuppressionPage(entries, next);
    }

    /** The key of a contact's entry on the organisation's list, for reads made with other items. */
    public static Map<String, AttributeValue> key(String orgId, String contactId) {
        return TurnoutTable.key(Keys.suppressions(orgId), contactId);
    }

    private static SuppressionEntry entry(Map<String, AttributeValue> item) {
        return new SuppressionEntry(item.get("SK").s(), text(item, "email"), text(item, "reason"), text(item, "source"),
                item.containsKey("addedAt") ? Instant.parse(item.get("addedAt").s()) : null, text(item, "addedBy"));
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }
}
