package org.turnout.sending;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Optional;
import org.turnout.contact.Contact;
import org.turnout.contact.ContactRepository;
import org.turnout.segment.Mailable;

/**
 * Whether a recipient may still be written to at the moment of sending: consent, suppressions and
 * the address may all have changed since the dispatch enqueued it. Decided on the batch's reads
 * ({@link RecipientReads}).
 */
@Singleton
public record RecipientCheck(ContactRepository contacts, Clock clock) {

    /** The contact to write to, or why not (in words fit for a send record: no address in them). */
    public Verdict check(RecipientReads.Found read) {
        Optional<Contact> found = read.contact();
        if (found.isEmpty()) {
            return Verdict.no("no such contact any more");
        }
        Contact contact = found.get();
        if (contact.email() == null || contact.email().isBlank()) {
            return Verdict.no("the contact has no email address");
        }
        // consent may have changed since dispatch; imported contacts were allowed by the segment if they were enqueued
        // Mailable also refuses every status SuppressionService counts as suppressed: what is left of its rule is the list
        if (!Mailable.test(contact, true)) {
            return Verdict.no("the contact is " + contact.status() + " since the dispatch");
        }
        if (read.listed()) {
            return Verdict.no("the address is on the organisation's suppression list");
        }
        return new Verdict(contact, null);
    }

    /** SES refused this address for good: kept on the contact, for staff to see. */
    public void rejected(Recipient recipient, String reason) {
        contacts.modify(recipient.orgId(), recipient.contactId(),
                c -> Optional.of(c.with().sendRejectedAt(clock.instant()).sendRejection(reason).build()));
    }

    /** Either a contact to write to or the reason not to. */
    public record Verdict(Contact contact, String unmailable) {
        static Verdict no(String reason) {
            return new Verdict(null, reason);
        }

        public boolean mailable() {
            return unmailable == null;
        }
    }
}
