package org.turnout.privacy;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.turnout.audit.AuditTrail;
import org.turnout.contact.ContactIds;
import org.turnout.contact.EmailAddress;
import org.turnout.problem.FieldErrors;
import org.turnout.problem.InvalidInputException;
import org.turnout.problem.NotFoundException;

/**
 * GDPR requests about one address: everything held about it as JSON (access, portability), and
 * erasure, which deletes the contact and what other features hold about it but keeps a keyed
 * hash of the address, so that no later import or sign-up makes it mailable again. Both are
 * recorded in the audit trail.
 */
@Singleton
public record PrivacyService(ContactIds ids, ErasureTombstones tombstones, HeldPersonalData held, AuditTrail audit, Clock clock) {
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

    public Map<String, Object> export(String orgId, PrivacyRequest request, String actor) {
        EmailAddress address = validAddress(request, false);
        String contactId = ids.forEmail(address);
        Map<String, Object> sections = held.export(orgId, contactId);
        boolean erased = !tombstones.erased(orgId, List.of(address)).isEmpty();
        if (!erased && !HeldPersonalData.anyHeld(sections)) {
            throw new NotFoundException("nothing is held about this address");
        }
        Map<String, Object> export = new LinkedHashMap<>();
        export.put("organisation", orgId);
        export.put("email", address.value());
        export.put("contactId", contactId);
        export.put("exportedAt", clock.instant().toString());
        export.put("erased", erased);
        export.putAll(sections);
        export.put("notes", EXPORT_NOTES);
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
        tombstones.put(orgId, address, clock.instant());
        HeldPersonalData.Erased erased = held.erase(orgId, contactId);
        audit.record(orgId, actor, "contact.erase", "tombstone:" + tombstones.hash(address), reason(request));
        return new ErasureReport(erased.contactFound(), erased.suppressionRemoved(), erased.sections(), ERASURE_REMAINS);
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
