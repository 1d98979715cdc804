package org.turnout.feedback;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Map;
import org.jboss.logging.Logger;
import org.turnout.mailing.MailingRepository;

/**
 * The counters as attributes of the mailing's own item ({@code ORG#o / MAIL#m}), moved with
 * {@code ADD}, so that concurrent events never lose a count; and the same count in the period of the
 * event ({@link MailingActivity}), for the mailing's charts. Only an existing mailing is counted: a test
 * email or a deleted mailing must not leave a stray item behind. A crash between the two writes loses
 * that one count in the chart, never doubles it.
 */
@Singleton
public record MailingItemCounters(MailingRepository mailings, MailingActivity activity) implements MailingFeedbackCounters {
    private static final Logger LOG = Logger.getLogger(MailingItemCounters.class);

    @Override
    public void increment(String orgId, String mailingId, MailingCounter counter, Instant at) {
        if (!mailings.addCounts(orgId, mailingId, Map.of(counter.attribute(), 1L))) {
            LOG.debugf("no mailing %s in %s to count %s on", mailingId, orgId, counter.attribute());
            return;
        }
        activity.count(orgId, mailingId, counter, at);
    }
}
