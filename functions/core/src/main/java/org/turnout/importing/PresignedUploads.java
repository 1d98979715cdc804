package org.turnout.importing;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;
import org.turnout.aws.AwsClients;
import org.turnout.problem.FieldErrors;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

/**
 * The one way staff are given somewhere to upload a file (contacts, election results, addresses):
 * the file's name checked (it becomes part of the key), and a pre-signed PUT to that key in the
 * bucket, valid for {@link #VALIDITY}. The function that signs needs {@code s3:PutObject} on the key.
 */
@Singleton
public record PresignedUploads(AwsClients aws, Clock clock, String bucket) {
    public static final Duration VALIDITY = Duration.ofMinutes(15);
    /** The names a CSV file may have. */
    public static final Pattern CSV_FILE_NAME = Pattern.compile("[\\p{Alnum}._-]{1,100}\\.(csv|tsv|txt)", Pattern.CASE_INSENSITIVE);
    public static final String CSV_FILE_NAME_RULE = "must be letters, digits, '.', '_' or '-', ending in .csv, .tsv or .txt";
    private static final DateTimeFormatter UPLOAD_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);

    @Inject
    public PresignedUploads(AwsClients aws, Clock clock, ImportSettings settings) {
        this(aws, clock, settings.bucket());
    }

    /** The request's {@code fileName}, required and matching {@code allowed}, or an error naming the field. */
    public static String fileName(FieldErrors errors, String fileName, Pattern allowed, String rule) {
        String name = errors.text("fileName", fileName, true, 104);
        if (name != null && !allowed.matcher(name).matches()) {
            errors.add("fileName", rule);
        }
        return name;
    }

    /** {@code folder/20260316T080000-name.csv}: a new key for each upload, in upload order. */
    public String timestampedKey(String folder, String fileName) {
        return folder + "/" + UPLOAD_TIME.format(clock.instant()) + "-" + fileName;
    }

    /**
     * The origin ({@code https://bucket.s3.region.amazonaws.com}, locally the S3 endpoint) the pre-signed URLs go
     * to, which a page that uploads through them must let the browser connect to.
     */
    public String origin() {
        URI uri = URI.create(ticket("origin").uploadUrl());
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }

    /**
     * Somewhere to upload one CSV file under {@code folder/}, its key stamped with the time; a name that is not a
     * CSV file's is refused, naming the field {@code fileName}.
     */
    public UploadTicket csvTicket(String folder, String fileName) {
        FieldErrors errors = new FieldErrors();
        String name = fileName(errors, fileName, CSV_FILE_NAME, CSV_FILE_NAME_RULE);
        errors.throwIfAny();
        return ticket(timestampedKey(folder, name));
    }

    /** Where and until when to PUT the file of this key. */
    public UploadTicket ticket(String key) {
        Instant now = clock.instant();
        PresignedPutObjectRequest presigned = aws.s3Presigner().presignPutObject(p -> p
                .signatureDuration(VALIDITY)
                .putObjectRequest(o -> o.bucket(bucket).key(key)));
        return new UploadTicket("PUT", presigned.url().toString(), key, now.plus(VALIDITY));
    }
}
