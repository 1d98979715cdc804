package org.turnout.stats;

import jakarta.inject.Singleton;
import org.turnout.feedback.MailingActivity;
import org.turnout.mailing.MailingRepository;
import org.turnout.problem.NotFoundException;

/** Reads a mailing's report: its item (one read) and its activity over time (one query), never a scan. */
@Singleton
public record MailingReportService(MailingRepository mailings, MailingActivity activity) {

    public MailingReport report(String orgId, String mailingId) {
        return mailings.find(orgId, mailingId)
                .map(mailing -> MailingReport.of(mailing, Timeline.of(activity.periods(orgId, mailingId))))
                .orElseThrow(() -> new NotFoundException("no mailing " + mailingId));
    }
}
