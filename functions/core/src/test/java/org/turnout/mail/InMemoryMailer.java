package org.turnout.mail;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link Mailer} that keeps what it is given, for tests that need no SES. It can hold its answers until a number
 * of sends are in flight at once, which shows how many a caller keeps going without timing anything.
 */
public final class InMemoryMailer implements Mailer {
    /** How long a held send waits for the others before it answers anyway: a caller that sends fewer at once must not hang the test. */
    private static final long HOLD_SECONDS = 30;

    private final List<OutgoingEmail> sent = new ArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostInFlight = new AtomicInteger();
    private volatile CountDownLatch together = new CountDownLatch(0);

    /** From now on, the first {@code sends} sends answer only once they are all in flight. */
    public InMemoryMailer answeringOnceInFlight(int sends) {
        together = new CountDownLatch(sends);
        return this;
    }

    @Override
    public String send(OutgoingEmail email) {
        mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try {
            CountDownLatch latch = together;
            latch.countDown();
            latch.await(HOLD_SECONDS, TimeUnit.SECONDS);
            synchronized (sent) {
                sent.add(email);
                return "in-memory-" + sent.size();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending", e);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    public List<OutgoingEmail> sent() {
        synchronized (sent) {
            return List.copyOf(sent);
        }
    }

    /** The most sends that were in flight at once. */
    public int mostInFlight() {
        return mostInFlight.get();
    }
}
