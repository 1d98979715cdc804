package org.turnout.contact;

import jakarta.enterprise.context.ApplicationScoped;
import java.lang.invoke.MethodHandles;
import java.util.Optional;
import org.turnout.store.Keys;
import org.turnout.store.TurnoutTable;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.GetItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** Contact items. Every write is conditional: a new contact only if absent, a change only on the version read. */
@ApplicationScoped
public class ContactRepository {
    private final DynamoDbTable<Contact> items;

    public ContactRepository(TurnoutTable table) {
        this.items = table.items(Contact.class, MethodHandles.lookup());
    }

    public Optional<Contact> find(String orgId, String contactId) {
        return Optional.ofNullable(items.getItem(GetItemEnhancedRequest.builder()
                .key(Key.builder().partitionValue(Keys.contact(orgId, contactId)).sortValue(Keys.CONTACT_SK).build())
                .consistentRead(true)
                .build()));
    }

    /** Stores a new contact; false when one with the same id already exists. */
    public boolean createIfAbsent(Contact contact) {
        try {
            items.putItem(PutItemEnhancedRequest.builder(Contact.class)
                    .item(contact)
                    .conditionExpression(Expression.builder().expression("attribute_not_exists(PK)").build())
                    .build());
            contact.setVersion(1L); // what the versioning extension wrote
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** Writes a changed contact; false when someone else changed it since it was read. */
    public boolean update(Contact contact) {
        try {
            items.putItem(contact);
            contact.setVersion(nextVersion(contact.getVersion()));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private static long nextVersion(Long version) {
        return version == null ? 1L : version + 1;
    }
}
