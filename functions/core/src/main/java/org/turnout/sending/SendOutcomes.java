package org.turnout.sending;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.turnout.mailing.MailingRepository;

/**
 * Outcomes of sends and the mailing's counts of them, each counted once: the send record
 * remembers that its outcome was counted. One place for both the sender, which learns from SES's
 * answer that a message was taken, and the feedback, which learns it from SES's {@code Send}
 * event when the answer was lost.
 */
@Singleton
public record SendOutcomes(SendRecords records, MailingRepository mailings, Clock clock) {

    /**
     * SES took the message with this id: a claimed (or given up as unknown) send becomes sent.
     * False if the record was already settled otherwise, or never claimed.
     */
    public boolean sent(Recipient recipient, String messageId) {
        Optional<SendOutcome> replaced = records.markSent(recipient, messageId, clock.instant(), false);
        if (replaced.isEmpty()) {
            return false;
        }
        if (replaced.get() == SendOutcome.UNKNOWN) {
            mailings.addCounts(recipient.orgId(), recipient.mailingId(), Map.of(SendOutcome.UNKNOWN.counter(), -1L));
        }
        count(recipient, SendOutcome.SENT);
        return true;
    }

    /** The same for a sender: the record is written as counted, its count goes to the batch's tally. */
    public void sent(Recipient recipient, String messageId, SendTally tally) {
        Optional<SendOutcome> replaced = records.markSent(recipient, messageId, clock.instant(), true);
        if (replaced.isPresent()) {
            if (replaced.get() == SendOutcome.UNKNOWN) {
                tally.add(recipient, SendOutcome.UNKNOWN, -1);
            }
            tally.add(recipient, SendOutcome.SENT, 1);
        }
    }

    /** Adds a batch's outcomes to their mailings' counts: one update per mailing. */
    public void addCounts(SendTally tally) {
        tally.take().forEach((mailing, counts) -> mailings.addCounts(mailing.orgId(), mailing.mailingId(), counts));
    }

    /** Adds the recipient's outcome to the mailing's counts, unless it was already. */
    public void count(Recipient recipient, SendOutcome outcome) {
        if (records.markCounted(recipient)) {
            mailings.addCounts(recipient.orgId(), recipient.mailingId(), Map.of(outcome.counter(), 1L));
        }
    }
}
