package org.turnout.contact.idmigration;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.turnout.store.TurnoutTable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The contact id migration's access to the table: raw items, because it moves every kind of item
 * of a contact's partition as it is stored, whatever feature wrote it. Reads are strongly
 * consistent, and every write can be done twice.
 */
@Singleton
public record MigrationItems(TurnoutTable table) {
    static final int PAGE = 25;

    /** One page of a partition (of the table, or of {@code index}), after the sort key {@code after}. */
    QueryResponse pageAfter(String index, String partitionName, String partition, String sortName, String after) {
        QueryRequest.Builder query = QueryRequest.builder().tableName(table.name()).indexName(index).limit(PAGE)
                .consistentRead(index == null);
        if (after == null) {
            query.keyConditionExpression("#pk = :pk")
                    .expressionAttributeNames(Map.of("#pk", partitionName))
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(partition)));
        } else {
            query.keyConditionExpression("#pk = :pk AND #sk > :after")
                    .expressionAttributeNames(Map.of("#pk", partitionName, "#sk", sortName))
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(partition), ":after", AttributeValue.fromS(after)));
        }
        return table.client().query(query.build());
    }

    static boolean morePages(QueryResponse page) {
        return page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty();
    }

    /** Every item of a partition of the table. */
    List<Map<String, AttributeValue>> partition(String pk) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        table.client().queryPaginator(b -> b.tableName(table.name()).keyConditionExpression("PK = :pk")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk))).consistentRead(true))
                .forEach(page -> items.addAll(page.items()));
        return items;
    }

    /** The item, or an empty map. */
    Map<String, AttributeValue> get(String pk, String sk) {
        Map<String, AttributeValue> item = table.client().getItem(b -> b.tableName(table.name()).key(TurnoutTable.key(pk, sk))
                .consistentRead(true)).item();
        return item == null ? Map.of() : item;
    }

    boolean exists(String pk, String sk) {
        Map<String, AttributeValue> item = table.client().getItem(b -> b.tableName(table.name()).key(TurnoutTable.key(pk, sk))
                .consistentRead(true).projectionExpression("PK")).item();
        return item != null && !item.isEmpty();
    }

    void put(Map<String, AttributeValue> item) {
        table.client().putItem(b -> b.tableName(table.name()).item(item));
    }

    boolean putIfAbsent(Map<String, AttributeValue> item) {
        try {
            table.client().putItem(b -> b.tableName(table.name()).item(item).conditionExpression("attribute_not_exists(PK)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** Puts the item over the one at {@code version} (none: an item without one); whether that one was still there. */
    boolean replace(Map<String, AttributeValue> item, AttributeValue version) {
        try {
            table.client().putItem(b -> b.tableName(table.name()).item(item)
                    .conditionExpression(version == null ? "attribute_not_exists(version)" : "version = :v")
                    .expressionAttributeValues(version == null ? null : Map.of(":v", version)));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** Sets the text attribute {@code name} to {@code newValue} where it still is {@code oldValue}; whether it was. */
    boolean change(String pk, String sk, String name, String oldValue, String newValue) {
        try {
            table.client().updateItem(b -> b.tableName(table.name()).key(TurnoutTable.key(pk, sk))
                    .updateExpression("SET #a = :new").conditionExpression("#a = :old")
                    .expressionAttributeNames(Map.of("#a", name))
                    .expressionAttributeValues(Map.of(":new", AttributeValue.fromS(newValue), ":old", AttributeValue.fromS(oldValue))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    void delete(Map<String, AttributeValue> item) {
        table.client().deleteItem(b -> b.tableName(table.name()).key(TurnoutTable.key(item.get("PK").s(), item.get("SK").s())));
    }

    static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    static Long number(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? 0L : Long.parseLong(value.n());
    }
}
