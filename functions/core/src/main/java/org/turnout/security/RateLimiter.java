package org.turnout.security;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import org.turnout.problem.RateLimitedException;

/**
 * A fixed one-minute window counter per source, kept in the table so that every Lambda instance
 * shares it (an in-memory bucket would give each instance its own allowance). One conditional
 * {@code ADD} per request; windows expire by TTL.
 */
@Singleton
public record RateLimiter(RateWindowRepository windows, Clock clock) {
    private static final long WINDOW_SECONDS = 60;

    /** Counts one request from {@code sourceHash}; throws when it is over {@code perMinute}. */
    public void acquire(String orgId, String what, String sourceHash, int perMinute) {
        long now = clock.instant().getEpochSecond();
        long window = now / WINDOW_SECONDS;
        if (!windows.countIfUnder(orgId, what, sourceHash, window, perMinute, (window + 2) * WINDOW_SECONDS)) {
            throw new RateLimitedException(Duration.ofSeconds((window + 1) * WINDOW_SECONDS - now));
        }
    }
}
