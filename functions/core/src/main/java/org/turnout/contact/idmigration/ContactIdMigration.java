package org.turnout.contact.idmigration;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;
import org.turnout.canvass.DoorAddress;
import org.turnout.contact.ContactIds;
import org.turnout.contact.EmailAddress;
import org.turnout.mailing.Mailing;
import org.turnout.mailing.MailingRepository;
import org.turnout.mailing.MailingState;
import org.turnout.organisation.Organisation;
import org.turnout.organisation.OrganisationRepository;
import org.turnout.privacy.ErasureTombstones;
import org.turnout.roll.VoterRepository;
import org.turnout.store.BatchOperations;
import org.turnout.store.Keys;
import org.turnout.store.TurnoutTable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The one-time move of an organisation's data from the old contact ids (a plain SHA-256 of the
 * address) to the keyed ones of {@link ContactIds}. Run by an operator after deploying the keyed
 * ids, as many times as it takes: each run goes on from the checkpoint of each organisation
 * ({@code ORG#o / MIGRATION#contact-ids}), saved after every page, and stops when
 * {@code timeLeft} says so. Every step can be done twice (puts only if absent, deletes of what
 * was copied), so a crash between two checkpoints only repeats some of the last page.
 *
 * <p>Per organisation, in three phases: the contacts, read over the GSI2 shards (each contact
 * item with every item of its partition, canvass results included, then its send records and the
 * SES events applied to them, and a pointer from the old id to the new one for links and tags
 * made before); the suppression list; the audit trail (an old id becomes the new one, or, for a
 * person no longer held, a keyed pseudonym). An organisation with a mailing sending or paused is
 * left for a later run, so that no queued recipient or dispatch cursor names an id that moved.
 */
@Singleton
public record ContactIdMigration(TurnoutTable table, BatchOperations batches, ContactIds ids, MovedContactIds moved,
                                 OrganisationRepository organisations, MailingRepository mailings, ErasureTombstones tombstones, Clock clock) {
    public static final String NAME = "contact-ids";
    static final int PAGE = 25;
    private static final Pattern AUDITED_CONTACT = Pattern.compile("contact:([0-9a-f]{32})");
    private static final Logger LOG = Logger.getLogger(ContactIdMigration.class);

    public enum MigrationPhase { CONTACTS, SUPPRESSIONS, AUDIT, DONE }

    /** Where one organisation stands; {@code waitingFor} names the mailing that holds it back, if one does. */
    public record OrganisationMigration(String organisation, MigrationPhase phase, long contactsMoved, long contactsErased,
                                       long suppressionsMoved, long auditEntriesChanged, long unreadable, String waitingFor) {
    }

    /** {@code done} when every organisation is migrated; otherwise run again. */
    public record MigrationProgress(boolean done, List<OrganisationMigration> organisations) {
    }

    /** Migrates page after page while {@code timeLeft} answers true; where every organisation stands. */
    public MigrationProgress run(BooleanSupplier timeLeft) {
        List<OrganisationMigration> report = new ArrayList<>();
        boolean done = true;
        for (Organisation organisation : organisations.list()) {
            String orgId = organisation.id();
            Checkpoint checkpoint = load(orgId);
            String waitingFor = null;
            while (checkpoint.phase() != MigrationPhase.DONE && timeLeft.getAsBoolean()) {
                waitingFor = checkpoint.phase() == MigrationPhase.CONTACTS ? mailingInFlight(orgId).orElse(null) : null;
                if (waitingFor != null) {
                    break;
                }
                checkpoint = step(orgId, checkpoint);
                save(orgId, checkpoint);
            }
            report.add(checkpoint.progress(orgId, waitingFor));
            done &= checkpoint.phase() == MigrationPhase.DONE;
        }
        return new MigrationProgress(done, report);
    }

    private Checkpoint step(String orgId, Checkpoint checkpoint) {
        return switch (checkpoint.phase()) {
            case CONTACTS -> contactsPage(orgId, checkpoint);
            case SUPPRESSIONS -> suppressionsPage(orgId, checkpoint);
            case AUDIT -> auditPage(orgId, checkpoint);
            case DONE -> checkpoint;
        };
    }

    // ------------------------------------------------------------------ contacts

    private Checkpoint contactsPage(String orgId, Checkpoint checkpoint) {
        QueryResponse page = pageAfter("GSI2", "GSI2PK", Keys.contactShard(orgId, checkpoint.shard()), "GSI2SK", checkpoint.cursor());
        List<String> mailingIds = mailings.list(orgId).stream().map(Mailing::mailingId).toList();
        Checkpoint next = checkpoint;
        for (Map<String, AttributeValue> item : page.items()) {
            String contactId = item.get("GSI2SK").s();
            next = switch (migrateContact(orgId, contactId, mailingIds)) {
                case MOVED -> next.countContactMoved();
                case ERASED -> next.countContactErased();
                case UNREADABLE -> next.countUnreadable();
                case KEPT -> next;
            };
            next = next.at(contactId);
        }
        if (!morePages(page)) {
            next = next.shard() + 1 < Keys.CONTACT_SHARDS ? next.nextShard() : next.nextPhase(MigrationPhase.SUPPRESSIONS);
        }
        return next;
    }

    private enum ContactResult { MOVED, ERASED, KEPT, UNREADABLE }

    private ContactResult migrateContact(String orgId, String oldId, List<String> mailingIds) {
        List<Map<String, AttributeValue>> items = partition(Keys.contact(orgId, oldId));
        Map<String, AttributeValue> contact = items.stream().filter(i -> Keys.CONTACT_SK.equals(i.get("SK").s())).findFirst().orElse(null);
        if (contact == null) {
            return ContactResult.KEPT; // the index was behind: already moved
        }
        Optional<EmailAddress> address = Optional.ofNullable(text(contact, "email")).flatMap(EmailAddress::parse);
        if (text(contact, "email") != null && address.isEmpty()) {
            LOG.warnf("organisation %s: a contact has an address that no longer reads as one; left under its id", orgId);
            return ContactResult.UNREADABLE;
        }
        String newId = address.map(ids::forEmail).orElseGet(() -> doorContactId(orgId, oldId, contact));
        if (newId.equals(oldId)) {
            return ContactResult.KEPT;
        }
        // erased after the keyed ids were deployed, but under the new id, which found nothing to delete
        boolean erased = address.isPresent() && !tombstones.erased(orgId, List.of(address.get())).isEmpty();
        if (!erased) {
            moved.record(orgId, oldId, newId, clock.instant());
            for (Map<String, AttributeValue> item : items) {
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
        items.stream().filter(i -> i != contact).forEach(this::delete);
        delete(contact);
        return erased ? ContactResult.ERASED : ContactResult.MOVED;
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
        if (putIfAbsent(copy) || !contactItem) {
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
            Map<String, AttributeValue> present = table.client().getItem(b -> b.tableName(table.name())
                    .key(TurnoutTable.key(moving.get("PK").s(), moving.get("SK").s())).consistentRead(true)).item();
            if (present == null || present.isEmpty()) {
                if (putIfAbsent(moving)) {
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
            try {
                table.client().putItem(b -> b.tableName(table.name()).item(replacement)
                        .conditionExpression(version == null ? "attribute_not_exists(version)" : "version = :v")
                        .expressionAttributeValues(version == null ? null : Map.of(":v", version)));
                return;
            } catch (ConditionalCheckFailedException e) {
                // changed meanwhile: read again
            }
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
        try {
            table.client().updateItem(b -> b.tableName(table.name())
                    .key(TurnoutTable.key(link.get(VoterRepository.VOTER_PK).s(), link.get(VoterRepository.VOTER_SK).s()))
                    .updateExpression("SET contactId = :new")
                    .conditionExpression("contactId = :old")
                    .expressionAttributeValues(Map.of(":new", AttributeValue.fromS(newId), ":old", AttributeValue.fromS(oldId))));
        } catch (ConditionalCheckFailedException e) {
            // nothing to follow
        }
    }

    /** A send record (the claim) follows its contact, and so do the SES events applied to its message. */
    private void moveSendRecord(String orgId, Map<String, AttributeValue> record, String oldId, String newId) {
        String messageId = text(record, "messageId");
        if (messageId != null) {
            String pk = Keys.appliedFeedback(orgId, messageId);
            for (Map<String, AttributeValue> applied : partition(pk)) {
                String sk = applied.get("SK").s();
                if (sk.endsWith("#" + oldId)) {
                    if (newId != null) {
                        Map<String, AttributeValue> copy = new HashMap<>(applied);
                        copy.put("SK", AttributeValue.fromS(sk.substring(0, sk.length() - oldId.length()) + newId));
                        putIfAbsent(copy);
                    }
                    delete(applied);
                }
            }
        }
        if (newId != null) {
            Map<String, AttributeValue> copy = new HashMap<>(record);
            copy.put("SK", AttributeValue.fromS(Keys.sendRecordSk(newId)));
            copy.put("contactId", AttributeValue.fromS(newId));
            putIfAbsent(copy);
        }
        delete(record);
    }

    /** The name of a mailing of the organisation that is sending or paused, whose queue and cursors name contacts. */
    private Optional<String> mailingInFlight(String orgId) {
        return mailings.list(orgId).stream()
                .filter(m -> m.stateValue() == MailingState.SENDING || m.stateValue() == MailingState.PAUSED)
                .map(Mailing::mailingId).findFirst();
    }

    // ------------------------------------------------------------------ suppression list

    private Checkpoint suppressionsPage(String orgId, Checkpoint checkpoint) {
        QueryResponse page = pageAfter(null, "PK", Keys.suppressions(orgId), "SK", checkpoint.cursor());
        Checkpoint next = checkpoint;
        for (Map<String, AttributeValue> item : page.items()) {
            String oldId = item.get("SK").s();
            Optional<EmailAddress> address = Optional.ofNullable(text(item, "email")).flatMap(EmailAddress::parse);
            if (address.isEmpty()) {
                next = next.countUnreadable().at(oldId);
                continue;
            }
            String newId = ids.forEmail(address.get());
            if (!newId.equals(oldId) && !tombstones.erased(orgId, List.of(address.get())).isEmpty()) {
                delete(item); // erased after the deployment: the erasure looked for the entry under the new id
                next = next.countContactErased();
            } else if (!newId.equals(oldId)) {
                // the audit trail names suppressed addresses that are no contact by this id too
                moved.record(orgId, oldId, newId, clock.instant());
                Map<String, AttributeValue> copy = new HashMap<>(item);
                copy.put("SK", AttributeValue.fromS(newId));
                putIfAbsent(copy);
                delete(item);
                next = next.countSuppressionMoved();
            }
            next = next.at(oldId);
        }
        return morePages(page) ? next : next.nextPhase(MigrationPhase.AUDIT);
    }

    // ------------------------------------------------------------------ audit trail

    private Checkpoint auditPage(String orgId, Checkpoint checkpoint) {
        QueryResponse page = pageAfter(null, "PK", Keys.auditTrail(orgId), "SK", checkpoint.cursor());
        Checkpoint next = checkpoint;
        for (Map<String, AttributeValue> item : page.items()) {
            String target = text(item, "target");
            Matcher contact = target == null ? null : AUDITED_CONTACT.matcher(target);
            if (contact != null && contact.matches()) {
                String newTarget = auditTarget(orgId, contact.group(1));
                if (newTarget != null) {
                    try {
                        table.client().updateItem(b -> b.tableName(table.name()).key(TurnoutTable.key(item.get("PK").s(), item.get("SK").s()))
                                .updateExpression("SET target = :new").conditionExpression("target = :old")
                                .expressionAttributeValues(Map.of(":new", AttributeValue.fromS(newTarget), ":old", AttributeValue.fromS(target))));
                        next = next.countAuditEntryChanged();
                    } catch (ConditionalCheckFailedException e) {
                        // another run changed it first
                    }
                }
            }
            next = next.at(item.get("SK").s());
        }
        return morePages(page) ? next : next.nextPhase(MigrationPhase.DONE);
    }

    /**
     * What an audit entry naming {@code contactId} names now: the new id of a contact that moved;
     * nothing to change for an id still held (a new one); and for a person no longer held (erased)
     * a keyed pseudonym, so the entry still tells one person's actions apart without an id anyone
     * could recompute from a guessed address.
     */
    private String auditTarget(String orgId, String contactId) {
        String current = moved.current(orgId, contactId);
        if (!current.equals(contactId)) {
            return "contact:" + current;
        }
        boolean held = exists(Keys.contact(orgId, contactId), Keys.CONTACT_SK) || exists(Keys.suppressions(orgId), contactId);
        return held ? null : "contact-gone:" + ids.pseudonym("gone-contact", contactId);
    }

    // ------------------------------------------------------------------ checkpoint

    private record Checkpoint(MigrationPhase phase, int shard, String cursor, long contactsMoved, long contactsErased,
                              long suppressionsMoved, long auditEntriesChanged, long unreadable) {
        static final Checkpoint START = new Checkpoint(MigrationPhase.CONTACTS, 0, null, 0, 0, 0, 0, 0);

        Checkpoint at(String newCursor) {
            return new Checkpoint(phase, shard, newCursor, contactsMoved, contactsErased, suppressionsMoved, auditEntriesChanged, unreadable);
        }

        Checkpoint nextShard() {
            return new Checkpoint(phase, shard + 1, null, contactsMoved, contactsErased, suppressionsMoved, auditEntriesChanged, unreadable);
        }

        Checkpoint nextPhase(MigrationPhase then) {
            return new Checkpoint(then, 0, null, contactsMoved, contactsErased, suppressionsMoved, auditEntriesChanged, unreadable);
        }

        Checkpoint countContactMoved() {
            return new Checkpoint(phase, shard, cursor, contactsMoved + 1, contactsErased, suppressionsMoved, auditEntriesChanged, unreadable);
        }

        Checkpoint countContactErased() {
            return new Checkpoint(phase, shard, cursor, contactsMoved, contactsErased + 1, suppressionsMoved, auditEntriesChanged, unreadable);
        }

        Checkpoint countSuppressionMoved() {
            return new Checkpoint(phase, shard, cursor, contactsMoved, contactsErased, suppressionsMoved + 1, auditEntriesChanged, unreadable);
        }

        Checkpoint countAuditEntryChanged() {
            return new Checkpoint(phase, shard, cursor, contactsMoved, contactsErased, suppressionsMoved, auditEntriesChanged + 1, unreadable);
        }

        Checkpoint countUnreadable() {
            return new Checkpoint(phase, shard, cursor, contactsMoved, contactsErased, suppressionsMoved, auditEntriesChanged, unreadable + 1);
        }

        OrganisationMigration progress(String orgId, String waitingFor) {
            return new OrganisationMigration(orgId, phase, contactsMoved, contactsErased, suppressionsMoved, auditEntriesChanged,
                    unreadable, waitingFor);
        }
    }

    private Checkpoint load(String orgId) {
        Map<String, AttributeValue> item = table.client().getItem(b -> b.tableName(table.name())
                .key(TurnoutTable.key(Keys.organisation(orgId), Keys.migrationSk(NAME))).consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Checkpoint.START;
        }
        return new Checkpoint(MigrationPhase.valueOf(item.get("phase").s()), number(item, "shard").intValue(), text(item, "cursor"),
                number(item, "contactsMoved"), number(item, "contactsErased"), number(item, "suppressionsMoved"),
                number(item, "auditEntriesChanged"), number(item, "unreadable"));
    }

    private void save(String orgId, Checkpoint checkpoint) {
        Map<String, AttributeValue> item = new HashMap<>(TurnoutTable.key(Keys.organisation(orgId), Keys.migrationSk(NAME)));
        item.put("type", AttributeValue.fromS("migration"));
        item.put("phase", AttributeValue.fromS(checkpoint.phase().name()));
        item.put("shard", AttributeValue.fromN(Integer.toString(checkpoint.shard())));
        if (checkpoint.cursor() != null) {
            item.put("cursor", AttributeValue.fromS(checkpoint.cursor()));
        }
        item.put("contactsMoved", AttributeValue.fromN(Long.toString(checkpoint.contactsMoved())));
        item.put("contactsErased", AttributeValue.fromN(Long.toString(checkpoint.contactsErased())));
        item.put("suppressionsMoved", AttributeValue.fromN(Long.toString(checkpoint.suppressionsMoved())));
        item.put("auditEntriesChanged", AttributeValue.fromN(Long.toString(checkpoint.auditEntriesChanged())));
        item.put("unreadable", AttributeValue.fromN(Long.toString(checkpoint.unreadable())));
        item.put("updatedAt", AttributeValue.fromS(clock.instant().toString()));
        table.client().putItem(b -> b.tableName(table.name()).item(item));
    }

    // ------------------------------------------------------------------ table access

    /** One page of a partition (of the table, or of {@code index}), after the sort key {@code after}. */
    private QueryResponse pageAfter(String index, String partitionName, String partition, String sortName, String after) {
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

    private static boolean morePages(QueryResponse page) {
        return page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty();
    }

    /** Every item of a partition of the table, strongly consistent. */
    private List<Map<String, AttributeValue>> partition(String pk) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        table.client().queryPaginator(b -> b.tableName(table.name()).keyConditionExpression("PK = :pk")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk))).consistentRead(true))
                .forEach(page -> items.addAll(page.items()));
        return items;
    }

    private boolean putIfAbsent(Map<String, AttributeValue> item) {
        try {
            table.client().putItem(b -> b.tableName(table.name()).item(item).conditionExpression("attribute_not_exists(PK)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private void delete(Map<String, AttributeValue> item) {
        table.client().deleteItem(b -> b.tableName(table.name()).key(TurnoutTable.key(item.get("PK").s(), item.get("SK").s())));
    }

    private boolean exists(String pk, String sk) {
        Map<String, AttributeValue> item = table.client().getItem(b -> b.tableName(table.name()).key(TurnoutTable.key(pk, sk))
                .consistentRead(true).projectionExpression("PK")).item();
        return item != null && !item.isEmpty();
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    private static Long number(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? 0L : Long.parseLong(value.n());
    }
}
