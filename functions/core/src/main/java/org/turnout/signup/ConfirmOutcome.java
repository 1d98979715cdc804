package org.turnout.signup;

import org.turnout.organisation.Language;

/** What following a confirmation link did, and in which language to say so. */
public record ConfirmOutcome(Result result, Language language, String organisationName) {
    public enum Result { CONFIRMED, EXPIRED, INVALID }
}
