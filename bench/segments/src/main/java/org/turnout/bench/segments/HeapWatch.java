package org.turnout.bench.segments;

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
 * collection (the live data and nothing else), as the collectors' notifications report it. Besides the
 * collections the JVM does by itself, a sampler forces a full one at a fixed interval, so that a short
 * run is sampled as densely as a long one and the peak does not depend on when the old generation
 * happened to fill up.
 */
final class HeapWatch {

    /** What was seen: bytes in use after the fullest full collection, and how many full collections there were. */
    record Peak(long bytes, long fullGcs) {
    }

    private static final String MAJOR = "end of major GC";

    private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
    private final AtomicLong peak = new AtomicLong();
    private final AtomicLong fullGcs = new AtomicLong();
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

    /** Starts listening, and forcing a full collection every {@code interval}. */
    static HeapWatch start(Duration interval) {
        HeapWatch watch = new HeapWatch(interval);
        watch.sampler.start();
        return watch;
    }

    /** One last full collection, then what was seen. */
    Peak stop() throws InterruptedException {
        running = false;
        sampler.interrupt();
        sampler.join();
        long seen = fullGcs.get();
        System.gc();
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
        return new Peak(peak.get(), fullGcs.get());
    }

    /** The heap in use after a full collection now, outside any watch. */
    static long liveHeap() {
        System.gc();
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP)
                .mapToLong(pool -> pool.getUsage().getUsed()).sum();
    }

    private void sample(Duration interval) {
        while (running) {
            try {
                Thread.sleep(interval.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            if (running) {
                System.gc();
            }
        }
    }

    private void onGc(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        if (!MAJOR.equals(info.getGcAction())) {
            return;
        }
        long used = 0;
        for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
            if (heapPools.contains(pool.getKey())) {
                used += pool.getValue().getUsed();
            }
        }
        peak.accumulateAndGet(used, Math::max);
        fullGcs.incrementAndGet();
    }
}
