package org.turnout.bench.rate;

import java.util.ArrayList;
import java.util.List;

/**
 * Sends counted per window of fixed length, from the first whole unit of time after the first send to the last
 * whole window before the last send: a window the mailing started or ended in is partial, and says nothing of the
 * rate. Times are in any unit (seconds of the SES emulator, milliseconds of the send records).
 *
 * @param start  where the first full window begins
 * @param length the length of a window, in the unit of the times
 * @param counts the sends in each full window, in order
 */
public record RateWindows(long start, long length, List<Integer> counts) {

    /** @param unit the clock's resolution: the first window begins one unit after the first send's time */
    public static RateWindows of(List<Long> times, long length, long unit) {
        if (times.isEmpty()) {
            return new RateWindows(0, length, List.of());
        }
        long first = times.stream().mapToLong(Long::longValue).min().orElseThrow();
        long last = times.stream().mapToLong(Long::longValue).max().orElseThrow();
        long start = first + unit;
        List<Integer> counts = new ArrayList<>();
        for (long from = start; from + length <= last; from += length) {
            long to = from + length;
            long begin = from;
            counts.add((int) times.stream().filter(t -> t >= begin && t < to).count());
        }
        return new RateWindows(start, length, List.copyOf(counts));
    }

    /** Each window's error against the rate, as a fraction: (sent - expected) / expected. */
    public List<Double> errors(double expectedPerWindow) {
        return counts.stream().map(count -> (count - expectedPerWindow) / expectedPerWindow).toList();
    }

    /** The largest absolute error of any window; 0 when there is none. */
    public double worstError(double expectedPerWindow) {
        return errors(expectedPerWindow).stream().mapToDouble(Math::abs).max().orElse(0);
    }

    /** Whether any window sent more than the rate allows. */
    public boolean anyAbove(double expectedPerWindow) {
        return counts.stream().anyMatch(count -> count > expectedPerWindow);
    }
}
