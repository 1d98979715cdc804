package org.turnout.privacy;

/** A GDPR request about one address: an export (reason optional) or an erasure (reason required). */
public record PrivacyRequest(String email, String reason) {
}
