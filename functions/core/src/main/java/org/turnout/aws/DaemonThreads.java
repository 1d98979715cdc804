package org.turnout.aws;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

/**
 * The thread pools of a function's work in parallel (shards, batches, senders): daemon threads, so that a frozen
 * or ending Lambda instance never waits for idle ones.
 */
public final class DaemonThreads {
    private DaemonThreads() {
    }

    /** {@code threads} threads named {@code name}. */
    public static ExecutorService fixed(int threads, String name) {
        return Executors.newFixedThreadPool(threads, named(name));
    }

    /** As many threads named {@code name} as tasks wait, for tasks that wait on other pools. */
    public static ExecutorService cached(String name) {
        return Executors.newCachedThreadPool(named(name));
    }

    private static ThreadFactory named(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
