package org.turnout.feedback;

import jakarta.inject.Singleton;
import java.util.Optional;
import org.turnout.contact.ContactIds;
import org.turnout.contact.EmailAddress;
import org.turnout.contact.idmigration.MovedContactIds;

/** Which contact an SES event is about. */
@Singleton
public record EventContacts(ContactIds ids, MovedContactIds moved) {
    /**
     * The contact tag when it is one (an old id, of a message sent before the ids became keyed,
     * leads to the new one); otherwise the id derived from the recipient's address.
     */
    public String contactId(SesEvent event, String orgId, Optional<EmailAddress> address) {
        if (event.contactTag() != null && SesTags.CONTACT_ID.matcher(event.contactTag()).matches()
                && (event.recipients().size() == 1 || address.isEmpty())) {
            return moved.current(orgId, event.contactTag());
        }
        return address.map(ids::forEmail).orElse(null);
    }
}
