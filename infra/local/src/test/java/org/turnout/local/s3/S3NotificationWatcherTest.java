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
    void aNewObjectIsNotifiedWithinASecondAndWhatWasThereBeforeIsNot() throws Exception {
        put(folder + "before.csv", "a;b\n");
        watch(new S3Subscription("ImportFunction", "Upload", bucket, List.of("s3:ObjectCreated:*"), folder, ""));

        String etag = put(folder + "liste bénévoles.csv", "Prénom;Courriel\n");
        Instant written = Instant.now();

        Delivered event = await(d -> d.key().endsWith("liste+b%C3%A9n%C3%A9voles.csv"));
        assertThat(Duration.between(written, event.at())).isLessThan(Duration.ofSeconds(1));
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
        assertThat(Duration.between(eventTime, written).abs()).isLessThan(Duration.ofSeconds(1));

        Thread.sleep(800);
        assertThat(delivered).as("one event per upload, none for the object that was there before").hasSize(1);
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
        Thread.sleep(800);

        assertThat(delivered).hasSize(2);
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
        Thread.sleep(500);
        assertThat(delivered).hasSize(1);
    }

    @Test
    void theEmulatorsFileOfAnUploadInProgressIsNoObjectUnlessItStays() throws Exception {
        watch(new S3Subscription("ImportFunction", "Upload", bucket, List.of("s3:ObjectCreated:*", "s3:ObjectRemoved:*"),
                folder, ""));
        // S3Proxy writes an upload to <key>-<UUID>, then renames it to <key>
        String inProgress = folder + "big.csv-" + UUID.randomUUID();
        String kept = folder + "named-like-one-" + UUID.randomUUID();

        put(inProgress, "half of it");
        put(kept, "a real object");
        Thread.sleep(300);
        s3.deleteObject(request -> request.bucket(bucket).key(inProgress));
        put(folder + "big.csv", "all of it");

        Delivered complete = await(d -> d.key().equals(folder + "big.csv"));
        Delivered late = await(d -> d.key().equals(kept));
        assertThat(Duration.between(complete.at(), late.at())).isGreaterThan(Duration.ofSeconds(1));
        Thread.sleep(300);
        assertThat(delivered).extracting(Delivered::key).containsExactlyInAnyOrder(folder + "big.csv", kept);
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

    private Delivered await(Predicate<Delivered> wanted) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5_000;
        while (System.currentTimeMillis() < deadline) {
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
