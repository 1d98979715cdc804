package org.turnout.bench.render;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Operations per second of CPU the benchmark's JVM used in an iteration, all its threads counted (the measured one,
 * the pools it hands work to, the collector, the compiler). On a machine that other processes keep busy, one thread
 * gets a fraction of a core and JMH's score (operations per second of wall time) falls with the load; this one
 * counts per second of core actually used, which is what "per core" means.
 */
public final class CpuTimeProfiler implements InternalProfiler {
    public static final String MSG_PER_CPU_SECOND = "cpu.ops.per.cpu.s";
    private final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private long cpuBefore;

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        cpuBefore = os.getProcessCpuTime();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                                       IterationResult result) {
        double cpuSeconds = (os.getProcessCpuTime() - cpuBefore) / 1e9;
        long ops = result.getMetadata().getMeasuredOps();
        return List.of(new ScalarResult(MSG_PER_CPU_SECOND, cpuSeconds <= 0 ? Double.NaN : ops / cpuSeconds, "ops/cpu-s",
                AggregationPolicy.AVG));
    }

    @Override
    public String getDescription() {
        return "operations per second of the JVM's CPU time";
    }
}
