package org.turnout.feedback;

import java.util.Locale;

/** The per-mailing counts that feedback keeps, each an attribute of the mailing's item. */
public enum MailingCounter {
    DELIVERED, BOUNCED, COMPLAINED, OPENED, CLICKED, UNSUBSCRIBED;

    /** The attribute name on the mailing item: {@code delivered}, {@code bounced}, ... */
    public String attribute() {
        return name().toLowerCase(Locale.ROOT);
    }
}
