package org.turnout.sending;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;
import org.turnout.mailing.Mailing;
import org.turnout.mailing.MailingRepository;
import org.turnout.mailing.MailingState;

/**
 * Decides when a mailing is sent: its dispatch is complete and every recipient has an outcome.
 * The live counts say when to look; the decision is taken on an exact recount of the send
 * records (a crash between an outcome and its count can leave a live count one off), at most
 * once per {@link #RECOUNT_GAP}. It also holds the rule for a claim whose answer never came.
 */
@Singleton
public record MailingSettlement(MailingRepository mailings, SendRecords records, SendOutcomes outcomes, Clock clock) {
    private static final Logger LOG = Logger.getLogger(MailingSettlement.class);
    static final Duration RECOUNT_GAP = Duration.ofSeconds(10);
    /** Longer than an SES call with all its retries: a younger claim may still be in flight elsewhere. */
    static final Duration CLAIM_GRACE = Duration.ofMinutes(2);

    /** The exact counts of a mailing's send records, and whether they made it sent. */
    public record Recount(Map<SendOutcome, Long> byOutcome, boolean sent) {
        public long of(SendOutcome outcome) {
            return byOutcome.getOrDefault(outcome, 0L);
        }

        public long settled() {
            return byOutcome.entrySet().stream().filter(e -> e.getKey().isFinal()).mapToLong(Map.Entry::getValue).sum();
        }
    }

    /** True if the mailing is (now) sent. */
    public boolean settleIfDone(String orgId, String mailingId) {
        Mailing mailing = mailings.find(orgId, mailingId).orElse(null);
        if (mailing == null || mailing.stateValue() != MailingState.SENDING || !Boolean.TRUE.equals(mailing.dispatchComplete())) {
            return mailing != null && mailing.stateValue() == MailingState.SENT;
        }
        long outcomes = Mailing.count(mailing.sent()) + Mailing.count(mailing.failed()) + Mailing.count(mailing.skipped()) + Mailing.count(mailing.unknown());
        if (outcomes < Mailing.count(mailing.recipients())
                || !mailings.claimSettling(orgId, mailingId, clock.millis(), RECOUNT_GAP.toMillis())) {
            return false;
        }
        return finishIfSettled(mailing, records.countByOutcome(orgId, mailingId));
    }

    /**
     * Recounts a sending mailing from its send records whatever its live counts say (they can stay
     * short for good: a count lost in a crash is never added again), and makes it sent if its
     * dispatch is complete and every recipient has an outcome.
     */
    public Recount recount(Mailing mailing) {
        Map<SendOutcome, Long> exact = records.countByOutcome(mailing.orgId(), mailing.mailingId());
        boolean sent = Boolean.TRUE.equals(mailing.dispatchComplete()) && finishIfSettled(mailing, exact);
        return new Recount(exact, sent);
    }

    /**
     * A claim with no answer from SES recorded: while younger than {@link #CLAIM_GRACE} it may still
     * be in flight; past it, it is marked {@code unknown} and counted, never resent (it may have gone).
     * True if the claim is settled (now, or by someone else meanwhile).
     */
    public boolean settleClaim(Recipient recipient, long claimedAt) {
        if (clock.millis() - claimedAt < CLAIM_GRACE.toMillis()) {
            return false;
        }
        if (records.markUnknown(recipient, claimedAt, clock.instant())) {
            LOG.warnf("mailing %s: contact %s was claimed at %s with no answer from SES recorded; marked unknown, not resent",
                    recipient.mailingId(), recipient.contactId(), Instant.ofEpochMilli(claimedAt));
            outcomes.count(recipient, SendOutcome.UNKNOWN);
        }
        return true;
    }

    private boolean finishIfSettled(Mailing mailing, Map<SendOutcome, Long> exact) {
        long settled = exact.entrySet().stream().filter(e -> e.getKey().isFinal()).mapToLong(Map.Entry::getValue).sum();
        if (settled < Mailing.count(mailing.recipients())) {
            return false;
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        for (SendOutcome outcome : SendOutcome.values()) {
            if (outcome.isFinal()) {
                counts.put(outcome.counter(), exact.getOrDefault(outcome, 0L));
            }
        }
        boolean finished = mailings.finish(mailing.orgId(), mailing.mailingId(), counts, clock.instant());
        if (finished) {
            LOG.infof("mailing %s of %s is sent: %s", mailing.mailingId(), mailing.orgId(), counts);
        }
        return finished;
    }
}
