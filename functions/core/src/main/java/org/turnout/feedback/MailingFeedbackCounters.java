package org.turnout.feedback;

import java.time.Instant;

/**
 * The port through which feedback (SES events, unsubscribes) counts per mailing; the mailing
 * statistics read the same counters. Called once per applied event: callers make sure an event
 * is applied once.
 */
public interface MailingFeedbackCounters {
    /** Counts one event that happened {@code at}: on the mailing, and in the mailing's activity over time. */
    void increment(String orgId, String mailingId, MailingCounter counter, Instant at);
}
