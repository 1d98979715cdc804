package org.turnout.store;

import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An item stored as an earlier version of the code stored it, read and written back through an item's schema of
 * today: what the table holds after, for a test to compare with what was there before.
 */
public final class StoredShape {
    private StoredShape() {
    }

    public static <T> Map<String, AttributeValue> writtenBack(TurnoutTable table, TableSchema<T> schema, Map<String, AttributeValue> stored) {
        table.client().putItem(b -> b.tableName(table.name()).item(stored));
        String pk = stored.get(Attributes.PK).s();
        String sk = stored.get(Attributes.SK).s();
        DynamoDbTable<T> items = table.items(schema);
        T item = items.getItem(r -> r.key(Key.builder().partitionValue(pk).sortValue(sk).build()).consistentRead(true));
        items.putItem(item);
        return table.client().getItem(b -> b.tableName(table.name()).key(TurnoutTable.key(pk, sk)).consistentRead(true)).item();
    }

    /** The stored item at the next version: what a versioned item's write back leaves. */
    public static Map<String, AttributeValue> nextVersion(Map<String, AttributeValue> stored) {
        Map<String, AttributeValue> next = new HashMap<>(stored);
        next.put(Attributes.VERSION, AttributeValue.fromN(Long.toString(Long.parseLong(stored.get(Attributes.VERSION).n()) + 1)));
        return next;
    }

    public static AttributeValue s(String text) {
        return AttributeValue.fromS(text);
    }

    public static AttributeValue n(long number) {
        return AttributeValue.fromN(Long.toString(number));
    }

    /** What an earlier version stored for a field of a nested map left empty. */
    public static final AttributeValue NULL = AttributeValue.fromNul(true);
}
