package org.turnout.sending;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * One instance's share of a sending rate, as exact rules on the times of its permits rather than
 * cycles: permits at least {@code 1 / share} apart, and never more than {@code share × 10 s} of them
 * in any window of {@link #WINDOW} plus {@link #MARGIN}. Cycles of one permit each (the limiter used
 * before) let a 10-second window hold the permit of the cycle begun just before it besides its own 50:
 * 51 an instance, 204 for four at 20 a second.
 */
final class SendPace {
    /** The window in which the rate is promised: a rate of r a second is r × 10 sends in any 10 seconds. */
    static final Duration WINDOW = Duration.ofSeconds(10);
    /**
     * Added to the window the permits are counted in: SES receives a send a little after its permit (the claim's
     * write, the request), and not always as soon; the rate benchmark saw up to 360 ms from claim to answer, 36 ms
     * at the 90th percentile. Costs 2 % of the rate (50 sends in 10.2 s instead of 10).
     */
    static final Duration MARGIN = Duration.ofMillis(200);

    private final double perSecond;
    private final long spacingNanos;
    private final int limit;
    /** The last {@code limit} permits, oldest first. */
    private final Deque<Instant> recent;

    /**
     * @param perSecond this instance's share of the rate
     * @param before    permits given before under another rate, still counted in the window
     */
    SendPace(double perSecond, Deque<Instant> before) {
        this.perSecond = perSecond;
        this.spacingNanos = (long) Math.ceil(1_000_000_000d / perSecond);
        this.limit = Math.max(1, (int) Math.floor(perSecond * WINDOW.toSeconds() + 1e-9));
        this.recent = new ArrayDeque<>(before);
        while (recent.size() > limit) {
            recent.removeFirst();
        }
    }

    SendPace(double perSecond) {
        this(perSecond, new ArrayDeque<>());
    }

    double perSecond() {
        return perSecond;
    }

    /** The earliest time from {@code now} at which a permit keeps both rules. */
    synchronized Instant next(Instant now) {
        Instant next = now;
        if (!recent.isEmpty()) {
            next = later(next, recent.getLast().plusNanos(spacingNanos));
        }
        if (recent.size() >= limit) {
            // the oldest of the last `limit` must have left the window, which is closed at both ends: strictly after it
            next = later(next, recent.getFirst().plus(WINDOW).plus(MARGIN).plusNanos(1));
        }
        return next;
    }

    /** Takes the permit at {@code at}, a time {@link #next} gave (or later). */
    synchronized void take(Instant at) {
        recent.addLast(at);
        while (recent.size() > limit) {
            recent.removeFirst();
        }
    }

    /** The permits still counted, for the pace that replaces this one when the rate changes. */
    synchronized Deque<Instant> recent() {
        return new ArrayDeque<>(recent);
    }

    /** Reserves the next permit if it comes within {@code maxWait} of {@code now}. */
    static Optional<Instant> reserve(Instant now, Duration maxWait, SendPace... paces) {
        Instant at = now;
        for (SendPace pace : paces) {
            at = later(at, pace.next(now));
        }
        if (at.isAfter(now.plus(maxWait))) {
            return Optional.empty();
        }
        for (SendPace pace : paces) {
            pace.take(at);
        }
        return Optional.of(at);
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
