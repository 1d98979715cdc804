package org.turnout.audit;

import java.time.Instant;

/**
 * One admin action: who (the token's subject), what ({@code suppression.add}, {@code contact.erase}, ...),
 * when, on what (an id, never an address), and a short detail (a reason).
 */
public record AuditEntry(Instant at, String actor, String action, String target, String detail) {
}
