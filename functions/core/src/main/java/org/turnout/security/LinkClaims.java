package org.turnout.security;

/**
 * What a link sent to a contact is bound to.
 *
 * @param purpose   what the link does (confirm, unsubscribe); a token for one purpose opens no other
 * @param mailingId the mailing the link came in, or null
 */
public record LinkClaims(String purpose, String orgId, String contactId, String mailingId) {
    public static final String CONFIRM = "confirm";
    public static final String UNSUBSCRIBE = "unsubscribe";
}
