package org.turnout.privacy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.turnout.audit.AuditTrail;
import org.turnout.contact.ContactIds;
import org.turnout.contact.ContactRepository;
import org.turnout.contact.EmailAddress;
import org.turnout.problem.FieldErrors;
import org.turnout.problem.InvalidInputException;
import org.turnout.problem.NotFoundException;
import org.turnout.store.Keys;
import org.turnout.store.TurnoutTable;
import org.turnout.suppression.SuppressionRepository;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * GDPR requests about one address: everything held about it as JSON (access, portability), and
 * erasure, which deletes the contact and what other features hold about it but keeps a keyed
 * hash of the address, so that no later import or sign-up makes it mailable again. Both are
 * recorded in the audit trail.
 */
@ApplicationScoped
public class PrivacyService {
    /** Said in every export, so that the person reading it knows its limits. */
    static final List<String> EXPORT_NOTES = List.of(
            "contact: the contact item as stored, with its consent record and consent history, latest canvass result and engagement",
            "canvassResults: every canvass result recorded for this contact (outcome, support level, notes, canvasser)",
            "electoralRoll: the voters of the electoral roll matched to this contact (station, names, address), and when they are deleted",
            "sendRecords: found by reading, for each mailing of the organisation, the one record this contact may have",
            "importReportRows: rejected rows of import reports holding this address (from the table, or from the report file once the table's copy expired)",
            "not included: the imported files themselves (deleted once imported, or expired by the bucket's lifecycle)",
            "SES feedback events are recorded by message id with a hash of the recipient, never the address, and expire after 30 days");

    /** Said in every erasure report: what is kept, and why. */
    static final List<String> ERASURE_REMAINS = List.of(
            "a keyed hash of the address (the erasure tombstone), so that no later import or sign-up makes it mailable again",
            "the audit trail's entries, which name contact ids or this tombstone, never the address");

    private final TurnoutTable table;
    private final ContactRepository contacts;
    private final ContactIds ids;
    private final SuppressionRepository suppressions;
    private final ErasureTombstones tombstones;
    private final Iterable<PersonalDataHolder> holders;
    private final AuditTrail audit;
    private final Clock clock;

    public PrivacyService(TurnoutTable table, ContactRepository contacts, ContactIds ids, SuppressionRepository suppressions,
                          ErasureTombstones tombstones, Instance<PersonalDataHolder> holders, AuditTrail audit, Clock clock) {
        this.table = table;
        this.contacts = contacts;
        this.ids = ids;
        this.suppressions = suppressions;
        this.tombstones = tombstones;
        this.holders = holders;
        this.audit = audit;
        this.clock = clock;
    }

    public Map<String, Object> export(String orgId, PrivacyRequest request, String actor) {
        EmailAddress address = validAddress(request, false);
        String contactId = ids.forEmail(address);
        Map<String, AttributeValue> contactItem = table.client().getItem(b -> b.tableName(table.name())
                .key(TurnoutTable.key(Keys.contact(orgId, contactId), Keys.CONTACT_SK)).consistentRead(true)).item();
        Map<String, Object> export = new LinkedHashMap<>();
        export.put("organisation", orgId);
        export.put("email", address.value());
        export.put("contactId", contactId);
        export.put("exportedAt", clock.instant().toString());
        export.put("contact", contactItem == null || contactItem.isEmpty() ? null : RawItems.toJson(contactItem));
        export.put("suppression", suppressions.find(orgId, contactId).orElse(null));
        export.put("erased", !tombstones.erased(orgId, List.of(address)).isEmpty());
        boolean heldElsewhere = false;
        for (PersonalDataHolder holder : holders) {
            Object part = holder.export(orgId, contactId);
            export.put(holder.section(), part);
            heldElsewhere |= part != null && !(part instanceof Collection<?> parts && parts.isEmpty());
        }
        export.put("notes", EXPORT_NOTES);
        // a person may be known only by what a feature holds, such as a rejected import row: not "nothing"
        if (export.get("contact") == null && export.get("suppression") == null && !(Boolean) export.get("erased") && !heldElsewhere) {
            throw new NotFoundException("nothing is held about this address");
        }
        audit.record(orgId, actor, "contact.export", "contact:" + contactId, reason(request));
        return export;
    }

    /**
     * Erases the address. The tombstone is written first, so that an erasure cut short still keeps
     * the address unmailable; running it again finishes it.
     */
    public ErasureReport erase(String orgId, PrivacyRequest request, String actor) {
        EmailAddress address = validAddress(request, true);
        String contactId = ids.forEmail(address);
        Instant now = clock.instant();
        tombstones.put(orgId, address, now);
        Map<String, Integer> erased = new LinkedHashMap<>();
        for (PersonalDataHolder holder : holders) {
            erased.put(holder.section(), holder.erase(orgId, contactId));
        }
        boolean suppressionRemoved = suppressions.remove(orgId, contactId).isPresent();
        boolean contactFound = contacts.delete(orgId, contactId).isPresent();
        audit.record(orgId, actor, "contact.erase", "tombstone:" + tombstones.hash(address), reason(request));
        return new ErasureReport(contactFound, suppressionRemoved, erased, ERASURE_REMAINS);
    }

    private static EmailAddress validAddress(PrivacyRequest request, boolean reasonRequired) {
        if (request == null) {
            throw InvalidInputException.of("body", "is required");
        }
        FieldErrors errors = new FieldErrors();
        EmailAddress address = EmailAddress.check(errors, "email", request.email(), true);
        errors.text("reason", request.reason(), reasonRequired, 200);
        errors.throwIfAny();
        return address;
    }

    private static String reason(PrivacyRequest request) {
        return request.reason() == null ? null : request.reason().strip();
    }
}
