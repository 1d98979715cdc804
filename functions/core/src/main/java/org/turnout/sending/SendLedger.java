package org.turnout.sending;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Optional;
import java.util.OptionalLong;
import org.jboss.logging.Logger;
import org.turnout.security.LogSafe;

/**
 * The send records of a mailing as a sender writes them, each outcome counted once: the claim
 * before a send, its outcome after, and what a redelivered message finds.
 */
@Singleton
public record SendLedger(SendRecords records, SendOutcomes outcomes, MailingSettlement settlement, Clock clock) {
    private static final Logger LOG = Logger.getLogger(SendLedger.class);

    /** The mailing is paused: the recipient waits, recorded, for it to resume. */
    public void hold(Recipient recipient) {
        records.hold(recipient);
    }

    /**
     * A redelivered message whose recipient already has a record other than held: true if it is settled (its
     * outcome counted, or a claim past its grace period settled as unknown), false if a claim is still young
     * (in flight elsewhere, or its sender died after the claim). Empty if the recipient has yet to be sent to.
     */
    public Optional<Boolean> settleExisting(Recipient recipient, Optional<SendRecord> existing) {
        if (existing.isEmpty() || existing.get().outcome() == SendOutcome.HELD) {
            return Optional.empty();
        }
        SendRecord record = existing.get();
        if (record.outcome().isFinal()) {
            if (!record.counted()) {
                outcomes.count(recipient, record.outcome()); // a crash came between its outcome and its count
            }
            return Optional.of(true);
        }
        return Optional.of(settlement.settleClaim(recipient, record.claimedAt()));
    }

    /** Not to be written to: skipped with the reason, counted once (in the batch's tally). */
    public void skip(Recipient recipient, String reason, SendTally tally) {
        if (records.skip(recipient, reason, clock.instant())) {
            tally.add(recipient, SendOutcome.SKIPPED, 1);
        }
    }

    /** The claim that this mailing goes to this recipient once: its time, or empty if someone claimed it first. */
    public OptionalLong claim(Recipient recipient) {
        long claimedAt = clock.millis();
        return records.claim(recipient, claimedAt) ? OptionalLong.of(claimedAt) : OptionalLong.empty();
    }

    /** SES said it did not take the message: the claim is given back, for a later try. */
    public void release(Recipient recipient, long claimedAt) {
        records.release(recipient, claimedAt);
    }

    public void sent(Recipient recipient, String messageId, SendTally tally) {
        outcomes.sent(recipient, messageId, tally);
    }

    /** Failed for the reason given, claimed first if it was not ({@code claimedAt} null), counted once (in the batch's tally). */
    public void fail(Recipient recipient, Long claimedAt, String reason, SendTally tally) {
        long claim = claimedAt == null ? clock.millis() : claimedAt;
        boolean recorded = (claimedAt != null || records.claim(recipient, claim)) && records.markFailed(recipient, claim, reason, clock.instant());
        if (recorded) {
            LOG.warnf("mailing %s: not sent to contact %s: %s", recipient.mailingId(), recipient.contactId(), LogSafe.quote(reason));
            tally.add(recipient, SendOutcome.FAILED, 1);
        }
    }

    /** Adds the batch's outcomes to their mailings' counts, one update per mailing. */
    public void addCounts(SendTally tally) {
        outcomes.addCounts(tally);
    }

    /** All sends of a batch are settled: the mailing may be done. */
    public void afterBatch(String orgId, String mailingId) {
        settlement.settleIfDone(orgId, mailingId);
    }
}
