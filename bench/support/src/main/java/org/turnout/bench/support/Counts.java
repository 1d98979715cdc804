package org.turnout.bench.support;

/** How the benchmarks name a number of rows or contacts in file names, organisations and reports. */
public final class Counts {
    private Counts() {
    }

    /** 100000 is "100k", 1000000 "1M", anything else its number. */
    public static String label(long count) {
        if (count % 1_000_000 == 0) {
            return count / 1_000_000 + "M";
        }
        if (count % 1_000 == 0) {
            return count / 1_000 + "k";
        }
        return Long.toString(count);
    }
}
