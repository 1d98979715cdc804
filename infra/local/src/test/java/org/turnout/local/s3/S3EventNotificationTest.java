package org.turnout.local.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

import org.turnout.local.RepositoryRoot;
import org.turnout.local.s3.S3EventNotification.S3ObjectEvent;

class S3EventNotificationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final S3Subscription UPLOADS = new S3Subscription("ImportFunction", "Upload", "bucket",
            List.of("s3:ObjectCreated:*"), "imports/", "");

    @Test
    void keysAreFormEncodedAsS3DoesTheirSlashesKept() {
        assertThat(S3EventNotification.encodeKey("imports/demo/liste bénévoles.csv"))
                .isEqualTo("imports/demo/liste+b%C3%A9n%C3%A9voles.csv");
        assertThat(S3EventNotification.encodeKey("a+b=c&d(1)~*._-")).isEqualTo("a%2Bb%3Dc%26d%281%29%7E*._-");
    }

    @Test
    void aNotificationHasTheSampleEventsShapeAndThisObjectsFacts() throws Exception {
        String sample = Files.readString(RepositoryRoot.locate().path().resolve("events/s3-put-import.json"))
                .replace("${SIZE}", "249");
        Instant lastModified = Instant.parse("2026-11-28T10:15:30.120Z");

        JsonNode event = S3EventNotification.of(new S3ObjectEvent("ObjectCreated:Put", "turnout-dev", "imports/demo/liste bénévoles.csv",
                249L, "5bdbb6e3e9f1873bc57aec2932291506", lastModified, S3EventNotification.sequencer(lastModified, 7)),
                UPLOADS, "eu-west-3");

        assertThat(paths(event)).isEqualTo(paths(JSON.readTree(sample)));
        JsonNode record = event.path("Records").path(0);
        assertThat(record.path("eventVersion").asText()).isEqualTo("2.1");
        assertThat(record.path("eventSource").asText()).isEqualTo("aws:s3");
        assertThat(record.path("awsRegion").asText()).isEqualTo("eu-west-3");
        assertThat(record.path("eventTime").asText()).as("always three decimals").isEqualTo("2026-11-28T10:15:30.120Z");
        assertThat(record.path("eventName").asText()).isEqualTo("ObjectCreated:Put");
        assertThat(record.path("responseElements").path("x-amz-request-id").asText()).matches("[0-9A-F]{16}");
        JsonNode s3 = record.path("s3");
        assertThat(s3.path("configurationId").asText()).isEqualTo("turnout-local-ImportFunctionUpload");
        assertThat(s3.path("bucket").path("name").asText()).isEqualTo("turnout-dev");
        assertThat(s3.path("bucket").path("arn").asText()).isEqualTo("arn:aws:s3:::turnout-dev");
        assertThat(s3.path("object").path("key").asText()).isEqualTo("imports/demo/liste+b%C3%A9n%C3%A9voles.csv");
        assertThat(s3.path("object").path("size").isIntegralNumber()).isTrue();
        assertThat(s3.path("object").path("size").asLong()).isEqualTo(249);
        assertThat(s3.path("object").path("eTag").asText()).isEqualTo("5bdbb6e3e9f1873bc57aec2932291506");
        assertThat(s3.path("object").path("sequencer").asText()).matches("[0-9A-F]{18}");
    }

    @Test
    void sequencersOfOneKeyGrowWithTimeAndOrder() {
        Instant t = Instant.parse("2026-11-28T10:15:30.120Z");
        List<String> sequencers = List.of(S3EventNotification.sequencer(t, 1), S3EventNotification.sequencer(t, 2),
                S3EventNotification.sequencer(t.plusMillis(1), 3));

        assertThat(new ArrayList<>(new TreeSet<>(sequencers))).isEqualTo(sequencers);
    }

    /** Every field's path, e.g. Records/s3/object/key. */
    private static TreeSet<String> paths(JsonNode node) {
        TreeSet<String> paths = new TreeSet<>();
        collect(node, "", paths);
        return paths;
    }

    private static void collect(JsonNode node, String at, TreeSet<String> paths) {
        if (node.isArray()) {
            node.forEach(item -> collect(item, at, paths));
        } else if (node.isObject()) {
            node.fields().forEachRemaining(field -> collect(field.getValue(), at + "/" + field.getKey(), paths));
        } else {
            paths.add(at);
        }
    }
}
