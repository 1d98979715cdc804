package org.turnout.security;

/** The outcome of checking a link token: good, out of date, or not ours. */
public sealed interface LinkVerification {
    record Valid(LinkClaims claims) implements LinkVerification {
    }

    /** Signed by us, but past its expiry: the visitor can ask for a new one. */
    record Expired() implements LinkVerification {
    }

    /** Forged, altered, signed by an unknown key, or for another purpose: say nothing more. */
    record Invalid() implements LinkVerification {
    }
}
