package org.turnout.local.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.turnout.local.LocalAwsStack;
import org.turnout.local.SharedLocalStack;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** The watcher on the S3 emulator: what S3 would notify, and only that. */
@ExtendWith(SharedLocalStack.class)
class S3NotificationWatcherTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** How long an event may take on a loaded machine: far above the 100 ms polling, so it only fails a watcher that missed it. */
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private record Delivered(S3Subscription subscription, JsonNode notification, Instant at) {
        JsonNode record() {
            return notification.path("Records").path(0);
        }

        String key() {
            return record().path("s3").path("object").path("key").asText();
        }
    }

    private final LocalAwsStack stack;
    private final S3Client s3;
    private final String bucket;
    private final String folder = "watch-" + UUID.randomUUID().toString().substring(0, 8) + "/";
    private final List<Delivered> delivered = Collections.synchronizedList(new ArrayList<>());
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private S3NotificationWatcher watcher;

    S3NotificationWatcherTest(LocalAwsStack stack) {
        this.stack = stack;
        this.s3 = stack.clients().s3();
        this.bucket = stack.resources().physicalName("Bucket");
    }

    @AfterEach
    void stop() {
        if (watcher != null) {
            watcher.close();
        }
    }

    @Test
    void aNewObjectIsNotifiedAndWhatWasThereBeforeIsNot() throws Exception {
        put(folder + "before.csv", "a;b\n");
        watch(new S3Subscription("ImportFunction", "Upload", bucket, List.of("s3:ObjectCreated:*"), folder, ""));

        Instant writing = Instant.now();
        String etag = put(folder + "liste bénévoles.csv", "Prénom;Courriel\n");
        Instant written = Instant.now();

        Delivered event = await(d -> d.key().endsWith("liste+b%C3%A9n%C3%A9voles.csv"));
        assertThat(event.at()).isAfterOrEqualTo(writing);
        JsonNode record = event.record();
        assertThat(record.path("eventName").asText()).isEqualTo("ObjectCreated:Put");
        assertThat(record.path("awsRegion").asText()).isEqualTo(LocalAwsStack.REGION);
        assertThat(record.path("s3").path("bucket").path("name").asText()).isEqualTo(bucket);
        assertThat(record.path("s3").path("configurationId").asText()).isEqualTo("turnout-local-ImportFunctionUpload");
        JsonNode object = record.path("s3").path("object");
        assertThat(object.path("key").asText()).isEqualTo(folder + "liste+b%C3%A9n%C3%A9voles.csv");
        assertThat(object.path("size").asLong()).isEqualTo("Prénom;Courriel\n".getBytes(StandardCharsets.UTF_8).length);
        assertThat(object.path("eTag").asText()).isEqualTo(etag.replace("\"", ""));
        Instant eventTime = Instant.parse(record.path("eventTime").asText());
        assertThat(eventTime).isEqualTo(stack.s3ObjectModified(bucket, folder + "liste bénévoles.csv").orElseThrow()
                .truncatedTo(ChronoUnit.MILLIS));
        // the emulator keeps modification times to the second
        assertThat(eventTime).isBetween(writing.truncatedTo(ChronoUnit.SECONDS), written);

        Delivered last = awaitTheWatcherPast(folder);
        assertThat(delivered).as("one event per upload, none for the object that was there before").containsExactly(event, last);
    }

    @Test
    void anOverwriteIsANewEventAndKeysOutsideTheFilterAreLeftAlone() throws Exception {
        watch(new S3Subscription("ImportFunction", "Upload", bucket, List.of("s3:ObjectCreated:Put"), folder + "in/", ".csv"));

        put(folder + "in/a.csv", "first");
        Delivered first = await(d -> d.key().equals(folder + "in/a.csv"));
        put(folder + "in/a.csv", "second, longer");
        Delivered second = await(d -> d != first && d.key().equals(folder + "in/a.csv"));
        put(folder + "in/a.txt", "not a csv");
        put(folder + "out/b.csv", "elsewhere");
        put(folder + "in.csv", "beside the folder");
        Delivered last = awaitTheWatcherPast(folder + "in/");

        assertThat(delivered).containsExactly(first, second, last);
        assertThat(second.record().path("s3").path("object").path("size").asLong()).isEqualTo(14);
        assertThat(second.record().path("s3").path("object").path("sequencer").asText())
                .isGreaterThan(first.record().path("s3").path("object").path("sequencer").asText());
    }

    @Test
    void removalsAreNotifiedToThoseWhoSubscribeToThem() throws Exception {
        put(folder + "old.csv", "x");
        watch(new S3Subscription("Cleaner", "Removed", bucket, List.of("s3:ObjectRemoved:*"), folder, ""),
                new S3Subscription("ImportFunction", "Upload", bucket, List.of("s3:ObjectCreated:*"), folder, ""));

        s3.deleteObject(request -> request.bucket(bucket).key(folder + "old.csv"));

        Delivered removal = await(d -> d.record().path("eventName").asText().equals("ObjectRemoved:Delete"));
        assertThat(removal.subscription().functionLogicalId()).isEqualTo("Cleaner");
        assertThat(removal.record().path("s3").path("object").has("eTag")).isFalse();
        Delivered last = awaitTheWatcherPast(folder);
        assertThat(delivered).as("the removal, to its subscriber only; the watcher said %s", log).containsExactly(removal, last);
        assertThat(last.subscription().functionLogicalId()).isEqualTo("ImportFunction");
    }

    @Test
    void theEmulatorsFileOfAnUploadInProgressIsNoObjectUnlessItStays() throws Exception {
        watch(new S3Subscription("ImportFunction", "Upload", bucket, List.of("s3:ObjectCreated:*", "s3:ObjectRemoved:*"),
                folder, ""));
        // S3Proxy writes an upload to <key>-<UUID>, then renames it to <key>
        String inProgress = folder + "big.csv-" + UUID.randomUUID();
        String kept = folder + "named-like-one-" + UUID.randomUUID();

        Instant keeping = Instant.now();
        put(inProgress, "half of it");
        put(kept, "a real object");
        Delivered seen = awaitTheWatcherPast(folder); // and so past the upload in progress, before it goes
        s3.deleteObject(request -> request.bucket(bucket).key(inProgress));
        put(folder + "big.csv", "all of it");

        await(d -> d.key().equals(folder + "big.csv"));
        Delivered late = await(d -> d.key().equals(kept));
        assertThat(Duration.between(keeping, late.at())).as("held for the grace of an upload in progress")
                .isGreaterThanOrEqualTo(S3NotificationWatcher.UPLOAD_IN_PROGRESS_GRACE);
        Delivered last = awaitTheWatcherPast(folder);
        assertThat(delivered).extracting(Delivered::key).containsExactlyInAnyOrder(seen.key(), folder + "big.csv", kept, last.key());
    }

    private void watch(S3Subscription... subscriptions) {
        watcher = new S3NotificationWatcher(s3, List.of(subscriptions), stack::s3ObjectModified, LocalAwsStack.REGION,
                (subscription, event, notification) -> {
                    try {
                        delivered.add(new Delivered(subscription, JSON.readTree(notification), Instant.now()));
                    } catch (java.io.IOException e) {
                        throw new IllegalStateException(e);
                    }
                }, log::add, Duration.ofMillis(100)).start();
    }

    private String put(String key, String content) {
        return s3.putObject(request -> request.bucket(bucket).key(key), RequestBody.fromString(content)).eTag();
    }

    /**
     * Puts one more object under {@code prefix} and waits for its event: the watcher lists a folder at once, so what
     * it would have notified of the objects before, it has by then.
     */
    private Delivered awaitTheWatcherPast(String prefix) throws InterruptedException {
        String marker = prefix + "zz-marker-" + UUID.randomUUID() + ".csv";
        put(marker, "marker");
        return await(d -> d.key().equals(marker));
    }

    private Delivered await(Predicate<Delivered> wanted) throws InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (Instant.now().isBefore(deadline)) {
            synchronized (delivered) {
                for (Delivered d : delivered) {
                    if (wanted.test(d)) {
                        return d;
                    }
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("No such event; delivered: " + delivered + "; log: " + log);
    }
}
