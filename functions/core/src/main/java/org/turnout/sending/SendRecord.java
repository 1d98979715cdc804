package org.turnout.sending;

/**
 * What is known of one (mailing, contact) send.
 *
 * @param claimedAt when it was claimed, in epoch milliseconds (0 if never)
 * @param counted   whether its outcome was added to the mailing's counts
 */
public record SendRecord(SendOutcome outcome, long claimedAt, String messageId, boolean counted) {
}
