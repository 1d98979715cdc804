package org.turnout.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class DurationSummaryTest {

    @Test
    void anOddNumberOfDurationsHasTheMiddleOneAsMedian() {
        DurationSummary summary = DurationSummary.of(millis(900, 300, 1200, 500, 700));

        assertThat(summary).isEqualTo(new DurationSummary(ms(700), ms(300), ms(1200)));
    }

    @Test
    void anEvenNumberOfDurationsHasTheMeanOfTheTwoMiddleOnesAsMedian() {
        assertThat(DurationSummary.of(millis(400, 100, 300, 200)).median()).isEqualTo(ms(250));
    }

    @Test
    void theRatioIsOfTheMedians() {
        DurationSummary api = DurationSummary.of(millis(2000, 3000, 9000));
        DurationSummary baseline = DurationSummary.of(millis(1000, 1200, 100));

        assertThat(api.medianRatioTo(baseline)).isEqualTo(3.0);
    }

    @Test
    void nothingMeasuredHasNoSummary() {
        assertThatThrownBy(() -> DurationSummary.of(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    private static List<Duration> millis(long... values) {
        return Arrays.stream(values).mapToObj(Duration::ofMillis).toList();
    }

    private static Duration ms(long value) {
        return Duration.ofMillis(value);
    }
}
