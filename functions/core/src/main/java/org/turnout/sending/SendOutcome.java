package org.turnout.sending;

import java.util.Locale;

/**
 * The state of one send record. {@code CLAIMED} without a message id means "maybe sent": SES was
 * asked and its answer never recorded. {@code HELD} waits for a paused mailing to resume.
 */
public enum SendOutcome {
    HELD, CLAIMED, SENT, FAILED, SKIPPED, UNKNOWN;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SendOutcome of(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }

    /** The outcomes a mailing counts: every recipient ends with one of them. */
    public boolean isFinal() {
        return this == SENT || this == FAILED || this == SKIPPED || this == UNKNOWN;
    }

    /** The mailing's count this outcome adds to. */
    public String counter() {
        return code();
    }
}
