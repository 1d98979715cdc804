package org.turnout.bench.support;

import java.lang.management.ManagementFactory;
import java.util.Locale;

import com.sun.management.OperatingSystemMXBean;

/** What the numbers were measured on: they mean little without it. */
public record Machine(int processors, long memoryBytes, String os, String java) {

    public static Machine current() {
        OperatingSystemMXBean system = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return new Machine(Runtime.getRuntime().availableProcessors(), system.getTotalMemorySize(),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                System.getProperty("java.runtime.version") + " (" + System.getProperty("java.vendor") + ")");
    }

    public String description() {
        return String.format(Locale.ROOT, "%d processors, %.1f GiB memory, %s; Java %s",
                processors, memoryBytes / (1024.0 * 1024 * 1024), os, java);
    }
}
