package org.turnout.feedback;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.turnout.contact.Contact;
import org.turnout.contact.ContactOptOut;
import org.turnout.contact.ContactRepository;
import org.turnout.contact.ContactStatus;
import org.turnout.contact.EmailAddress;
import org.turnout.privacy.ErasureTombstones;
import org.turnout.suppression.SuppressionService;

/** A bounce or complaint's end: the contact opted out, and the address on the suppression list unless it was erased. */
@Singleton
public record FeedbackSuppressions(ContactOptOut optOut, ContactRepository contacts, ErasureTombstones tombstones,
                                   SuppressionService suppressions) {
    /** Opts the contact out with this status; lists the address, with the event's source and reason. */
    public void suppress(String orgId, String contactId, Optional<EmailAddress> address, ContactStatus status,
                         String source, String reason, String mailingId, Instant at) {
        optOut.optOut(orgId, contactId, status, reason, mailingId, at);
        Optional<Contact> contact = contacts.find(orgId, contactId);
        String email = contact.map(Contact::email).orElse(address.map(EmailAddress::value).orElse(null));
        // an erased address is kept unmailable by its tombstone: the list must not learn it again
        boolean erased = contact.isEmpty() && address.isPresent() && !tombstones.erased(orgId, List.of(address.get())).isEmpty();
        if (email != null && !erased) {
            suppressions.addFromFeedback(orgId, contactId, email, source, reason, at);
        }
    }
}
