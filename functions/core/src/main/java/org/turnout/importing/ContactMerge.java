package org.turnout.importing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import org.turnout.contact.ConsentChange;
import org.turnout.contact.ConsentRecord;
import org.turnout.contact.Contact;
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
public final class ContactMerge {
    public static final String SOURCE_PREFIX = "import";
    static final String OPTED_OUT_IN_FILE = "import: the file says the person opted out";

    private final String orgId;
    private final String importId;
    private final String consentSource;
    private final Instant now;

    public ContactMerge(String orgId, String importId, String consentSource, Instant now) {
        this.orgId = orgId;
        this.importId = importId;
        this.consentSource = consentSource;
        this.now = now;
    }

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
                contact.status(ContactStatus.SUPPRESSED);
            } else if (row.optedOut()) {
                optOut(contact);
            }
            return new Merged(contact, RowOutcome.CREATED, true);
        }
        if (importId.equals(existing.getLastImportId()) && existing.getLastImportLine() != null
                && existing.getLastImportLine() >= row.line()) {
            return new Merged(existing, replayedOutcome(existing, row), false); // applied before a crash: nothing to do
        }
        RowOutcome outcome = importId.equals(existing.getLastImportId()) ? RowOutcome.DUPLICATE : RowOutcome.UPDATED;
        Contact contact = existing;
        contact.setFirstName(newer(contact.getFirstName(), row.firstName()));
        contact.setLastName(newer(contact.getLastName(), row.lastName()));
        contact.setStreet(newer(contact.getStreet(), row.street()));
        contact.setPostcode(newer(contact.getPostcode(), row.postcode()));
        contact.setCity(newer(contact.getCity(), row.city()));
        contact.setStation(newer(contact.getStation(), row.station()));
        contact.setPhone(contact.getPhone() != null ? contact.getPhone() : row.phone());
        // tags stored before they were normalised take their one spelling, not a second copy
        LinkedHashSet<String> tags = new LinkedHashSet<>(Tags.normaliseAll(contact.getTags()));
        tags.addAll(row.tags());
        contact.setTags(new ArrayList<>(tags));
        Map<String, String> attributes = new LinkedHashMap<>(row.attributes());
        if (contact.getAttributes() != null) {
            attributes.putAll(contact.getAttributes());
        }
        contact.setAttributes(attributes);
        ContactStatus status = contact.statusValue();
        if (row.optedOut()) {
            optOut(contact);
        } else if (consentSource != null && !suppressed && (status == ContactStatus.IMPORTED || status == ContactStatus.PENDING)) {
            contact.status(ContactStatus.SUBSCRIBED);
            contact.setConsent(consent());
        }
        mark(contact, row);
        return new Merged(contact, outcome, true);
    }

    /** Whether the contact can be written to, now or once confirmed: what an import must not make of a suppressed address. */
    static boolean mailable(Contact contact) {
        ContactStatus status = contact.statusValue();
        return status == ContactStatus.SUBSCRIBED || status == ContactStatus.IMPORTED || status == ContactStatus.PENDING;
    }

    /**
     * Makes a mailable contact {@code suppressed}, as a new contact of a suppressed or erased address is made;
     * an opt-out stays. True if it changed.
     */
    static boolean suppress(Contact contact) {
        if (!mailable(contact)) {
            return false;
        }
        contact.status(ContactStatus.SUPPRESSED);
        return true;
    }

    private Contact created(String contactId, ImportRow row) {
        Contact contact = new Contact();
        contact.setOrgId(orgId);
        contact.setContactId(contactId);
        contact.setEmail(row.email().value());
        contact.setFirstName(row.firstName());
        contact.setLastName(row.lastName());
        contact.setStreet(row.street());
        contact.setPostcode(row.postcode());
        contact.setCity(row.city());
        contact.setStation(row.station());
        contact.setPhone(row.phone());
        contact.setTags(new ArrayList<>(row.tags()));
        contact.setAttributes(new LinkedHashMap<>(row.attributes()));
        boolean consented = consentSource != null && !row.optedOut();
        contact.status(consented ? ContactStatus.SUBSCRIBED : ContactStatus.IMPORTED);
        contact.setConsent(consented ? consent() : null);
        contact.setCreatedAt(now);
        contact.setCreatedByImport(importId + "#" + row.line());
        mark(contact, row);
        return contact;
    }

    /** Only a mailable (or soon mailable) contact changes: a bounce or complaint stays the stronger word. */
    private void optOut(Contact contact) {
        ContactStatus from = contact.statusValue();
        if (mailable(contact)) {
            contact.status(ContactStatus.UNSUBSCRIBED);
            ContactOptOut.record(contact, ConsentChange.of(now, from, ContactStatus.UNSUBSCRIBED, OPTED_OUT_IN_FILE, null));
        }
    }

    private void mark(Contact contact, ImportRow row) {
        contact.setLastImportId(importId);
        contact.setLastImportLine(row.line());
        contact.setUpdatedAt(now);
    }

    private ConsentRecord consent() {
        ConsentRecord consent = new ConsentRecord();
        consent.setSource(SOURCE_PREFIX + ":" + consentSource);
        consent.setRequestedAt(now);
        consent.setConfirmedAt(now);
        return consent;
    }

    /** Counts a row applied before a crash as it was counted then, as near as the item tells. */
    private RowOutcome replayedOutcome(Contact existing, ImportRow row) {
        String createdBy = existing.getCreatedByImport();
        if ((importId + "#" + row.line()).equals(createdBy)) {
            return RowOutcome.CREATED;
        }
        if (createdBy != null && createdBy.startsWith(importId + "#")) {
            return RowOutcome.DUPLICATE;
        }
        return existing.getLastImportLine() == row.line() ? RowOutcome.UPDATED : RowOutcome.DUPLICATE;
    }

    private static String newer(String stored, String imported) {
        return imported != null ? imported : stored;
    }
}
