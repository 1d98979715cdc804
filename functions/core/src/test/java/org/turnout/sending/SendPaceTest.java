package org.turnout.sending;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The rate's rules on the times of the permits, on a clock of the test's: four instances sharing 20 a second never
 * give more than 200 permits in any 10-second window, whatever its edges, and come within 3 % of it in every full one.
 */
class SendPaceTest {
    private static final Instant START = Instant.parse("2026-12-07T10:00:00Z");
    private static final Duration MAX_WAIT = Duration.ofSeconds(20);

    @Test
    void fourInstancesAtAQuarterOfTwentyASecondNeverGiveMoreThanTwoHundredInAnyTenSeconds() {
        List<Instant> permits = new ArrayList<>();
        Random jitter = new Random(13);
        for (int instance = 0; instance < 4; instance++) {
            SendPace pace = new SendPace(20.0 / 4);
            // each instance asks again as soon as its send is done: 0 to 150 ms after its last turn
            Instant now = START.plusMillis(jitter.nextInt(200));
            while (now.isBefore(START.plusSeconds(70))) {
                Instant turn = SendPace.reserve(now, MAX_WAIT, pace).orElseThrow();
                permits.add(turn);
                now = turn.plusMillis(jitter.nextInt(150));
            }
        }
        Collections.sort(permits);

        int most = 0;
        int fewest = Integer.MAX_VALUE;
        for (Instant from : permits) {
            int inWindow = inClosedWindow(permits, from, SendPace.WINDOW);
            most = Math.max(most, inWindow);
            if (!from.plus(SendPace.WINDOW).isAfter(START.plusSeconds(60))) {
                fewest = Math.min(fewest, inWindow);
            }
        }
        assertThat(most).as("the most permits in any 10 s, both ends counted").isLessThanOrEqualTo(200);
        assertThat(fewest).as("the fewest in a full 10 s of the first minute: within 3 %").isGreaterThanOrEqualTo(194);
    }

    @Test
    void theFiftyFirstPermitOfAnInstanceWaitsUntilTheFirstHasLeftTheWindowAndItsMargin() {
        List<Instant> permits = new ArrayList<>();
        askingAtOnce(new SendPace(5.0), START, 51, permits);

        assertThat(permits.get(1)).as("evenly spaced: one every 200 ms").isEqualTo(START.plusMillis(200));
        assertThat(permits.get(49)).isEqualTo(START.plusMillis(9_800));
        // cycles of 200 ms gave it at 10.0 s, the 51st permit in [0, 10 s]
        assertThat(permits.get(50)).isAfter(START.plus(SendPace.WINDOW).plus(SendPace.MARGIN));
    }

    @Test
    void aRateLoweredMidWindowStillCountsThePermitsGivenBefore() {
        SendPace fast = new SendPace(10.0);
        List<Instant> permits = new ArrayList<>();
        Instant last = askingAtOnce(fast, START, 100, permits);
        askingAtOnce(new SendPace(5.0, fast.recent()), last, 60, permits);

        // at 5 a second, 50 in a window: the first permit of the new rate waits for the 50 last of the old one
        assertThat(permits.get(100)).isAfter(permits.get(50).plus(SendPace.WINDOW).plus(SendPace.MARGIN));
        for (Instant from : permits.subList(50, permits.size())) {
            if (!from.isBefore(permits.get(100).minus(SendPace.WINDOW))) {
                assertThat(inClosedWindow(permits, from, SendPace.WINDOW)).as("a window reaching the new rate").isLessThanOrEqualTo(50);
            }
        }
    }

    @Test
    void aTurnBeyondTheWaitAllowedIsRefusedAndReservesNothing() {
        SendPace organisation = new SendPace(1.0);
        SendPace account = new SendPace(14.0);
        assertThat(SendPace.reserve(START, Duration.ofMillis(100), organisation, account)).contains(START);

        assertThat(SendPace.reserve(START, Duration.ofMillis(100), organisation, account)).as("the next turn is a second away").isEmpty();
        assertThat(account.next(START)).as("the account's share was not spent on the refused turn").isEqualTo(START.plusNanos(71_428_572));
    }

    /** Takes {@code count} permits, each asked for as soon as the one before came; answers the last. */
    private static Instant askingAtOnce(SendPace pace, Instant from, int count, List<Instant> permits) {
        Instant now = from;
        for (int i = 0; i < count; i++) {
            now = SendPace.reserve(now, MAX_WAIT, pace).orElseThrow();
            permits.add(now);
        }
        return now;
    }

    private static int inClosedWindow(List<Instant> sorted, Instant from, Duration length) {
        Instant to = from.plus(length);
        return (int) sorted.stream().filter(at -> !at.isBefore(from) && !at.isAfter(to)).count();
    }
}
