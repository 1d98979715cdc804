package org.turnout.mailing;

import java.util.Locale;

/**
 * Where a mailing stands: {@code draft -> scheduled -> sending -> sent}; a sending mailing can be
 * paused and resumed; one not yet sent can be cancelled.
 */
public enum MailingState {
    DRAFT, SCHEDULED, SENDING, PAUSED, SENT, CANCELLED;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static MailingState of(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }

    /** Its content (sender, subject, bodies, segment) can still change. */
    public boolean editable() {
        return this == DRAFT || this == SCHEDULED;
    }
}
