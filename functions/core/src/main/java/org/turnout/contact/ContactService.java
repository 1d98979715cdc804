package org.turnout.contact;

import jakarta.enterprise.context.ApplicationScoped;
import org.turnout.problem.InvalidInputException;
import org.turnout.problem.NotFoundException;

/** Staff's read access to contacts. */
@ApplicationScoped
public class ContactService {
    private final ContactRepository contacts;
    private final ContactIds ids;

    public ContactService(ContactRepository contacts, ContactIds ids) {
        this.contacts = contacts;
        this.ids = ids;
    }

    public ContactView byEmail(String orgId, String email) {
        EmailAddress address = EmailAddress.parse(email)
                .orElseThrow(() -> InvalidInputException.of("email", "is not a valid email address"));
        return contacts.find(orgId, ids.forEmail(address))
                .map(ContactView::of)
                .orElseThrow(() -> new NotFoundException("no contact with this address"));
    }
}
