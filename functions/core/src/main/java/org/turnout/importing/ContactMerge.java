package org.turnout.importing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import org.turnout.contact.ConsentChange;
import org.turnout.contact.ConsentRecord;
import org.turnout.contact.ConsentRecordBuilder;
import org.turnout.contact.Contact;
import org.turnout.contact.ContactBuilder;
import org.turnout.contact.ContactOptOut;
import org.turnout.contact.ContactStatus;
import org.turnout.contact.Tags;

/**
 * The rules of merging an imported row into a contact, new or known. Tags are united, empty fields
 * filled, and the row's non-empty names and address win (the file is the newer word). Consent only
 * ever goes up by a declared consent source, and an unsubscribed, bounced or complained contact
 * stays so: an import never makes anyone mailable again. Nor does it make mailable an address on
 * the suppression list or erased before: such a new contact is stored {@code suppressed}. A row
 * that says the person opted out in the tool it comes from unsubscribes a mailable contact.
 */
public record ContactMerge(String orgId, String importId, String consentSource, Instant now) {
    public static final String SOURCE_PREFIX = "import";
    static final String OPTED_OUT_IN_FILE = "import: the file says the person opted out";

    public record Merged(Contact contact, RowOutcome outcome, boolean changed) {
    }

    /**
     * @param existing   the stored contact, or null
     * @param contactId  the id of the row's address
     * @param suppressed the row's address is on the suppression list or was erased
     */
    public Merged apply(Contact existing, String contactId, ImportRow row, boolean suppressed) {
        if (existing == null) {
            Contact contact = created(contactId, row);
            if (suppressed) {
                contact = contact.with().status(ContactStatus.SUPPRESSED.code()).build();
            } else if (row.optedOut()) {
                contact = optOut(contact);
            }
            return new Merged(contact, RowOutcome.CREATED, true);
        }
        if (importId.equals(existing.lastImportId()) && existing.lastImportLine() != null
                && existing.lastImportLine() >= row.line()) {
            return new Merged(existing, replayedOutcome(existing, row), false); // applied before a crash: nothing to do
        }
        RowOutcome outcome = importId.equals(existing.lastImportId()) ? RowOutcome.DUPLICATE : RowOutcome.UPDATED;
        // tags stored before they were normalised take their one spelling, not a second copy
        LinkedHashSet<String> tags = new LinkedHashSet<>(Tags.normaliseAll(existing.tags()));
        tags.addAll(row.tags());
        Map<String, String> attributes = new LinkedHashMap<>(row.attributes());
        if (existing.attributes() != null) {
            attributes.putAll(existing.attributes());
        }
        ContactBuilder merged = existing.with()
                .firstName(newer(existing.firstName(), row.firstName()))
                .lastName(newer(existing.lastName(), row.lastName()))
                .street(newer(existing.street(), row.street()))
                .postcode(newer(existing.postcode(), row.postcode()))
                .city(newer(existing.city(), row.city()))
                .station(newer(existing.station(), row.station()))
                .phone(existing.phone() != null ? existing.phone() : row.phone())
                .tags(new ArrayList<>(tags))
                .attributes(attributes);
        ContactStatus status = existing.statusValue();
        if (consentSource != null && !suppressed && !row.optedOut() && (status == ContactStatus.IMPORTED || status == ContactStatus.PENDING)) {
            merged.status(ContactStatus.SUBSCRIBED.code()).consent(consent());
        }
        Contact contact = mark(merged, row).build();
        return new Merged(row.optedOut() ? optOut(contact) : contact, outcome, true);
    }

    /** Whether the contact can be written to, now or once confirmed: what an import must not make of a suppressed address. */
    static boolean mailable(Contact contact) {
        ContactStatus status = contact.statusValue();
        return status == ContactStatus.SUBSCRIBED || status == ContactStatus.IMPORTED || status == ContactStatus.PENDING;
    }

    /**
     * Makes a mailable contact {@code suppressed}, as a new contact of a suppressed or erased address is made;
     * an opt-out stays. Empty if nothing changes.
     */
    static Optional<Contact> suppress(Contact contact) {
        if (!mailable(contact)) {
            return Optional.empty();
        }
        return Optional.of(contact.with().status(ContactStatus.SUPPRESSED.code()).build());
    }

    private Contact created(String contactId, ImportRow row) {
        boolean consented = consentSource != null && !row.optedOut();
        return mark(ContactBuilder.builder()
                .orgId(orgId)
                .contactId(contactId)
                .email(row.email().value())
                .firstName(row.firstName())
                .lastName(row.lastName())
                .street(row.street())
                .postcode(row.postcode())
                .city(row.city())
                .station(row.station())
                .phone(row.phone())
                .tags(new ArrayList<>(row.tags()))
                .attributes(new LinkedHashMap<>(row.attributes()))
                .status((consented ? ContactStatus.SUBSCRIBED : ContactStatus.IMPORTED).code())
                .consent(consented ? consent() : null)
                .createdAt(now)
                .createdByImport(importId + "#" + row.line()), row)
                .build();
    }

    /** Only a mailable (or soon mailable) contact changes: a bounce or complaint stays the stronger word. */
    private Contact optOut(Contact contact) {
        if (!mailable(contact)) {
            return contact;
        }
        ContactStatus from = contact.statusValue();
        return ContactOptOut.record(contact.with().status(ContactStatus.UNSUBSCRIBED.code()), contact,
                ConsentChange.of(now, from, ContactStatus.UNSUBSCRIBED, OPTED_OUT_IN_FILE, null)).build();
    }

    private ContactBuilder mark(ContactBuilder contact, ImportRow row) {
        return contact.lastImportId(importId).lastImportLine(row.line()).updatedAt(now);
    }

    private ConsentRecord consent() {
        return ConsentRecordBuilder.builder()
                .source(SOURCE_PREFIX + ":" + consentSource)
                .requestedAt(now)
                .confirmedAt(now)
                .build();
    }

    /** Counts a row applied before a crash as it was counted then, as near as the item tells. */
    private RowOutcome replayedOutcome(Contact existing, ImportRow row) {
        String createdBy = existing.createdByImport();
        if ((importId + "#" + row.line()).equals(createdBy)) {
            return RowOutcome.CREATED;
        }
        if (createdBy != null && createdBy.startsWith(importId + "#")) {
            return RowOutcome.DUPLICATE;
        }
        return existing.lastImportLine() == row.line() ? RowOutcome.UPDATED : RowOutcome.DUPLICATE;
    }

    private static String newer(String stored, String imported) {
        return imported != null ? imported : stored;
    }
}
