package org.turnout.sending;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.turnout.aws.EmulatedStack;
import org.turnout.local.Emulator;

/**
 * The send rate of one instance: its share of the organisation's rate, capped by the account's
 * SES MaxSendRate (the emulator's account allows 14 a second). Only lower bounds on time are
 * asserted: a loaded machine can make sends slower, never faster.
 */
class SendQuotaTest {
    @RegisterExtension
    static final EmulatedStack STACK = new EmulatedStack(Emulator.SES);

    @BeforeAll
    static void start() {
    }

    @Test
    void readsTheAccountsMaxSendRate() {
        assertThat(new SendQuota(STACK.aws(), Clock.systemUTC(), 1, Duration.ofSeconds(5)).accountRate()).isEqualTo(14.0);
    }

    @Test
    void oneInstanceOfFourSendsAQuarterOfTheOrganisationsRate() {
        SendQuota quota = new SendQuota(STACK.aws(), Clock.systemUTC(), 4, Duration.ofSeconds(5));
        // 8 a second for the organisation, 4 instances: one send every 500 ms here, so 5 sends span 2 s at least
        assertThat(millisFor(5, () -> quota.acquire("org-a", 8))).isGreaterThanOrEqualTo(1_900);
    }

    @Test
    void anOrganisationRateAboveTheAccountsIsCappedByIt() {
        SendQuota quota = new SendQuota(STACK.aws(), Clock.systemUTC(), 1, Duration.ofSeconds(5));
        // asks 1000 a second; the account allows 14: 15 sends span 1 s at least
        assertThat(millisFor(15, () -> quota.acquire("org-b", 1000))).isGreaterThanOrEqualTo(950);
    }

    @Test
    void aTurnThatDoesNotComeWithinTheWaitAllowedIsRefused() {
        SendQuota quota = new SendQuota(STACK.aws(), Clock.systemUTC(), 1, Duration.ofMillis(100));
        assertThat(quota.acquire("org-c", 1)).isTrue();
        assertThat(quota.acquire("org-c", 1)).isFalse(); // the next turn is a second away
    }

    private static long millisFor(int sends, java.util.function.BooleanSupplier acquire) {
        long start = System.nanoTime();
        for (int i = 0; i < sends; i++) {
            assertThat(acquire.getAsBoolean()).isTrue();
        }
        return (System.nanoTime() - start) / 1_000_000;
    }
}
