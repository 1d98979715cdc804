package org.turnout.mailing;

import java.time.Instant;
import java.time.ZoneId;

/**
 * One-time schedules that start the dispatch of a mailing: EventBridge Scheduler in AWS, the
 * local runner's Scheduler API on the local stack (the same client, another endpoint).
 */
public interface MailingScheduler {
    /** Creates the schedule, or moves it if it exists. */
    void schedule(String name, Instant at, ZoneId zone, DispatchRequest request);

    /** Deletes it; one already gone is no error. */
    void cancel(String name);

    /** The schedule that sends a mailing. */
    static String sendName(String orgId, String mailingId) {
        return "mailing-" + orgId + "-" + mailingId;
    }

    /** The schedule that resumes a paused mailing's dispatch at once. */
    static String resumeName(String orgId, String mailingId) {
        return sendName(orgId, mailingId) + "-resume";
    }
}
