package org.turnout.stats;

import org.turnout.mailing.Mailing;
import org.turnout.mailing.MailingState;
import org.turnout.mailing.MailingStats;

/**
 * How a mailing did, for its stats page: who it went to and what became of it ({@link MailingStats}, whose
 * rates the API gives too), the failed and skipped recipients, and deliveries, opens and clicks over time.
 *
 * @param failedRate of the recipients; null while there are none
 * @param skippedRate of the recipients; null while there are none
 */
public record MailingReport(String mailingId, String name, MailingState state, long recipients, long failed, long skipped,
                            Double failedRate, Double skippedRate, MailingStats stats, Timeline timeline) {

    static MailingReport of(Mailing mailing, Timeline timeline) {
        long recipients = Mailing.count(mailing.recipients());
        long failed = Mailing.count(mailing.failed());
        long skipped = Mailing.count(mailing.skipped());
        return new MailingReport(mailing.mailingId(), mailing.name(), mailing.stateValue(), recipients, failed, skipped,
                MailingStats.rate(failed, recipients), MailingStats.rate(skipped, recipients), MailingStats.of(mailing), timeline);
    }

    /** Its figures still move: it is sending (or paused), or SES's events of a mailing sent are still coming. */
    public boolean live() {
        return state == MailingState.SCHEDULED || state == MailingState.SENDING || state == MailingState.PAUSED;
    }
}
