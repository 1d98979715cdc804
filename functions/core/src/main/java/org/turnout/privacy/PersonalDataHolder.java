package org.turnout.privacy;

/**
 * A feature that keeps personal data of contacts outside the contact item (send records, ...):
 * it adds its part to an export and deletes it on erasure. Every bean implementing this is asked,
 * so a new feature joins GDPR requests by implementing it, without changing {@link PrivacyService}.
 */
public interface PersonalDataHolder {
    /** The key of this holder's part in the export, e.g. {@code sendRecords}. */
    String section();

    /** What this holder keeps about the contact, as JSON-ready values (maps, lists, strings), or null for nothing. */
    Object export(String orgId, String contactId);

    /** Deletes what this holder keeps about the contact; returns how many items it deleted or scrubbed. */
    int erase(String orgId, String contactId);
}
