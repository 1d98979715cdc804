package org.turnout.sending;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import org.jboss.logging.Logger;
import org.turnout.aws.AwsClients;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * How fast this instance may send. SendFunction runs with a reserved concurrency of
 * {@code turnout.send-concurrency} instances at most, and each takes an equal share of the rate:
 * the organisation's rate (capped by the account's) per organisation, and the account's SES
 * {@code MaxSendRate} for all of them, so that all instances together never exceed either. No
 * shared counter to write per email, at the price of leaving a share unused when fewer instances run.
 * Each share is a {@link SendPace}: no 10-second window holds more than the rate's sends, whatever its edges.
 *
 * <p>The turns are timed by the system's clock, not the injected one: they are real waits, and a test's
 * fixed clock would turn each of them into a longer one. {@link SendPace} takes its times as arguments, and its
 * rules are tested with a clock of the test's.
 */
@ApplicationScoped
public class SendQuota {
    private static final Logger LOG = Logger.getLogger(SendQuota.class);
    /** SES sandbox accounts send one message a second: the rate assumed when the account cannot be read. */
    static final double FALLBACK_ACCOUNT_RATE = 1.0;
    private static final Duration ACCOUNT_REFRESH = Duration.ofMinutes(5);

    private final SesV2Client ses;
    private final Clock clock;
    private final int concurrency;
    private final Duration maxWait;
    private final Clock turnClock = Clock.systemUTC();
    private final Map<String, SendPace> byOrganisation = new ConcurrentHashMap<>();
    private volatile SendPace account;
    private volatile double accountRate;
    private volatile Instant accountReadAt = Instant.MIN;
    /** Fair: the sends of a batch get their turns in the order they asked. */
    private final ReentrantLock turns = new ReentrantLock(true);

    @Inject
    public SendQuota(AwsClients clients, Clock clock, SendingSettings settings) {
        this(clients, clock, settings.sendConcurrency(), settings.sendMaxWait());
    }

    public SendQuota(AwsClients clients, Clock clock, int concurrency, Duration maxWait) {
        this.ses = clients.ses();
        this.clock = clock;
        this.concurrency = Math.max(1, concurrency);
        this.maxWait = maxWait;
    }

    /**
     * Waits for this instance's turn to send one email for the organisation; false if the turn
     * does not come within the wait allowed (the message is then tried again later).
     */
    public boolean acquire(String orgId, Integer organisationRate) {
        return acquire(orgId, organisationRate, () -> true);
    }

    /**
     * The same, for one of several sends of this instance at once: they wait for their turns one at a
     * time, in the order they ask, and a sender whose turn would begin when {@code timeForATurn} says
     * there is no time left for one does not wait at all. So at a rate too low for the sends in flight,
     * an invocation holds no more recipients than one at a time would, and no wait outlives it.
     */
    public boolean acquire(String orgId, Integer organisationRate, BooleanSupplier timeForATurn) {
        turns.lock();
        try {
            return timeForATurn.getAsBoolean() && permit(orgId, organisationRate);
        } finally {
            turns.unlock();
        }
    }

    private boolean permit(String orgId, Integer organisationRate) {
        double accountRate = accountRate();
        double rate = organisationRate == null || organisationRate <= 0 ? accountRate : Math.min(organisationRate, accountRate);
        SendPace organisation = byOrganisation.compute(orgId, (id, pace) -> pace(pace, rate));
        Instant now = turnClock.instant();
        // one time for both shares, reserved in both or in neither: no permit of one is spent while the other refuses
        Optional<Instant> turn = SendPace.reserve(now, maxWait, organisation, account);
        if (turn.isEmpty()) {
            return false;
        }
        waitUntil(turn.get());
        return true;
    }

    private void waitUntil(Instant turn) {
        Duration wait = Duration.between(turnClock.instant(), turn);
        if (wait.isNegative() || wait.isZero()) {
            return;
        }
        try {
            Thread.sleep(wait.toMillis(), wait.toNanosPart() % 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a turn to send", e);
        }
    }

    /** The account's maximum send rate, read from SES {@code GetAccount} and kept a few minutes. */
    public synchronized double accountRate() {
        Instant now = clock.instant();
        if (account == null || now.isAfter(accountReadAt.plus(ACCOUNT_REFRESH))) {
            double rate;
            try {
                rate = ses.getAccount(r -> { }).sendQuota().maxSendRate();
            } catch (SdkException | NullPointerException e) {
                LOG.warnf("cannot read the SES account's send quota (%s); sending at %.0f a second", e.getMessage(), FALLBACK_ACCOUNT_RATE);
                rate = FALLBACK_ACCOUNT_RATE;
            }
            if (account == null || rate != accountRate) {
                account = pace(account, rate);
                accountRate = rate;
            }
            accountReadAt = now;
        }
        return accountRate;
    }

    /**
     * This instance's share of {@code rate}: the pace it has if the rate is unchanged, else a new one that still
     * counts the permits the old one gave (a change of rate opens no window to more sends).
     */
    private SendPace pace(SendPace current, double rate) {
        double share = rate / concurrency;
        if (current != null && current.perSecond() == share) {
            return current;
        }
        return current == null ? new SendPace(share) : new SendPace(share, current.recent());
    }
}
