package org.turnout.mailing;

import java.util.Locale;
import java.util.Set;

/**
 * Where a mailing stands: {@code draft -> scheduled -> sending -> sent}; a sending mailing can be
 * paused and resumed; one not yet sent can be cancelled.
 */
public enum MailingState {
    DRAFT, SCHEDULED, SENDING, PAUSED, SENT, CANCELLED;

    /** The states staff may stop for good, pause, resume from: what the transitions accept and the console offers. */
    static final Set<MailingState> CANCELLABLE = Set.of(DRAFT, SCHEDULED, SENDING, PAUSED);
    static final Set<MailingState> PAUSABLE = Set.of(SENDING);
    static final Set<MailingState> RESUMABLE = Set.of(PAUSED);

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

    public boolean cancellable() {
        return CANCELLABLE.contains(this);
    }

    public boolean pausable() {
        return PAUSABLE.contains(this);
    }

    public boolean resumable() {
        return RESUMABLE.contains(this);
    }
}
