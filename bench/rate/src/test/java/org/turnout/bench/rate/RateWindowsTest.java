package org.turnout.bench.rate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RateWindowsTest {

    @Test
    void onlyFullWindowsCountTheFirstAndLastPartialSecondsLeftOut() {
        List<Long> seconds = new ArrayList<>();
        // 3 sends in the first (partial) second, then 20 a second for 25 s, then 2 in a last partial second
        for (int i = 0; i < 3; i++) {
            seconds.add(100L);
        }
        for (long s = 101; s < 126; s++) {
            for (int i = 0; i < 20; i++) {
                seconds.add(s);
            }
        }
        seconds.add(126L);
        seconds.add(126L);
        RateWindows windows = RateWindows.of(seconds, 10, 1);
        assertThat(windows.start()).isEqualTo(101);
        assertThat(windows.counts()).containsExactly(200, 200);
        assertThat(windows.worstError(200)).isZero();
        assertThat(windows.anyAbove(200)).isFalse();
    }

    @Test
    void aWindowAboveTheRateIsFlaggedAndTheWorstErrorIsTheLargestEitherWay() {
        List<Long> millis = new ArrayList<>();
        millis.add(0L);
        for (int i = 0; i < 206; i++) {
            millis.add(1 + i * 10_000L / 206);  // 206 in the first window: 3 % above
        }
        for (int i = 0; i < 190; i++) {
            millis.add(10_001 + i * 10_000L / 190);  // 190 in the second: 5 % below
        }
        millis.add(20_001L);
        RateWindows windows = RateWindows.of(millis, 10_000, 1);
        assertThat(windows.counts()).containsExactly(206, 190);
        assertThat(windows.anyAbove(200)).isTrue();
        assertThat(windows.errors(200)).containsExactly(0.03, -0.05);
        assertThat(windows.worstError(200)).isCloseTo(0.05, within(1e-9));
    }

    @Test
    void noSendsNoWindows() {
        assertThat(RateWindows.of(List.of(), 10, 1).counts()).isEmpty();
    }
}
