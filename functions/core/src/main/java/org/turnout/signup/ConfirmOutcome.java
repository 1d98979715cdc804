package org.turnout.signup;

import org.turnout.organisation.Language;

/** What following a confirmation link did, or would do, and in which language to say so. */
public record ConfirmOutcome(Result result, Language language, String organisationName) {
    /** {@code READY}: a valid link, shown as a page whose button confirms; nothing changed yet. */
    public enum Result { READY, CONFIRMED, EXPIRED, INVALID }
}
