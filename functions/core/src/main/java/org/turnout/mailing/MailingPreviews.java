package org.turnout.mailing;

import jakarta.inject.Singleton;
import org.turnout.contact.Contact;
import org.turnout.contact.ContactBuilder;
import org.turnout.contact.ContactIds;
import org.turnout.contact.ContactRepository;
import org.turnout.contact.EmailAddress;
import org.turnout.organisation.Organisation;
import org.turnout.problem.InvalidInputException;
import org.turnout.problem.NotFoundException;
import org.turnout.unsubscribe.UnsubscribeLinks;

/** A mailing as one contact would receive it, for staff to look at or to send themselves as a test. */
@Singleton
public record MailingPreviews(ContactRepository contacts, ContactIds ids, UnsubscribeLinks unsubscribeLinks) {
    /** Rendered for this contact, with its own unsubscribe link. */
    public MailingContent.RenderedMessage render(Organisation organisation, Mailing mailing, MailingContent content, Contact contact) {
        return content.render(contact, organisation.name(),
                unsubscribeLinks.linkFor(organisation.id(), contact.contactId(), mailing.mailingId()));
    }

    /** The contact {@code contactId} names, or (none named) a contact with no fields but {@code testAddress}. */
    public Contact contactFor(String orgId, String contactId, String testAddress) {
        if (contactId != null && !contactId.isBlank()) {
            if (!contactId.matches("[0-9a-f]{1,64}")) {
                throw InvalidInputException.of("contactId", "is not a contact id");
            }
            return contacts.find(orgId, contactId).orElseThrow(() -> new NotFoundException("no contact " + contactId));
        }
        return ContactBuilder.builder()
                .orgId(orgId)
                .email(testAddress)
                .contactId(testAddress == null ? "preview" : EmailAddress.parse(testAddress).map(ids::forEmail).orElse("preview"))
                .build();
    }
}
