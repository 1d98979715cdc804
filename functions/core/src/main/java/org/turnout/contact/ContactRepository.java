package org.turnout.contact;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.turnout.store.Attributes;
import org.turnout.store.BatchOperations;
import org.turnout.store.Keys;
import org.turnout.store.TurnoutTable;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.GetItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** Contact items. Every write is conditional: a new contact only if absent, a change only on the version read. */
@ApplicationScoped
public class ContactRepository {
    private static final int MAX_MODIFY_ATTEMPTS = 5;

    private final DynamoDbTable<Contact> items;
    private final BatchOperations batches;

    public ContactRepository(TurnoutTable table, BatchOperations batches) {
        this.items = table.items(Contact.SCHEMA);
        this.batches = batches;
    }

    public Optional<Contact> find(String orgId, String contactId) {
        return Optional.ofNullable(items.getItem(GetItemEnhancedRequest.builder()
                .key(Key.builder().partitionValue(Keys.contact(orgId, contactId)).sortValue(Keys.CONTACT_SK).build())
                .consistentRead(true)
                .build()));
    }

    /** Stores a new contact: the contact as stored, or empty when one with the same id already exists. */
    public Optional<Contact> createIfAbsent(Contact contact) {
        try {
            items.putItem(PutItemEnhancedRequest.builder(Contact.class)
                    .item(contact)
                    .conditionExpression(Expression.builder().expression("attribute_not_exists(" + Attributes.PK + ")").build())
                    .build());
            return Optional.of(contact.withVersion(1L)); // what the versioning extension wrote
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
    }

    /** The contacts whose polling station this is (GSI1), for walk lists. */
    public List<Contact> atStation(String orgId, String station) {
        List<Contact> found = new java.util.ArrayList<>();
        items.index("GSI1").query(r -> r.queryConditional(software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional.keyEqualTo(
                Key.builder().partitionValue(Keys.station(orgId, station)).build())))
                .forEach(page -> found.addAll(page.items()));
        return found;
    }

    /** The contacts of these ids that exist, by id; read in bulk, strongly consistent. */
    public Map<String, Contact> findAll(String orgId, Collection<String> contactIds) {
        List<Map<String, AttributeValue>> keys = contactIds.stream()
                .map(id -> TurnoutTable.key(Keys.contact(orgId, id), Keys.CONTACT_SK)).toList();
        Map<String, Contact> found = new HashMap<>();
        for (Map<String, AttributeValue> item : batches.getAll(keys)) {
            Contact contact = items.tableSchema().mapToItem(item);
            found.put(contact.contactId(), contact);
        }
        return found;
    }

    /**
     * A put of the contact for a batch write, with its version moved on by hand: batch writes
     * cannot carry the condition the versioning extension adds to single writes.
     */
    public WriteRequest putRequest(Contact contact) {
        Contact stored = contact.withVersion(nextVersion(contact.version()));
        return WriteRequest.builder().putRequest(PutRequest.builder().item(items.tableSchema().itemToMap(stored, true)).build()).build();
    }

    /**
     * Writes the contact only if the stored item is still the one read: absent when it was read
     * as new, else on the version read (moved on by the write). False when someone created,
     * changed or deleted it meanwhile (empty then); else the contact as stored.
     */
    public Optional<Contact> putIfUnchanged(Contact contact, boolean readAsNew) {
        return readAsNew ? createIfAbsent(contact) : update(contact);
    }

    /** Writes a changed contact: the contact as stored, or empty when someone else changed it since it was read. */
    public Optional<Contact> update(Contact contact) {
        try {
            items.putItem(contact);
            return Optional.of(contact.withVersion(nextVersion(contact.version())));
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
    }

    /**
     * Reads the contact, lets {@code change} make the changed contact from it, and writes that on the
     * version read; a lost race reads again and retries. {@code change} answers empty when there is
     * nothing to change (nothing is written then), and may run more than once.
     *
     * @return true when the contact exists and was changed
     */
    public boolean modify(String orgId, String contactId, Function<Contact, Optional<Contact>> change) {
        for (int attempt = 0; attempt < MAX_MODIFY_ATTEMPTS; attempt++) {
            Optional<Contact> changed = find(orgId, contactId).flatMap(change);
            if (changed.isEmpty()) {
                return false;
            }
            if (update(changed.get()).isPresent()) {
                return true;
            }
        }
        throw new IllegalStateException("contact " + contactId + " of " + orgId + " kept changing; try again");
    }

    /** Removes the contact item; the item as it was, if there was one. */
    public Optional<Contact> delete(String orgId, String contactId) {
        return Optional.ofNullable(items.deleteItem(
                Key.builder().partitionValue(Keys.contact(orgId, contactId)).sortValue(Keys.CONTACT_SK).build()));
    }

    private static long nextVersion(Long version) {
        return version == null ? 1L : version + 1;
    }
}
