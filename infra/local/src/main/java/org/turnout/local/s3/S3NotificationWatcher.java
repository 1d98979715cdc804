package org.turnout.local.s3;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import org.turnout.local.LogText;
import org.turnout.local.s3.S3EventNotification.S3ObjectEvent;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * S3's event notifications for an emulator that sends none: lists each subscribed bucket under its
 * subscriptions' common prefix at a short interval, compares key, ETag and LastModified with the previous
 * listing, and for each object created or overwritten since (and each one removed) hands the subscriptions
 * that match it the notification S3 would have sent. What is in the bucket when it starts was not created.
 *
 * <p>S3 itself cannot tell this watcher how an object was created, so a creation is {@code ObjectCreated:Put},
 * or {@code ObjectCreated:CompleteMultipartUpload} when the ETag is a multipart one ({@code <md5>-<parts>}).
 *
 * <p>S3Proxy's filesystem store writes an upload to {@code <key>-<random UUID>} and renames it to its key once
 * complete, and its listings show that file meanwhile. A key of that form is therefore only taken for an object
 * once it has stayed as it is for {@link #UPLOAD_IN_PROGRESS_GRACE}; the upload's file is gone by then.
 */
public final class S3NotificationWatcher implements AutoCloseable {

    /** Short enough that an upload reaches its function well within 2 seconds, long enough to cost nothing. */
    public static final Duration POLL_INTERVAL = Duration.ofMillis(500);

    /** Gets each event for each subscription it matches, with the notification's JSON. */
    @FunctionalInterface
    public interface Delivery {
        void deliver(S3Subscription subscription, S3ObjectEvent event, byte[] notification);
    }

    /**
     * When the emulator last wrote an object, more precisely than its API's LastModified (S3Proxy's is to the
     * second), if known; S3 stamps events to the millisecond.
     */
    @FunctionalInterface
    public interface ObjectClock {
        Optional<Instant> lastModified(String bucket, String key);
    }

    /** How long a key that looks like an upload in progress must stay unchanged to be an object. */
    static final Duration UPLOAD_IN_PROGRESS_GRACE = Duration.ofSeconds(2);

    private static final Pattern MULTIPART_ETAG = Pattern.compile("[0-9a-fA-F]{32}-\\d+");
    private static final Pattern UPLOAD_IN_PROGRESS = Pattern.compile(
            ".+-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private record Seen(String eTag, Instant lastModified, long size) {
    }

    private record Unsettled(Seen object, Instant since) {
    }

    /** One bucket, listed under the longest prefix its subscriptions share. */
    private static final class Watch {
        final String bucket;
        final String prefix;
        final List<S3Subscription> subscriptions;
        Map<String, Seen> seen = Map.of();
        /** Keys that look like uploads in progress, as they were when first seen so, and since when. */
        Map<String, Unsettled> unsettled = new HashMap<>();
        String lastError;

        Watch(String bucket, List<S3Subscription> subscriptions) {
            this.bucket = bucket;
            this.subscriptions = subscriptions;
            this.prefix = commonPrefix(subscriptions.stream().map(S3Subscription::prefix).toList());
        }
    }

    private final S3Client s3;
    private final ObjectClock clock;
    private final String region;
    private final Delivery delivery;
    private final Consumer<String> log;
    private final Duration interval;
    private final List<Watch> watches = new ArrayList<>();
    private final ScheduledExecutorService poller;
    private long sequence;

    public S3NotificationWatcher(S3Client s3, List<S3Subscription> subscriptions, ObjectClock clock, String region,
                                 Delivery delivery, Consumer<String> log, Duration interval) {
        this.s3 = s3;
        this.clock = clock;
        this.region = region;
        this.delivery = delivery;
        this.log = log;
        this.interval = interval;
        Map<String, List<S3Subscription>> byBucket = new LinkedHashMap<>();
        subscriptions.stream().filter(S3Subscription::isEmulated)
                .forEach(subscription -> byBucket.computeIfAbsent(subscription.bucket(), bucket -> new ArrayList<>()).add(subscription));
        byBucket.forEach((bucket, subscribed) -> watches.add(new Watch(bucket, List.copyOf(subscribed))));
        this.poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "s3-notifications");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Lists what is there now (no events for it), then watches for changes. */
    public S3NotificationWatcher start() {
        for (Watch watch : watches) {
            list(watch).ifPresent(objects -> {
                Instant settled = Instant.now().minus(UPLOAD_IN_PROGRESS_GRACE);
                objects.entrySet().removeIf(object -> looksInProgress(object.getKey())
                        && object.getValue().lastModified().isAfter(settled));
                watch.seen = objects;
            });
        }
        poller.scheduleWithFixedDelay(this::pollSafely, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    @Override
    public void close() {
        poller.shutdownNow();
        try {
            poller.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void pollSafely() {
        try {
            poll();
        } catch (RuntimeException e) {
            log.accept("watching the buckets failed: " + LogText.escape(e.toString()));
        }
    }

    private void poll() {
        for (Watch watch : watches) {
            Optional<Map<String, Seen>> listed = list(watch);
            if (listed.isEmpty()) {
                continue;
            }
            Map<String, Seen> now = listed.get();
            Instant time = Instant.now();
            watch.unsettled.keySet().retainAll(now.keySet());
            for (var iterator = now.entrySet().iterator(); iterator.hasNext(); ) {
                var entry = iterator.next();
                String key = entry.getKey();
                Seen object = entry.getValue();
                Seen before = watch.seen.get(key);
                if (before != null && before.equals(object)) {
                    continue;
                }
                if (looksInProgress(key)) {
                    Unsettled unsettled = watch.unsettled.get(key);
                    if (unsettled == null || !unsettled.object().equals(object)) {
                        unsettled = new Unsettled(object, time);
                        watch.unsettled.put(key, unsettled);
                    }
                    if (Duration.between(unsettled.since(), time).compareTo(UPLOAD_IN_PROGRESS_GRACE) < 0) {
                        // not an object yet: left as it was, to be looked at again
                        if (before == null) {
                            iterator.remove();
                        } else {
                            entry.setValue(before);
                        }
                        continue;
                    }
                    watch.unsettled.remove(key);
                }
                boolean multipart = MULTIPART_ETAG.matcher(object.eTag()).matches();
                emit(watch, new S3ObjectEvent(multipart ? "ObjectCreated:CompleteMultipartUpload" : "ObjectCreated:Put",
                        watch.bucket, key, object.size(), object.eTag(), object.lastModified(),
                        S3EventNotification.sequencer(object.lastModified(), ++sequence)));
            }
            watch.seen.keySet().stream().filter(key -> !now.containsKey(key)).sorted().forEach(key -> {
                Instant removed = Instant.now();
                emit(watch, new S3ObjectEvent("ObjectRemoved:Delete", watch.bucket, key, null, null, removed,
                        S3EventNotification.sequencer(removed, ++sequence)));
            });
            watch.seen = now;
        }
    }

    private void emit(Watch watch, S3ObjectEvent event) {
        for (S3Subscription subscription : watch.subscriptions) {
            if (subscription.matchesKey(event.key()) && subscription.accepts(event.eventName())) {
                byte[] notification = S3EventNotification.of(event, subscription, region).toString()
                        .getBytes(StandardCharsets.UTF_8);
                try {
                    delivery.deliver(subscription, event, notification);
                } catch (RuntimeException e) {
                    log.accept(event.eventName() + " s3://" + watch.bucket + "/" + LogText.escape(event.key())
                            + " could not reach " + subscription.functionLogicalId() + ": " + LogText.escape(e.getMessage()));
                }
            }
        }
    }

    /** The objects under the watch's prefix, or nothing when the bucket cannot be listed (said once per new error). */
    private Optional<Map<String, Seen>> list(Watch watch) {
        Map<String, Seen> objects = new HashMap<>();
        try {
            for (S3Object object : s3.listObjectsV2Paginator(request -> request.bucket(watch.bucket).prefix(watch.prefix))
                    .contents()) {
                objects.put(object.key(), new Seen(unquoted(object.eTag()),
                        precise(watch.bucket, object.key(), object.lastModified(), watch.seen.get(object.key())), object.size()));
            }
        } catch (SdkException e) {
            String error = e.getMessage();
            if (!Objects.equals(error, watch.lastError)) {
                log.accept("cannot list s3://" + watch.bucket + "/" + watch.prefix + " for its notifications: "
                        + LogText.escape(error));
            }
            watch.lastError = error;
            return Optional.empty();
        }
        watch.lastError = null;
        // in key order, as S3 lists them, so that events of one listing go out in a stable order
        Map<String, Seen> sorted = new LinkedHashMap<>();
        objects.keySet().stream().sorted().forEach(key -> sorted.put(key, objects.get(key)));
        return Optional.of(sorted);
    }

    /**
     * The emulator's own time of the object when it agrees with the listing's, to the millisecond. An object removed
     * between the listing and now has no time of its own any more: the one seen before, if the listing agrees, so
     * that a removal under way is not taken for an overwrite.
     */
    private Instant precise(String bucket, String key, Instant listed, Seen before) {
        Instant seconds = listed.truncatedTo(ChronoUnit.SECONDS);
        Optional<Instant> own = clock.lastModified(bucket, key).map(time -> time.truncatedTo(ChronoUnit.MILLIS));
        if (own.isEmpty() && before != null) {
            own = Optional.of(before.lastModified());
        }
        return own.filter(time -> time.truncatedTo(ChronoUnit.SECONDS).equals(seconds))
                .orElse(listed.truncatedTo(ChronoUnit.MILLIS));
    }

    private static boolean looksInProgress(String key) {
        return UPLOAD_IN_PROGRESS.matcher(key).matches();
    }

    private static String unquoted(String eTag) {
        return eTag == null ? "" : eTag.replace("\"", "");
    }

    static String commonPrefix(List<String> prefixes) {
        if (prefixes.isEmpty()) {
            return "";
        }
        String common = prefixes.get(0);
        for (String prefix : prefixes) {
            int i = 0;
            while (i < common.length() && i < prefix.length() && common.charAt(i) == prefix.charAt(i)) {
                i++;
            }
            common = common.substring(0, i);
        }
        return common;
    }
}
