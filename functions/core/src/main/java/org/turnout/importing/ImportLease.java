package org.turnout.importing;

import java.time.Duration;
import java.time.Instant;

/**
 * The one rule by which an invocation owns a resumable import (of contacts, election results or
 * addresses): it takes the job's lease when none is live, renews it at every checkpoint, and gives
 * it up when it hands over; a crashed invocation's lease lapses soon, and the job's versioned
 * writes make sure two invocations never both own it.
 */
public final class ImportLease {
    /** A live invocation renews its lease at every window; a crashed one's lease lapses this soon. */
    public static final Duration LEASE = Duration.ofSeconds(45);
    /** Time kept in hand at the end of an invocation to save the checkpoint and hand over. */
    public static final Duration HANDOVER_MARGIN = Duration.ofSeconds(20);

    private ImportLease() {
    }

    /** Whether another invocation holds the job at {@code now}. */
    public static boolean isHeld(Instant leaseUntil, Instant now) {
        return leaseUntil != null && leaseUntil.isAfter(now);
    }

    /** Until when a lease taken or renewed at {@code now} holds. */
    public static Instant until(Instant now) {
        return now.plus(LEASE);
    }

    /** Whether an invocation that must end at {@code deadline} should save its checkpoint and hand over now. */
    public static boolean mustHandOver(Instant now, Instant deadline) {
        return now.isAfter(deadline.minus(HANDOVER_MARGIN));
    }
}
