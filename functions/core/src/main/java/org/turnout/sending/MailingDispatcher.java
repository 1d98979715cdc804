package org.turnout.sending;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;
import org.turnout.aws.DaemonThreads;
import org.turnout.mailing.DispatchRequest;
import org.turnout.mailing.Mailing;
import org.turnout.mailing.MailingRepository;
import org.turnout.mailing.MailingState;
import org.turnout.segment.Segment;
import org.turnout.segment.SegmentRepository;
import org.turnout.segment.SegmentRule;
import org.turnout.segment.SegmentService;
import org.turnout.store.Keys;

/**
 * Dispatch: turns a due mailing into one queue message per recipient. It walks the segment shard
 * by shard, page by page, and records after each page how far that shard got (and how many
 * recipients it added), so that a dispatch that dies part-way, or runs out of time, continues
 * where it stopped. A lease keeps a second dispatch of the same mailing (a schedule firing twice,
 * a retry) from running beside the first.
 */
@ApplicationScoped
public class MailingDispatcher {
    private static final Logger LOG = Logger.getLogger(MailingDispatcher.class);
    static final String SHARD_DONE = "#done";
    private static final Duration LEASE = Duration.ofMinutes(2);
    /** Time kept in hand at the deadline: a page and its messages, then the handover. */
    private static final Duration MARGIN = Duration.ofSeconds(30);
    private static final int PARALLEL_SHARDS = 4;

    public enum Outcome {
        /** Every recipient is enqueued. */
        DISPATCHED,
        /** Out of time: a new invocation must continue from the cursors. */
        CONTINUE,
        /** Nothing to do now: not due, paused, cancelled, already dispatched or being dispatched. */
        NOTHING
    }

    private final MailingRepository mailings;
    private final SegmentRepository segments;
    private final SegmentService segmentService;
    private final RecipientPages pages;
    private final HeldRecipients held;
    private final MailingSettlement settlement;
    private final Clock clock;
    private final ExecutorService shards = DaemonThreads.fixed(PARALLEL_SHARDS, "turnout-dispatch");

    public MailingDispatcher(MailingRepository mailings, SegmentRepository segments, SegmentService segmentService,
                             RecipientPages pages, HeldRecipients held, MailingSettlement settlement, Clock clock) {
        this.mailings = mailings;
        this.segments = segments;
        this.segmentService = segmentService;
        this.pages = pages;
        this.held = held;
        this.settlement = settlement;
        this.clock = clock;
    }

    public Outcome dispatch(DispatchRequest request, Instant deadline) {
        String orgId = request.orgId();
        String mailingId = request.mailingId();
        Optional<Mailing> found = mailings.find(orgId, mailingId);
        if (found.isEmpty()) {
            LOG.warnf("dispatch of mailing %s of %s: no such mailing", mailingId, orgId);
            return Outcome.NOTHING;
        }
        Mailing mailing = found.get();
        if (mailing.stateValue() == MailingState.SCHEDULED) {
            if (request.sendAt() == null || !request.sendAt().equals(mailing.sendAt())) {
                LOG.infof("mailing %s: a schedule for %s fired, but it is due at %s; nothing sent", mailingId, request.sendAt(), mailing.sendAt());
                return Outcome.NOTHING;
            }
            mailings.startSending(orgId, mailingId, clock.instant());
            mailing = mailings.find(orgId, mailingId).orElseThrow();
        }
        if (mailing.stateValue() != MailingState.SENDING) {
            return Outcome.NOTHING;
        }
        String owner = UUID.randomUUID().toString();
        if (!mailings.leaseDispatch(orgId, mailingId, owner, clock.millis() + LEASE.toMillis(), clock.millis())) {
            LOG.infof("mailing %s: another dispatch holds it; this one stops", mailingId);
            return Outcome.NOTHING;
        }
        try {
            mailings.beginDispatch(orgId, mailingId, clock.instant());
            held.requeue(orgId, mailingId);
            if (Boolean.TRUE.equals(mailing.dispatchComplete())) {
                settlement.settleIfDone(orgId, mailingId);
                return Outcome.NOTHING; // a resume after the dispatch ended: the held recipients were all there was to do
            }
            Optional<Segment> segment = segments.find(orgId, mailing.segmentId());
            if (segment.isEmpty()) {
                mailings.cancelSending(orgId, mailingId, "segment " + mailing.segmentId() + " was deleted", clock.instant());
                return Outcome.NOTHING;
            }
            Outcome outcome = walkShards(mailings.find(orgId, mailingId).orElseThrow(), segment.get(), owner, deadline);
            if (outcome == Outcome.DISPATCHED) {
                mailings.completeDispatch(orgId, mailingId);
                // a recipient held just as the mailing resumed would otherwise wait for ever
                held.requeue(orgId, mailingId);
                settlement.settleIfDone(orgId, mailingId);
            }
            return outcome;
        } finally {
            mailings.releaseDispatch(orgId, mailingId, owner);
        }
    }

    private Outcome walkShards(Mailing mailing, Segment segment, String owner, Instant deadline) {
        SegmentRule rule = segmentService.rule(segment);
        boolean allowImported = Boolean.TRUE.equals(segment.allowImported());
        Map<String, String> cursors = mailing.dispatchCursors() == null ? Map.of() : mailing.dispatchCursors();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicBoolean outOfTime = new AtomicBoolean();
        List<CompletableFuture<Void>> work = new ArrayList<>();
        for (int shard = 0; shard < Keys.CONTACT_SHARDS; shard++) {
            String cursor = cursors.get(Integer.toString(shard));
            if (SHARD_DONE.equals(cursor)) {
                continue;
            }
            int current = shard;
            work.add(CompletableFuture.runAsync(() -> walkShard(mailing, rule, allowImported, current, cursor, owner, deadline, stop, outOfTime), shards));
        }
        try {
            CompletableFuture.allOf(work.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
        if (outOfTime.get()) {
            return Outcome.CONTINUE;
        }
        return stop.get() ? Outcome.NOTHING : Outcome.DISPATCHED;
    }

    private void walkShard(Mailing mailing, SegmentRule rule, boolean allowImported, int shard, String cursor, String owner,
                           Instant deadline, AtomicBoolean stop, AtomicBoolean outOfTime) {
        String orgId = mailing.orgId();
        String mailingId = mailing.mailingId();
        String after = cursor;
        while (!stop.get()) {
            if (clock.instant().isAfter(deadline.minus(MARGIN))) {
                outOfTime.set(true);
                stop.set(true);
                return;
            }
            RecipientPages.Enqueued page = pages.enqueue(orgId, mailingId, rule, allowImported, shard, after);
            after = page.next();
            if (!mailings.advanceCursor(orgId, mailingId, owner, shard, after == null ? SHARD_DONE : after, page.recipients())) {
                // another dispatch took the lease over: its cursor stands, this page's recipients are its to count
                LOG.infof("mailing %s: the dispatch lease passed to another; this one stops", mailingId);
                stop.set(true);
                return;
            }
            if (after == null) {
                return;
            }
            // paused or cancelled meanwhile, or the lease lost: stop here, the cursor says where to go on
            if (!mailings.leaseDispatch(orgId, mailingId, owner, clock.millis() + LEASE.toMillis(), clock.millis())) {
                stop.set(true);
            }
        }
    }

    @PreDestroy
    void close() {
        shards.shutdownNow();
    }
}
