package org.turnout.bench;

import java.time.Duration;
import java.util.List;

/** Median, minimum and maximum of a few measured durations. */
record DurationSummary(Duration median, Duration min, Duration max) {

    static DurationSummary of(List<Duration> durations) {
        if (durations.isEmpty()) {
            throw new IllegalArgumentException("Nothing was measured");
        }
        List<Duration> sorted = durations.stream().sorted().toList();
        int middle = sorted.size() / 2;
        Duration median = sorted.size() % 2 == 1
                ? sorted.get(middle)
                : sorted.get(middle - 1).plus(sorted.get(middle)).dividedBy(2);
        return new DurationSummary(median, sorted.get(0), sorted.get(sorted.size() - 1));
    }

    /** How many times this median is {@code other}'s. */
    double medianRatioTo(DurationSummary other) {
        return (double) median.toNanos() / other.median.toNanos();
    }
}
