package org.turnout.dashboard;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.turnout.contact.ContactStatus;
import org.turnout.importing.ImportJobView;
import org.turnout.mailing.MailingView;

/**
 * What staff see first of an organisation.
 *
 * @param contactsCountedAt when {@code contacts} were counted: the count is reused for a few minutes
 * @param inProgress        mailings scheduled, sending or paused, the next to go first
 */
public record Dashboard(Map<ContactStatus, Long> contacts, Instant contactsCountedAt, List<ImportJobView> lastImports,
                        List<MailingView> inProgress, SendingReputation reputation) {
    public Dashboard {
        contacts = Map.copyOf(contacts);
        lastImports = List.copyOf(lastImports);
        inProgress = List.copyOf(inProgress);
    }

    public long totalContacts() {
        return contacts.values().stream().mapToLong(Long::longValue).sum();
    }
}
