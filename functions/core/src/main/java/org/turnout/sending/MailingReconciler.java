package org.turnout.sending;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.turnout.mailing.Mailing;
import org.turnout.mailing.MailingRepository;
import org.turnout.organisation.Organisation;
import org.turnout.organisation.OrganisationRepository;
import org.turnout.store.Keys;

/**
 * The reconciler, run on a schedule, so that no mailing stays {@code sending} for ever. The live
 * counts are a fast path that a crash can leave short for good (an outcome marked counted whose
 * count was never added, a count lost on the {@code Send}-event path, recipients parked in the
 * dead-letter queue). For each mailing that has not moved for {@code turnout.reconcile-stall}, it
 * settles the claims past their grace period, recounts the send records exactly, and either makes
 * the mailing sent or writes on it, for staff, why not. Before that, it puts the send queue's dead
 * letters back on the queue.
 */
@Singleton
public record MailingReconciler(OrganisationRepository organisations, MailingRepository mailings, SendRecords records,
                                MailingSettlement settlement, SendDeadLetters deadLetters, Clock clock, Duration stall) {
    private static final Logger LOG = Logger.getLogger(MailingReconciler.class);
    /** Dead letters moved back per run at most; the next run goes on. */
    static final int REDRIVE_LIMIT = 5_000;

    /** What one run did. */
    public record Report(int sending, int stalled, int sent, long redriven) {
    }

    @Inject
    public MailingReconciler(OrganisationRepository organisations, MailingRepository mailings, SendRecords records,
                             MailingSettlement settlement, SendDeadLetters deadLetters, Clock clock, SendingSettings settings) {
        this(organisations, mailings, records, settlement, deadLetters, clock, settings.reconcileStall());
    }

    public Report reconcile(Instant deadline) {
        Map<SendDeadLetters.MailingKey, Long> redriven = deadLetters.redrive(REDRIVE_LIMIT, deadline);
        int sending = 0;
        int stalled = 0;
        int sent = 0;
        for (Organisation organisation : organisations.list()) {
            for (Mailing mailing : mailings.sending(organisation.id())) {
                if (!clock.instant().isBefore(deadline)) {
                    LOG.warnf("out of time after %d sending mailings; the next run goes on", sending);
                    return new Report(sending, stalled, sent, total(redriven));
                }
                sending++;
                if (!standsStill(mailing)) {
                    continue;
                }
                stalled++;
                if (reconcile(mailing, redriven.getOrDefault(new SendDeadLetters.MailingKey(mailing.orgId(), mailing.mailingId()), 0L))) {
                    sent++;
                }
            }
        }
        Report report = new Report(sending, stalled, sent, total(redriven));
        LOG.infof("reconciled: %s", report);
        return report;
    }

    /** Notes its progress; true if it has not moved for the stall period. */
    private boolean standsStill(Mailing mailing) {
        long progress = Mailing.count(mailing.recipients()) + Mailing.count(mailing.sent()) + Mailing.count(mailing.failed())
                + Mailing.count(mailing.skipped()) + Mailing.count(mailing.unknown());
        Instant now = clock.instant();
        if (mailings.noteProgress(mailing.orgId(), mailing.mailingId(), progress, now)) {
            return false;
        }
        return mailing.progressAt() == null || !mailing.progressAt().plus(stall).isAfter(now);
    }

    /** True if the mailing is now sent. */
    private boolean reconcile(Mailing stalled, long redriven) {
        String orgId = stalled.orgId();
        String mailingId = stalled.mailingId();
        records.forEachClaim(orgId, mailingId, (contactId, claimedAt) ->
                settlement.settleClaim(new Recipient(orgId, mailingId, contactId), claimedAt));
        Mailing mailing = mailings.find(orgId, mailingId).orElse(null);
        if (mailing == null) {
            return false;
        }
        MailingSettlement.Recount recount = settlement.recount(mailing);
        if (recount.sent()) {
            LOG.infof("mailing %s of %s stood still with all its outcomes known: now sent", mailingId, orgId);
            return true;
        }
        String why = whyNotSent(mailing, recount, redriven);
        mailings.noteStuck(orgId, mailingId, why, clock.instant());
        LOG.warnf("mailing %s of %s stands still: %s", mailingId, orgId, why);
        return false;
    }

    /** For staff: counts and causes only, no one's address. */
    private String whyNotSent(Mailing mailing, MailingSettlement.Recount recount, long redriven) {
        List<String> causes = new ArrayList<>();
        if (!Boolean.TRUE.equals(mailing.dispatchComplete())) {
            long shardsDone = mailing.dispatchCursors() == null ? 0
                    : mailing.dispatchCursors().values().stream().filter(MailingDispatcher.SHARD_DONE::equals).count();
            causes.add("its dispatch is not complete (" + shardsDone + " of " + Keys.CONTACT_SHARDS
                    + " contact shards enqueued); it goes on when DispatchFunction runs for it again");
        }
        long claimed = recount.of(SendOutcome.CLAIMED);
        if (claimed > 0) {
            causes.add(claimed + " sends are in flight (claimed less than " + MailingSettlement.CLAIM_GRACE.toMinutes() + " minutes ago)");
        }
        long held = recount.of(SendOutcome.HELD);
        if (held > 0) {
            causes.add(held + " recipients are held since a pause and go back on the queue when the mailing resumes");
        }
        long withRecord = recount.byOutcome().values().stream().mapToLong(Long::longValue).sum();
        long missing = Mailing.count(mailing.recipients()) - withRecord;
        if (redriven > 0) {
            causes.add(redriven + " recipients came back from the send dead-letter queue and wait on the send queue");
        }
        if (missing > redriven) {
            causes.add((missing - redriven) + " recipients have no send record yet: their messages wait on the send queue"
                    + " (at the sending rate) or were lost");
        }
        if (causes.isEmpty()) {
            causes.add(recount.settled() + " outcomes for " + Mailing.count(mailing.recipients()) + " recipients");
        }
        return String.join("; ", causes);
    }

    private static long total(Map<SendDeadLetters.MailingKey, Long> redriven) {
        return redriven.values().stream().mapToLong(Long::longValue).sum();
    }
}
