package org.turnout.contact.idmigration;

import static org.turnout.contact.idmigration.MigrationItems.text;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.turnout.canvass.DoorAddress;
import org.turnout.contact.ContactIds;
import org.turnout.contact.EmailAddress;
import org.turnout.privacy.ErasureTombstones;
import org.turnout.roll.VoterRepository;
import org.turnout.store.BatchOperations;
import org.turnout.store.Keys;
import org.turnout.store.TurnoutTable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * How one person's data moves from an old contact id to the keyed one, for {@link ContactIdMigration}:
 * a contact with every item of its partition, its send records and the SES events applied to them;
 * an entry of the suppression list; and what an audit entry naming an old id names now. A person
 * erased since the keyed ids were deployed is deleted rather than moved. Every step can be done
 * twice (puts only if absent, deletes of what was copied).
 */
@Singleton
public record ContactMove(MigrationItems items, BatchOperations batches, ContactIds ids, MovedContactIds moved, ErasureTombstones tombstones,
                          Clock clock) {
    private static final Logger LOG = Logger.getLogger(ContactMove.class);

    /** What became of one contact, or of one suppression entry. */
    enum Result { MOVED, ERASED, KEPT, UNREADABLE }

    /** Moves the contact {@code oldId} of the organisation, whose mailings are {@code mailingIds}. */
    Result contact(String orgId, String oldId, List<String> mailingIds) {
        List<Map<String, AttributeValue>> partition = items.partition(Keys.contact(orgId, oldId));
        Map<String, AttributeValue> contact = partition.stream().filter(i -> Keys.CONTACT_SK.equals(i.get("SK").s())).findFirst().orElse(null);
        if (contact == null) {
            return Result.KEPT; // the index was behind: already moved
        }
        Optional<EmailAddress> address = Optional.ofNullable(text(contact, "email")).flatMap(EmailAddress::parse);
        if (text(contact, "email") != null && address.isEmpty()) {
            LOG.warnf("organisation %s: a contact has an address that no longer reads as one; left under its id", orgId);
            return Result.UNREADABLE;
        }
        String newId = address.map(ids::forEmail).orElseGet(() -> doorContactId(orgId, oldId, contact));
        if (newId.equals(oldId)) {
            return Result.KEPT;
        }
        // erased after the keyed ids were deployed, but under the new id, which found nothing to delete
        boolean erased = address.isPresent() && !tombstones.erased(orgId, List.of(address.get())).isEmpty();
        if (!erased) {
            moved.record(orgId, oldId, newId, clock.instant());
            for (Map<String, AttributeValue> item : partition) {
                copyContactItem(orgId, item, newId);
                if (VoterRepository.LINK_TYPE.equals(text(item, "type"))) {
                    followToVoter(item, oldId, newId);
                }
            }
        }
        List<Map<String, AttributeValue>> sendRecordKeys = mailingIds.stream()
                .map(mailingId -> TurnoutTable.key(Keys.sendRecords(orgId, mailingId), Keys.sendRecordSk(oldId))).toList();
        for (Map<String, AttributeValue> record : batches.getAll(sendRecordKeys)) {
            moveSendRecord(orgId, record, oldId, erased ? null : newId);
        }
        // the contact item last: while it is there, a run cut short finds this contact again
        partition.stream().filter(i -> i != contact).forEach(items::delete);
        items.delete(contact);
        return erased ? Result.ERASED : Result.MOVED;
    }

    /** Moves an entry of the organisation's suppression list, keyed by the contact id of its address. */
    Result suppression(String orgId, Map<String, AttributeValue> item) {
        String oldId = item.get("SK").s();
        Optional<EmailAddress> address = Optional.ofNullable(text(item, "email")).flatMap(EmailAddress::parse);
        if (address.isEmpty()) {
            return Result.UNREADABLE;
        }
        String newId = ids.forEmail(address.get());
        if (newId.equals(oldId)) {
            return Result.KEPT;
        }
        if (!tombstones.erased(orgId, List.of(address.get())).isEmpty()) {
            items.delete(item); // erased after the deployment: the erasure looked for the entry under the new id
            return Result.ERASED;
        }
        // the audit trail names suppressed addresses that are no contact by this id too
        moved.record(orgId, oldId, newId, clock.instant());
        Map<String, AttributeValue> copy = new HashMap<>(item);
        copy.put("SK", AttributeValue.fromS(newId));
        items.putIfAbsent(copy);
        items.delete(item);
        return Result.MOVED;
    }

    /**
     * What an audit entry naming {@code contactId} names now: the new id of a contact that moved;
     * nothing to change for an id still held (a new one); and for a person no longer held (erased)
     * a keyed pseudonym, so the entry still tells one person's actions apart without an id anyone
     * could recompute from a guessed address.
     */
    String auditTarget(String orgId, String contactId) {
        String current = moved.current(orgId, contactId);
        if (!current.equals(contactId)) {
            return "contact:" + current;
        }
        boolean held = items.exists(Keys.contact(orgId, contactId), Keys.CONTACT_SK) || items.exists(Keys.suppressions(orgId), contactId);
        return held ? null : "contact-gone:" + ids.pseudonym("gone-contact", contactId);
    }

    /**
     * A contact without email: its id came from its door and name. When they still give its id,
     * it is told old or new from that; when they changed since, it cannot be, so it moves to a
     * pseudonym of its id, remembered as such, so that a later run leaves it.
     */
    private String doorContactId(String orgId, String contactId, Map<String, AttributeValue> contact) {
        Optional<DoorAddress> door = DoorAddress.parse(text(contact, "street"), text(contact, "postcode"));
        if (door.isPresent()) {
            String person = door.get().personKey(text(contact, "lastName"), text(contact, "firstName"));
            if (contactId.equals(ids.forDoor(person))) {
                return contactId;
            }
            if (contactId.equals(LegacyContactIds.forDoor(person))) {
                return ids.forDoor(person);
            }
        }
        if (moved.isDestination(orgId, contactId)) {
            return contactId;
        }
        String newId = ids.pseudonym("door-contact", contactId);
        moved.recordDestination(orgId, newId, clock.instant());
        return newId;
    }

    private void copyContactItem(String orgId, Map<String, AttributeValue> item, String newId) {
        Map<String, AttributeValue> copy = new HashMap<>(item);
        copy.put("PK", AttributeValue.fromS(Keys.contact(orgId, newId)));
        if (item.containsKey("contactId")) {
            copy.put("contactId", AttributeValue.fromS(newId));
        }
        boolean contactItem = Keys.CONTACT_SK.equals(item.get("SK").s());
        if (contactItem) {
            copy.put("GSI2PK", AttributeValue.fromS(Keys.contactShard(orgId, newId)));
            copy.put("GSI2SK", AttributeValue.fromS(newId));
            if (item.containsKey("GSI1SK")) {
                copy.put("GSI1SK", AttributeValue.fromS(newId));
            }
        }
        if (items.putIfAbsent(copy) || !contactItem) {
            return; // a canvass result already there is the same result
        }
        replaceIfOlder(copy);
    }

    /**
     * The person came in again under the new id before the migration reached them (a sign-up or an
     * import after the deployment): of the two contact items, the one changed last stands.
     */
    private void replaceIfOlder(Map<String, AttributeValue> moving) {
        for (int attempt = 0; attempt < 5; attempt++) {
            Map<String, AttributeValue> present = items.get(moving.get("PK").s(), moving.get("SK").s());
            if (present.isEmpty()) {
                if (items.putIfAbsent(moving)) {
                    return;
                }
                continue;
            }
            if (!changedAfter(moving, present)) {
                return;
            }
            Map<String, AttributeValue> replacement = new HashMap<>(moving);
            AttributeValue version = present.get("version");
            long presentVersion = version == null ? 0 : Long.parseLong(version.n());
            replacement.put("version", AttributeValue.fromN(Long.toString(presentVersion + 1)));
            if (items.replace(replacement, version)) {
                return;
            }
            // changed meanwhile: read again
        }
        throw new IllegalStateException("contact " + moving.get("GSI2SK").s() + " kept changing during the migration; run it again");
    }

    private static boolean changedAfter(Map<String, AttributeValue> a, Map<String, AttributeValue> b) {
        String aChanged = text(a, "updatedAt");
        String bChanged = text(b, "updatedAt");
        return aChanged != null && (bChanged == null || Instant.parse(aChanged).isAfter(Instant.parse(bChanged)));
    }

    /**
     * The link beside the contact moved with it; the voter of the roll it names holds the contact's
     * id too (the walk list lists the voter as that contact), so it follows. A voter gone meanwhile
     * (a newer extract, the purge) or matched to another contact is left as it is.
     */
    private void followToVoter(Map<String, AttributeValue> link, String oldId, String newId) {
        items.change(link.get(VoterRepository.VOTER_PK).s(), link.get(VoterRepository.VOTER_SK).s(), "contactId", oldId, newId);
    }

    /** A send record (the claim) follows its contact, and so do the SES events applied to its message. */
    private void moveSendRecord(String orgId, Map<String, AttributeValue> record, String oldId, String newId) {
        String messageId = text(record, "messageId");
        if (messageId != null) {
            String pk = Keys.appliedFeedback(orgId, messageId);
            for (Map<String, AttributeValue> applied : items.partition(pk)) {
                String sk = applied.get("SK").s();
                if (sk.endsWith("#" + oldId)) {
                    if (newId != null) {
                        Map<String, AttributeValue> copy = new HashMap<>(applied);
                        copy.put("SK", AttributeValue.fromS(sk.substring(0, sk.length() - oldId.length()) + newId));
                        items.putIfAbsent(copy);
                    }
                    items.delete(applied);
                }
            }
        }
        if (newId != null) {
            Map<String, AttributeValue> copy = new HashMap<>(record);
            copy.put("SK", AttributeValue.fromS(Keys.sendRecordSk(newId)));
            copy.put("contactId", AttributeValue.fromS(newId));
            items.putIfAbsent(copy);
        }
        items.delete(record);
    }
}
