package org.turnout.segment;

import java.util.EnumSet;
import java.util.Set;
import org.turnout.contact.Contact;
import org.turnout.contact.ContactStatus;

/**
 * Consent, applied to every segment whatever its rule says: only subscribed contacts are mailable,
 * and imported ones (no declared consent) only where the segment explicitly allows them.
 * Pending, unsubscribed, bounced, complained, suppressed and erased contacts never are.
 */
public final class Mailable {
    private Mailable() {
    }

    /** The statuses that can be mailable, for DynamoDB to filter on before anything travels. */
    public static Set<ContactStatus> statuses(boolean allowImported) {
        return allowImported ? EnumSet.of(ContactStatus.SUBSCRIBED, ContactStatus.IMPORTED) : EnumSet.of(ContactStatus.SUBSCRIBED);
    }

    public static boolean test(Contact contact, boolean allowImported) {
        ContactStatus status = contact.statusValue();
        return status == ContactStatus.SUBSCRIBED || (allowImported && status == ContactStatus.IMPORTED);
    }
}
