package org.turnout.audit;

import java.util.List;

/** A page of the audit trail, newest first; {@code next} is the cursor of the following page, or null. */
public record AuditPage(List<AuditEntry> items, String next) {
}
