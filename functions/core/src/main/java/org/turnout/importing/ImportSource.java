package org.turnout.importing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A contact file that landed in the bucket, as its S3 event tells it.
 *
 * @param eventTime when S3 created the object; with its key and ETag it identifies the upload
 */
public record ImportSource(String bucket, String key, String etag, long size, Instant eventTime) {
    /** {@code imports/{org}/name.csv}; the organisation is the folder. */
    private static final Pattern KEY = Pattern.compile("imports/([a-z0-9][a-z0-9-]{1,39})/(.+)");
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    public static final String SIDECAR_SUFFIX = ".mapping.json";

    public Optional<String> orgId() {
        Matcher m = KEY.matcher(key);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    public boolean isSidecar() {
        return key.endsWith(SIDECAR_SUFFIX);
    }

    /**
     * The job's id: time-sortable, and the same for the same upload however often its event is
     * delivered, so a redelivery finds the job it already made.
     */
    public String importId() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((bucket + "/" + key + "#" + etag + "@" + eventTime).getBytes(StandardCharsets.UTF_8));
            return ID_TIME.format(eventTime) + "-" + HexFormat.of().formatHex(digest, 0, 5);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
