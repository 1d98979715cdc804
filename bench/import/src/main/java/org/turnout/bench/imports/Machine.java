package org.turnout.bench.imports;

import java.lang.management.ManagementFactory;
import java.util.Locale;

import com.sun.management.OperatingSystemMXBean;

/** What the numbers were measured on: they mean little without it. */
record Machine(int processors, long memoryBytes, String os, String java) {

    static Machine current() {
        OperatingSystemMXBean system = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return new Machine(Runtime.getRuntime().availableProcessors(), system.getTotalMemorySize(),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                System.getProperty("java.runtime.version") + " (" + System.getProperty("java.vendor") + ")");
    }

    String description() {
        return String.format(Locale.ROOT, "%d processors, %.1f GiB memory, %s; Java %s",
                processors, memoryBytes / (1024.0 * 1024 * 1024), os, java);
    }
}
