package org.turnout.bench.support;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;

/**
 * The peak of the heap this JVM really needs while it works: the heap in use right after each full
 * collection, which is the live data and nothing else, as the collectors' notifications report it.
 * The collector is left to run as it will, and a sampler forces a full collection at a fixed interval
 * as well, so that a short run is sampled as densely as a long one and the peak does not depend on
 * when the old generation happened to fill up.
 *
 * <p>It also keeps the peak after any collection, minor ones included: that one also counts garbage
 * promoted to the old generation and not yet collected, so it grows towards the heap's size in any
 * long enough run and says little about what the work needs.
 */
public final class HeapWatch implements AutoCloseable {

    /** What was seen, in bytes. */
    public record Peaks(long afterFullGc, long afterAnyGc, long fullGcs, long gcs, long forcedGcs, Duration forcedGcTime,
                 Duration gcTime) {
    }

    private static final String MAJOR = "end of major GC";

    private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
    private final AtomicLong peakAfterFull = new AtomicLong();
    private final AtomicLong peakAfterAny = new AtomicLong();
    private final AtomicLong fullGcs = new AtomicLong();
    private final AtomicLong gcs = new AtomicLong();
    private final AtomicLong forcedGcs = new AtomicLong();
    private final AtomicLong forcedNanos = new AtomicLong();
    private final NotificationListener listener = this::onGc;
    private final List<NotificationEmitter> emitters;
    private final Thread sampler;
    private volatile boolean running = true;

    private HeapWatch(Duration interval) {
        emitters = ManagementFactory.getGarbageCollectorMXBeans().stream()
                .filter(NotificationEmitter.class::isInstance).map(NotificationEmitter.class::cast).toList();
        emitters.forEach(emitter -> emitter.addNotificationListener(listener, null, null));
        sampler = new Thread(() -> sample(interval), "heap-watch");
        sampler.setDaemon(true);
    }

    /** Starts listening, and forcing a full collection every {@code interval} (none if zero). */
    public static HeapWatch start(Duration interval) {
        HeapWatch watch = new HeapWatch(interval);
        if (!interval.isZero()) {
            watch.sampler.start();
        }
        return watch;
    }

    /** One last full collection, then what was seen. */
    public Peaks stop() throws InterruptedException {
        running = false;
        sampler.interrupt();
        sampler.join();
        long seen = fullGcs.get();
        forceGc();
        // notifications come on their own thread: wait for the last one
        for (int i = 0; i < 200 && fullGcs.get() == seen; i++) {
            Thread.sleep(10);
        }
        emitters.forEach(emitter -> {
            try {
                emitter.removeNotificationListener(listener);
            } catch (ListenerNotFoundException e) {
                // already gone
            }
        });
        long gcMillis = ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
        return new Peaks(peakAfterFull.get(), peakAfterAny.get(), fullGcs.get(), gcs.get(), forcedGcs.get(),
                Duration.ofNanos(forcedNanos.get()), Duration.ofMillis(gcMillis));
    }

    @Override
    public void close() throws InterruptedException {
        if (running) {
            stop();
        }
    }

    private void sample(Duration interval) {
        while (running) {
            try {
                Thread.sleep(interval.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            if (running) {
                forceGc();
            }
        }
    }

    private void forceGc() {
        long began = System.nanoTime();
        System.gc();
        forcedNanos.addAndGet(System.nanoTime() - began);
        forcedGcs.incrementAndGet();
    }

    private void onGc(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        long used = 0;
        for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
            if (heapPools.contains(pool.getKey())) {
                used += pool.getValue().getUsed();
            }
        }
        gcs.incrementAndGet();
        peakAfterAny.accumulateAndGet(used, Math::max);
        if (MAJOR.equals(info.getGcAction())) {
            peakAfterFull.accumulateAndGet(used, Math::max);
            fullGcs.incrementAndGet();
        }
    }

    /** The heap in use after a full collection now, outside any watch. */
    public static long liveHeap() {
        System.gc();
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP)
                .mapToLong(pool -> pool.getUsage().getUsed()).sum();
    }
}
