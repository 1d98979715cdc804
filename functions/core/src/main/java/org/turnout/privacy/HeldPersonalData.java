package org.turnout.privacy;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.turnout.contact.ContactRepository;
import org.turnout.store.Keys;
import org.turnout.store.TurnoutTable;
import org.turnout.suppression.SuppressionRepository;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What an organisation holds about one contact id, gathered for a GDPR export and deleted for an
 * erasure: the contact item as stored, its entry on the suppression list, and the part of every
 * feature that keeps personal data elsewhere ({@link PersonalDataHolder}). What the request itself
 * needs (the address, its tombstone, the audit trail) is {@link PrivacyService}'s.
 */
@Singleton
public record HeldPersonalData(TurnoutTable table, ContactRepository contacts, SuppressionRepository suppressions,
                               Instance<PersonalDataHolder> holders) {

    /** What was deleted: whether there was a contact and a suppression, and how many items each feature deleted or scrubbed. */
    public record Erased(boolean contactFound, boolean suppressionRemoved, Map<String, Integer> sections) {
    }

    /** Every section of an export, by name ({@code contact}, {@code suppression}, then each feature's), null or empty when nothing is held. */
    public Map<String, Object> export(String orgId, String contactId) {
        Map<String, AttributeValue> contactItem = table.client().getItem(b -> b.tableName(table.name())
                .key(TurnoutTable.key(Keys.contact(orgId, contactId), Keys.CONTACT_SK)).consistentRead(true)).item();
        Map<String, Object> sections = new LinkedHashMap<>();
        sections.put("contact", contactItem == null || contactItem.isEmpty() ? null : RawItems.toJson(contactItem));
        sections.put("suppression", suppressions.find(orgId, contactId).orElse(null));
        for (PersonalDataHolder holder : holders) {
            sections.put(holder.section(), holder.export(orgId, contactId));
        }
        return sections;
    }

    /** Whether any section holds something: a person may be known only by what a feature holds, such as a rejected import row. */
    public static boolean anyHeld(Map<String, Object> sections) {
        return sections.values().stream().anyMatch(part -> part != null && !(part instanceof Collection<?> parts && parts.isEmpty()));
    }

    /** Deletes what every feature holds, then the suppression and the contact. */
    public Erased erase(String orgId, String contactId) {
        Map<String, Integer> erased = new LinkedHashMap<>();
        for (PersonalDataHolder holder : holders) {
            erased.put(holder.section(), holder.erase(orgId, contactId));
        }
        boolean suppressionRemoved = suppressions.remove(orgId, contactId).isPresent();
        boolean contactFound = contacts.delete(orgId, contactId).isPresent();
        return new Erased(contactFound, suppressionRemoved, erased);
    }
}
