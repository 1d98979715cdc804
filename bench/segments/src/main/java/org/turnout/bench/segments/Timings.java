package org.turnout.bench.segments;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The measured passes of one contender: wall time and the CPU time it took, with medians, minimum and maximum. */
final class Timings {
    private final List<Duration> wall = new ArrayList<>();
    private final List<Duration> jvmCpu = new ArrayList<>();
    private final List<Duration> emulatorCpu = new ArrayList<>();

    void add(Duration time, CpuTime cpu) {
        wall.add(time);
        jvmCpu.add(cpu.jvm());
        emulatorCpu.add(cpu.children());
    }

    Duration median() {
        return median(wall);
    }

    Duration min() {
        return wall.stream().min(Duration::compareTo).orElseThrow();
    }

    Duration max() {
        return wall.stream().max(Duration::compareTo).orElseThrow();
    }

    /** The CPU this JVM used in a pass (the SDK, the mapping, the rule), median. */
    Duration jvmCpu() {
        return median(jvmCpu);
    }

    /** The CPU the emulator used in a pass, median. */
    Duration emulatorCpu() {
        return median(emulatorCpu);
    }

    /** Items per second at the median. */
    double rate(long items) {
        return items / (median().toNanos() / 1e9);
    }

    static Duration median(List<Duration> durations) {
        if (durations.isEmpty()) {
            throw new IllegalStateException("Nothing was measured");
        }
        List<Duration> sorted = durations.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : sorted.get(middle - 1).plus(sorted.get(middle)).dividedBy(2);
    }
}
