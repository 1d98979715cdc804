package org.turnout.dashboard;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.turnout.contact.ContactEnumerator;
import org.turnout.contact.ContactStatus;
import org.turnout.importing.ImportJobRepository;
import org.turnout.importing.ImportJobView;
import org.turnout.mailing.Mailing;
import org.turnout.mailing.MailingRepository;
import org.turnout.mailing.MailingState;
import org.turnout.mailing.MailingStats;
import org.turnout.mailing.MailingView;

/**
 * The figures of an organisation's dashboard, each read without scanning the table: the last imports by
 * one query of the organisation's import jobs (newest first, a few items); the mailings and the sending
 * reputation by one query of its mailing items without their bodies; the contacts by status by the
 * parallel queries of its contact shards, projected to the status, counted at most once every
 * {@link #CENSUS_REUSE} per organisation and function instance, so a page view costs two small queries.
 */
@ApplicationScoped
public class DashboardService {
    /** How long a count of contacts by status is shown again before the shards are read anew. */
    public static final Duration CENSUS_REUSE = Duration.ofMinutes(5);
    /** The mailings whose sends the reputation is measured on: those that sent, or finished, this recently. */
    public static final Duration REPUTATION_WINDOW = Duration.ofDays(30);
    static final int LAST_IMPORTS = 5;
    private static final Set<MailingState> IN_PROGRESS = Set.of(MailingState.SCHEDULED, MailingState.SENDING, MailingState.PAUSED);

    private final ContactEnumerator contacts;
    private final ImportJobRepository imports;
    private final MailingRepository mailings;
    private final Clock clock;
    private final Map<String, Census> censuses = new ConcurrentHashMap<>();

    public DashboardService(ContactEnumerator contacts, ImportJobRepository imports, MailingRepository mailings, Clock clock) {
        this.contacts = contacts;
        this.imports = imports;
        this.mailings = mailings;
        this.clock = clock;
    }

    public Dashboard dashboard(String orgId) {
        Census census = census(orgId);
        List<ImportJobView> lastImports = imports.list(orgId, LAST_IMPORTS).stream().map(ImportJobView::of).toList();
        List<Mailing> all = mailings.summaries(orgId);
        return new Dashboard(census.counts(), census.countedAt(), lastImports, inProgress(all), reputation(all));
    }

    /** The mailings under way with their counts, for a page that refreshes them every few seconds. */
    public List<MailingView> mailingsInProgress(String orgId) {
        return inProgress(mailings.summaries(orgId));
    }

    private List<MailingView> inProgress(List<Mailing> all) {
        return all.stream().filter(mailing -> IN_PROGRESS.contains(mailing.stateValue()))
                .map(MailingView::of)
                .sorted(Comparator.comparing(MailingView::sendAt, Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
    }

    private SendingReputation reputation(List<Mailing> all) {
        Instant since = clock.instant().minus(REPUTATION_WINDOW);
        return SendingReputation.of(all.stream()
                .filter(mailing -> mailing.finishedAt() == null || mailing.finishedAt().isAfter(since))
                .map(MailingStats::of).toList());
    }

    private Census census(String orgId) {
        Instant now = clock.instant();
        Census last = censuses.get(orgId);
        if (last != null && last.countedAt().plus(CENSUS_REUSE).isAfter(now)) {
            return last;
        }
        Census fresh = new Census(contacts.countByStatus(orgId), now);
        censuses.put(orgId, fresh);
        return fresh;
    }

    private record Census(Map<ContactStatus, Long> counts, Instant countedAt) {
    }
}
