package org.turnout.segment;

import org.turnout.contact.Contact;
import org.turnout.contact.ContactStatus;

/**
 * Consent, applied to every segment whatever its rule says: only subscribed contacts are mailable,
 * and imported ones (no declared consent) only where the segment explicitly allows them.
 * Pending, unsubscribed, bounced, complained and erased contacts never are.
 */
public final class Mailable {
    private Mailable() {
    }

    public static boolean test(Contact contact, boolean allowImported) {
        ContactStatus status = contact.statusValue();
        return status == ContactStatus.SUBSCRIBED || (allowImported && status == ContactStatus.IMPORTED);
    }
}
