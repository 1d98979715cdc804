package org.turnout.contact.idmigration;

import static org.turnout.contact.idmigration.MigrationItems.number;
import static org.turnout.contact.idmigration.MigrationItems.text;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.turnout.contact.ContactIds;
import org.turnout.mailing.Mailing;
import org.turnout.mailing.MailingRepository;
import org.turnout.mailing.MailingState;
import org.turnout.organisation.Organisation;
import org.turnout.organisation.OrganisationRepository;
import org.turnout.store.Keys;
import org.turnout.store.TurnoutTable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
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
 * What moves, and how, is {@link ContactMove}'s; this is the run over organisations, phases and pages.
 */
@Singleton
public record ContactIdMigration(MigrationItems items, OrganisationRepository organisations, MailingRepository mailings, ContactMove moves,
                                 Clock clock) {
    public static final String NAME = "contact-ids";
    private static final Pattern AUDITED_CONTACT = Pattern.compile("contact:([0-9a-f]{32})");

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
        QueryResponse page = items.pageAfter("GSI2", "GSI2PK", Keys.contactShard(orgId, checkpoint.shard()), "GSI2SK", checkpoint.cursor());
        List<String> mailingIds = mailings.list(orgId).stream().map(Mailing::mailingId).toList();
        Checkpoint next = checkpoint;
        for (Map<String, AttributeValue> item : page.items()) {
            String contactId = item.get("GSI2SK").s();
            next = switch (moves.contact(orgId, contactId, mailingIds)) {
                case MOVED -> next.countContactMoved();
                case ERASED -> next.countContactErased();
                case UNREADABLE -> next.countUnreadable();
                case KEPT -> next;
            };
            next = next.at(contactId);
        }
        if (!MigrationItems.morePages(page)) {
            next = next.shard() + 1 < Keys.CONTACT_SHARDS ? next.nextShard() : next.nextPhase(MigrationPhase.SUPPRESSIONS);
        }
        return next;
    }

    /** The name of a mailing of the organisation that is sending or paused, whose queue and cursors name contacts. */
    private Optional<String> mailingInFlight(String orgId) {
        return mailings.list(orgId).stream()
                .filter(m -> m.stateValue() == MailingState.SENDING || m.stateValue() == MailingState.PAUSED)
                .map(Mailing::mailingId).findFirst();
    }

    // ------------------------------------------------------------------ suppression list

    private Checkpoint suppressionsPage(String orgId, Checkpoint checkpoint) {
        QueryResponse page = items.pageAfter(null, "PK", Keys.suppressions(orgId), "SK", checkpoint.cursor());
        Checkpoint next = checkpoint;
        for (Map<String, AttributeValue> item : page.items()) {
            next = switch (moves.suppression(orgId, item)) {
                case MOVED -> next.countSuppressionMoved();
                case ERASED -> next.countContactErased();
                case UNREADABLE -> next.countUnreadable();
                case KEPT -> next;
            };
            next = next.at(item.get("SK").s());
        }
        return MigrationItems.morePages(page) ? next : next.nextPhase(MigrationPhase.AUDIT);
    }

    // ------------------------------------------------------------------ audit trail

    private Checkpoint auditPage(String orgId, Checkpoint checkpoint) {
        QueryResponse page = items.pageAfter(null, "PK", Keys.auditTrail(orgId), "SK", checkpoint.cursor());
        Checkpoint next = checkpoint;
        for (Map<String, AttributeValue> item : page.items()) {
            String target = text(item, "target");
            Matcher contact = target == null ? null : AUDITED_CONTACT.matcher(target);
            if (contact != null && contact.matches()) {
                String newTarget = moves.auditTarget(orgId, contact.group(1));
                // false: another run changed it first
                if (newTarget != null && items.change(item.get("PK").s(), item.get("SK").s(), "target", target, newTarget)) {
                    next = next.countAuditEntryChanged();
                }
            }
            next = next.at(item.get("SK").s());
        }
        return MigrationItems.morePages(page) ? next : next.nextPhase(MigrationPhase.DONE);
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
        Map<String, AttributeValue> item = items.get(Keys.organisation(orgId), Keys.migrationSk(NAME));
        if (item.isEmpty()) {
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
        items.put(item);
    }
}
