package org.turnout.contact;

import java.util.Locale;

/** Where a contact stands on consent; only {@link #SUBSCRIBED} (and, where a segment allows it, {@link #IMPORTED}) is mailable. */
public enum ContactStatus {
    /** Signed up, confirmation link not yet followed. */
    PENDING,
    /** Confirmed (double opt-in) or imported with a declared consent source. */
    SUBSCRIBED,
    /** Imported from a file without a declared consent source. */
    IMPORTED,
    UNSUBSCRIBED,
    BOUNCED,
    COMPLAINED,
    /** Met at the door, known by address only: there is no email to write to, ever. */
    NO_EMAIL;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ContactStatus of(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }

    /** Bounced and complained addresses must never be written to again, not even a confirmation. */
    public boolean undeliverable() {
        return this == BOUNCED || this == COMPLAINED;
    }
}
