package org.turnout.contact;

import jakarta.inject.Singleton;
import org.turnout.problem.InvalidInputException;
import org.turnout.problem.NotFoundException;

/** Staff's read access to contacts. */
@Singleton
public record ContactService(ContactRepository contacts, ContactIds ids) {
    public ContactView byEmail(String orgId, String email) {
        EmailAddress address = EmailAddress.parse(email)
                .orElseThrow(() -> InvalidInputException.of("email", "is not a valid email address"));
        return contacts.find(orgId, ids.forEmail(address))
                .map(ContactView::of)
                .orElseThrow(() -> new NotFoundException("no contact with this address"));
    }
}
