package org.turnout.contact;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one rule of opting a contact out (an unsubscribe link, a permanent bounce, a complaint):
 * a stronger opt-out replaces a weaker one, never the reverse, and each change is written to
 * the contact's consent history with its time, reason and mailing. Applying the same opt-out
 * again changes nothing.
 */
@Singleton
public record ContactOptOut(ContactRepository contacts) {
    /** @return true when the contact's status changed now (false: unknown contact, or already as strong an opt-out) */
    public boolean optOut(String orgId, String contactId, ContactStatus to, String reason, String mailingId, Instant at) {
        if (to.optOutRank() == 0) {
            throw new IllegalArgumentException(to + " is no opt-out");
        }
        return contacts.modify(orgId, contactId, contact -> {
            ContactStatus from = contact.statusValue();
            if (from.optOutRank() >= to.optOutRank()) {
                return Optional.empty();
            }
            return Optional.of(record(contact.with().status(to.code()).updatedAt(at), contact, ConsentChange.of(at, from, to, reason, mailingId))
                    .build());
        });
    }

    /** Appends the change to the consent history of {@code contact} on its way to be written through {@code changed}. */
    public static ContactBuilder record(ContactBuilder changed, Contact contact, ConsentChange change) {
        List<ConsentChange> history = contact.consentHistory() == null ? new ArrayList<>() : new ArrayList<>(contact.consentHistory());
        history.add(change);
        return changed.consentHistory(history);
    }
}
