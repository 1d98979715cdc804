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
    NO_EMAIL,
    /** Met by an import while its address was on the suppression list or erased: kept, never mailed. */
    SUPPRESSED;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ContactStatus of(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }

    /**
     * How final an opt-out is: a stronger one replaces a weaker one, never the reverse (a complaint
     * after an unsubscribe is recorded; an unsubscribe after a complaint changes nothing).
     */
    public int optOutRank() {
        switch (this) {
            case UNSUBSCRIBED:
                return 1;
            case BOUNCED:
                return 2;
            case COMPLAINED:
                return 3;
            default:
                return 0;
        }
    }

    /** Bounced and complained addresses must never be written to again, not even a confirmation. */
    public boolean undeliverable() {
        return this == BOUNCED || this == COMPLAINED;
    }
}
