package org.turnout.feedback;

/**
 * The port through which feedback (SES events, unsubscribes) counts per mailing; the mailing
 * statistics read the same counters. Called once per applied event: callers make sure an event
 * is applied once.
 */
public interface MailingFeedbackCounters {
    void increment(String orgId, String mailingId, MailingCounter counter);
}
