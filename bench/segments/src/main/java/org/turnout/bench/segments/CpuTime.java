package org.turnout.bench.segments;

import java.lang.management.ManagementFactory;
import java.time.Duration;

import com.sun.management.OperatingSystemMXBean;

/**
 * CPU time used so far by this JVM and by its child processes (the emulator, started by LocalAwsStack): with
 * two processes sharing the machine's cores, where the CPU goes says more than the wall time alone.
 */
record CpuTime(Duration jvm, Duration children) {

    static CpuTime now() {
        OperatingSystemMXBean system = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Duration children = ProcessHandle.current().descendants()
                .map(process -> process.info().totalCpuDuration().orElse(Duration.ZERO))
                .reduce(Duration.ZERO, Duration::plus);
        return new CpuTime(Duration.ofNanos(system.getProcessCpuTime()), children);
    }

    CpuTime since(CpuTime before) {
        return new CpuTime(jvm.minus(before.jvm), children.minus(before.children));
    }
}
