package org.turnout.contact;

import jakarta.enterprise.context.ApplicationScoped;
import org.turnout.problem.InvalidInputException;
import org.turnout.problem.NotFoundException;

/** Staff's read access to contacts. */
@ApplicationScoped
public class ContactService {
    private final ContactRepository contacts;

    public ContactService(ContactRepository contacts) {
        this.contacts = contacts;
    }

    public ContactView byEmail(String orgId, String email) {
        EmailAddress address = EmailAddress.parse(email)
                .orElseThrow(() -> InvalidInputException.of("email", "is not a valid email address"));
        return contacts.find(orgId, address.contactId())
                .map(ContactView::of)
                .orElseThrow(() -> new NotFoundException("no contact with this address"));
    }
}
