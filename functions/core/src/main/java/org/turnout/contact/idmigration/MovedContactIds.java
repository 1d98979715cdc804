package org.turnout.contact.idmigration;

import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.turnout.contact.ContactIds;
import org.turnout.privacy.PersonalDataHolder;
import org.turnout.store.Keys;
import org.turnout.store.TurnoutTable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * Where the ids of the old plain-hash scheme lead once their contacts moved to keyed ids. Links
 * (unsubscribe, confirm), SES message tags and printed walk lists made before the migration still
 * carry old ids; each is looked up here, by a keyed pseudonym of the old id (so the table never
 * says which address an old id was), and leads to the contact's new id. The pointers expire after
 * the longest such link lives.
 */
@Singleton
public record MovedContactIds(TurnoutTable table, ContactIds ids) implements PersonalDataHolder {
    /** Longer than an unsubscribe link lives (a year), so an old email's link keeps working. */
    static final Duration RETENTION = Duration.ofDays(400);
    private static final String PURPOSE = "moved-contact";
    private static final String DESTINATION = "moved-to";
    /** From a new id back to its pointer, so that erasing the contact erases the way its old id led to it. */
    private static final String ORIGIN = "moved-from";

    /** The id the contact has now: {@code contactId} itself, unless it is an old id that moved. */
    public String current(String orgId, String contactId) {
        Map<String, AttributeValue> item = table.client().getItem(GetItemRequest.builder().tableName(table.name())
                .key(key(orgId, contactId)).consistentRead(true).build()).item();
        return item == null || !item.containsKey("contactId") ? contactId : item.get("contactId").s();
    }

    /** Records that {@code oldId} is now {@code newId}, and the way back for erasure; writing them again is harmless. */
    void record(String orgId, String oldId, String newId, Instant now) {
        Map<String, AttributeValue> pointer = key(orgId, oldId);
        Map<String, AttributeValue> item = new HashMap<>(pointer);
        item.put("type", AttributeValue.fromS("moved-contact"));
        item.put("contactId", AttributeValue.fromS(newId));
        item.put("ttl", AttributeValue.fromN(Long.toString(now.plus(RETENTION).getEpochSecond())));
        table.client().putItem(PutItemRequest.builder().tableName(table.name()).item(item).build());
        Map<String, AttributeValue> origin = new HashMap<>(key(orgId, ORIGIN, newId));
        origin.put("type", AttributeValue.fromS("moved-contact"));
        origin.put("pointer", pointer.get("PK"));
        origin.put("ttl", item.get("ttl"));
        table.client().putItem(PutItemRequest.builder().tableName(table.name()).item(origin).build());
    }

    @Override
    public String section() {
        return "movedContactId";
    }

    /** Whether an id of before the keyed ids still leads to the contact, and until when. */
    @Override
    public Object export(String orgId, String contactId) {
        Map<String, AttributeValue> origin = table.client().getItem(GetItemRequest.builder().tableName(table.name())
                .key(key(orgId, ORIGIN, contactId)).consistentRead(true).build()).item();
        if (origin == null || origin.isEmpty()) {
            return null;
        }
        return Map.of("earlierIdLeadsHereUntil", Instant.ofEpochSecond(Long.parseLong(origin.get("ttl").n())).toString());
    }

    /** Deletes the pointer from the contact's old id and the way back to it: what remains leads nowhere. */
    @Override
    public int erase(String orgId, String contactId) {
        Map<String, AttributeValue> originKey = key(orgId, ORIGIN, contactId);
        Map<String, AttributeValue> origin = table.client().getItem(GetItemRequest.builder().tableName(table.name())
                .key(originKey).consistentRead(true).build()).item();
        if (origin == null || origin.isEmpty()) {
            return 0;
        }
        table.client().deleteItem(DeleteItemRequest.builder().tableName(table.name())
                .key(TurnoutTable.key(origin.get("pointer").s(), Keys.MOVED_CONTACT_SK)).build());
        table.client().deleteItem(DeleteItemRequest.builder().tableName(table.name()).key(originKey).build());
        return 2;
    }

    /** Remembers that {@code contactId} is an id the migration gave, not one it must move. */
    void recordDestination(String orgId, String contactId, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(key(orgId, DESTINATION, contactId));
        item.put("type", AttributeValue.fromS("moved-contact"));
        item.put("ttl", AttributeValue.fromN(Long.toString(now.plus(RETENTION).getEpochSecond())));
        table.client().putItem(PutItemRequest.builder().tableName(table.name()).item(item).build());
    }

    boolean isDestination(String orgId, String contactId) {
        Map<String, AttributeValue> item = table.client().getItem(GetItemRequest.builder().tableName(table.name())
                .key(key(orgId, DESTINATION, contactId)).consistentRead(true).build()).item();
        return item != null && !item.isEmpty();
    }

    private Map<String, AttributeValue> key(String orgId, String contactId) {
        return key(orgId, PURPOSE, contactId);
    }

    private Map<String, AttributeValue> key(String orgId, String purpose, String contactId) {
        return TurnoutTable.key(Keys.movedContact(orgId, ids.pseudonym(purpose, contactId)), Keys.MOVED_CONTACT_SK);
    }
}
