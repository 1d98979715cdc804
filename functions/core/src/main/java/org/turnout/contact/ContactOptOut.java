package org.turnout.contact;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;

/**
 * The one rule of opting a contact out (an unsubscribe link, a permanent bounce, a complaint):
 * a stronger opt-out replaces a weaker one, never the reverse, and each change is written to
 * the contact's consent history with its time, reason and mailing. Applying the same opt-out
 * again changes nothing.
 */
@ApplicationScoped
public class ContactOptOut {
    private final ContactRepository contacts;

    public ContactOptOut(ContactRepository contacts) {
        this.contacts = contacts;
    }

    /** @return true when the contact's status changed now (false: unknown contact, or already as strong an opt-out) */
    public boolean optOut(String orgId, String contactId, ContactStatus to, String reason, String mailingId, Instant at) {
        if (to.optOutRank() == 0) {
            throw new IllegalArgumentException(to + " is no opt-out");
        }
        return contacts.modify(orgId, contactId, contact -> {
            ContactStatus from = contact.statusValue();
            if (from.optOutRank() >= to.optOutRank()) {
                return false;
            }
            contact.status(to);
            record(contact, ConsentChange.of(at, from, to, reason, mailingId));
            contact.setUpdatedAt(at);
            return true;
        });
    }

    /** Appends to the contact's consent history (in memory; the caller writes the contact). */
    public static void record(Contact contact, ConsentChange change) {
        ArrayList<ConsentChange> history = contact.getConsentHistory() == null ? new ArrayList<>() : new ArrayList<>(contact.getConsentHistory());
        history.add(change);
        contact.setConsentHistory(history);
    }
}
