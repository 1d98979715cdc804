package org.turnout.bench.send;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;

/**
 * The ceiling: SES v2 {@code SendEmail} and nothing else, as many calls in flight as SendFunction can have, each
 * thread sending the next message as soon as its last was answered. The messages are built as they are sent, so
 * that no more of them are live than are in flight.
 */
final class RawSendLoop {

    /** What one loop did, and the collections of this JVM meanwhile. */
    record Result(int sent, Duration time, FunctionProcesses.Gc gc) {
        double rate() {
            return sent / (time.toNanos() / 1e9);
        }
    }

    private final SesV2Client ses;
    private final int concurrency;

    RawSendLoop(SesV2Client ses, int concurrency) {
        this.ses = ses;
        this.concurrency = concurrency;
    }

    /** Sends {@code messages.apply(i)} for i in [0, count); every call must succeed. */
    Result run(int count, IntFunction<SendEmailRequest> messages) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        FunctionProcesses.Gc gcBefore = gc();
        ExecutorService senders = Executors.newFixedThreadPool(concurrency);
        long began = System.nanoTime();
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int t = 0; t < concurrency; t++) {
                done.add(senders.submit(() -> {
                    int sent = 0;
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        String id = ses.sendEmail(messages.apply(i)).messageId();
                        if (id == null || id.isEmpty()) {
                            throw new IllegalStateException("SES answered no message id");
                        }
                        sent++;
                    }
                    return sent;
                }));
            }
            int sent = 0;
            for (Future<Integer> future : done) {
                try {
                    sent += future.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException("The raw loop failed: " + e.getCause(), e.getCause());
                }
            }
            Duration time = Duration.ofNanos(System.nanoTime() - began);
            return new Result(sent, time, gc().minus(gcBefore));
        } finally {
            senders.shutdownNow();
        }
    }

    /** This JVM's collections so far, young and full apart (the serial collector's names). */
    static FunctionProcesses.Gc gc() {
        long young = 0;
        long youngMillis = 0;
        long full = 0;
        long fullMillis = 0;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            boolean old = collector.getName().contains("MarkSweep") || collector.getName().contains("Old");
            if (old) {
                full += collector.getCollectionCount();
                fullMillis += collector.getCollectionTime();
            } else {
                young += collector.getCollectionCount();
                youngMillis += collector.getCollectionTime();
            }
        }
        return new FunctionProcesses.Gc(young, youngMillis / 1000.0, full, fullMillis / 1000.0);
    }
}
