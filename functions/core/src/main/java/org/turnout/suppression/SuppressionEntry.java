package org.turnout.suppression;

import java.time.Instant;

/**
 * An address the organisation must never write to, whether or not it is a contact.
 *
 * @param source who put it there: {@code staff}, {@code bounce}, {@code complaint}, {@code transient-bounces}
 * @param addedBy the staff member's token subject, or the feedback worker
 */
public record SuppressionEntry(String contactId, String email, String reason, String source, Instant addedAt, String addedBy) {
}
