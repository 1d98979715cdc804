package org.turnout.local.s3;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The JSON document S3 sends a function for one object event (event structure version 2.1), with one record,
 * as in {@code events/s3-put-import.json}.
 */
public final class S3EventNotification {

    /** What the records name as the uploader and the bucket's owner: local stand-ins of AWS's ids. */
    static final String PRINCIPAL_ID = "AWS:AIDALOCALSTACKUSER";
    static final String OWNER_ID = "A000000000000LOCAL";
    static final String SOURCE_IP = "127.0.0.1";

    private static final DateTimeFormatter EVENT_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** An object as the event describes it; {@code size} and {@code eTag} (unquoted) are absent from removals. */
    public record S3ObjectEvent(String eventName, String bucket, String key, Long size, String eTag, Instant eventTime,
                                String sequencer) {
    }

    private S3EventNotification() {
    }

    public static ObjectNode of(S3ObjectEvent event, S3Subscription subscription, String region) {
        ObjectNode notification = JSON.createObjectNode();
        ObjectNode record = notification.putArray("Records").addObject();
        record.put("eventVersion", "2.1");
        record.put("eventSource", "aws:s3");
        record.put("awsRegion", region);
        record.put("eventTime", EVENT_TIME.format(event.eventTime()));
        record.put("eventName", event.eventName());
        record.putObject("userIdentity").put("principalId", PRINCIPAL_ID);
        record.putObject("requestParameters").put("sourceIPAddress", SOURCE_IP);
        ObjectNode response = record.putObject("responseElements");
        response.put("x-amz-request-id", HexFormat.of().withUpperCase().formatHex(random(8)));
        response.put("x-amz-id-2", Base64.getEncoder().encodeToString(random(48)));
        ObjectNode s3 = record.putObject("s3");
        s3.put("s3SchemaVersion", "1.0");
        s3.put("configurationId", subscription.configurationId());
        ObjectNode bucket = s3.putObject("bucket");
        bucket.put("name", event.bucket());
        bucket.putObject("ownerIdentity").put("principalId", OWNER_ID);
        bucket.put("arn", "arn:aws:s3:::" + event.bucket());
        ObjectNode object = s3.putObject("object");
        object.put("key", encodeKey(event.key()));
        if (event.size() != null) {
            object.put("size", event.size());
        }
        if (event.eTag() != null) {
            object.put("eTag", event.eTag());
        }
        object.put("sequencer", event.sequencer());
        return notification;
    }

    /**
     * The key as S3 writes it in notifications: form-URL-encoded (a space as {@code +}, other characters outside
     * {@code A-Z a-z 0-9 . - * _} as UTF-8 percent escapes), the {@code /} between folders left as it is.
     */
    public static String encodeKey(String key) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/");
    }

    /**
     * A sequencer that orders the events of one key as S3's do: fixed-width upper-case hex, growing with the
     * event's time and, within one millisecond, with {@code counter}.
     */
    public static String sequencer(Instant eventTime, long counter) {
        return String.format(Locale.ROOT, "%018X", (eventTime.toEpochMilli() << 16) | (counter & 0xFFFF));
    }

    private static byte[] random(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
