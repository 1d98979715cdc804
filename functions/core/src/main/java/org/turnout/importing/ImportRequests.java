package org.turnout.importing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Optional;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.turnout.aws.AwsClients;
import org.turnout.problem.FieldErrors;
import org.turnout.problem.InvalidInputException;
import org.turnout.problem.NotFoundException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The API and console side of imports: a pre-signed URL to upload a file (with its options written first as
 * the sidecar the import reads), or to stage one, preview its first rows and then import it; the jobs with their
 * counts, and their reports.
 */
@Singleton
public record ImportRequests(AwsClients aws, ImportJobRepository jobs, PresignedUploads uploads, CsvSource csv, String bucket) {
    static final int LIST_LIMIT = 50;
    /** The names a contact file may have: a CSV file's, or an Excel workbook's. */
    static final Pattern CONTACT_FILE_NAME = Pattern.compile("[\\p{Alnum}._-]{1,100}\\.(csv|tsv|txt|xlsx)", Pattern.CASE_INSENSITIVE);
    static final String CONTACT_FILE_NAME_RULE = "must be letters, digits, '.', '_' or '-', ending in .csv, .tsv, .txt or .xlsx";
    /** A staged file's name: the upload's time, then the file's own name. */
    static final Pattern STAGED_NAME = Pattern.compile("\\d{8}T\\d{6}-" + CONTACT_FILE_NAME.pattern(), Pattern.CASE_INSENSITIVE);
    static final String IMPORTS = "imports";
    /** Where files wait to be looked at before they are imported; nothing is started by a file landing there. */
    static final String STAGING = "staging";
    /** Excel's own limit on a sheet's name. */
    static final int SHEET_NAME_MAX = 31;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    public ImportRequests(AwsClients aws, ImportJobRepository jobs, PresignedUploads uploads, CsvSource csv, ImportSettings settings) {
        this(aws, jobs, uploads, csv, settings.bucket());
    }

    public UploadTicket requestUpload(String orgId, UploadRequest request) {
        FieldErrors errors = new FieldErrors();
        String fileName = PresignedUploads.fileName(errors, request.fileName(), CONTACT_FILE_NAME, CONTACT_FILE_NAME_RULE);
        ImportOptions options = options(errors, fileName, request);
        errors.throwIfAny();

        String key = uploads.timestampedKey(IMPORTS + "/" + orgId, fileName);
        writeSidecar(key, options);
        return uploads.ticket(key);
    }

    /**
     * Where to upload a file to look at before it is imported: under {@code staging/{org}/}, which starts nothing;
     * {@link #preview} reads its first rows, {@link #start} imports it.
     */
    public UploadTicket requestStagedUpload(String orgId, String fileName) {
        FieldErrors errors = new FieldErrors();
        String name = PresignedUploads.fileName(errors, fileName, CONTACT_FILE_NAME, CONTACT_FILE_NAME_RULE);
        errors.throwIfAny();
        return uploads.ticket(uploads.timestampedKey(STAGING + "/" + orgId, name));
    }

    /** The first rows of a staged file as the import would read them with these choices (the request's file name aside). */
    public ImportPreview preview(String orgId, String stagedKey, UploadRequest choices) {
        String key = stagedKey(orgId, stagedKey);
        ImportOptions options = validOptions(key, choices);
        try (CsvSource.Download download = csv.download(bucket, key, 0)) {
            return ImportPreview.of(download, options);
        } catch (NoSuchKeyException e) {
            throw new NotFoundException("no uploaded file " + key);
        }
    }

    /**
     * Imports a staged file with these choices: its options written as the sidecar, then the file copied under
     * {@code imports/{org}/}, where its landing starts the import as an upload's does.
     *
     * @return the key the import reads, by which {@link #findByKey} finds its job
     */
    public String start(String orgId, String stagedKey, UploadRequest choices) {
        String key = stagedKey(orgId, stagedKey);
        ImportOptions options = validOptions(key, choices);
        String importKey = IMPORTS + "/" + orgId + key.substring(key.lastIndexOf('/'));
        writeSidecar(importKey, options);
        try {
            aws.s3().copyObject(b -> b.sourceBucket(bucket).sourceKey(key).destinationBucket(bucket).destinationKey(importKey));
        } catch (NoSuchKeyException e) {
            throw new NotFoundException("no uploaded file " + key);
        }
        return importKey;
    }

    /** The job of the file under this key, once its import has begun. */
    public Optional<ImportJobView> findByKey(String orgId, String key) {
        return jobs.list(orgId, LIST_LIMIT).stream().filter(job -> key.equals(job.objectKey())).findFirst().map(ImportJobView::of);
    }

    /** The import's report (CSV), once the import is done; {@link NotFoundException} before, or once it expired. */
    public InputStream report(String orgId, String importId) {
        ImportJobView job = get(orgId, importId);
        if (job.report() == null) {
            throw new NotFoundException("no report yet for import " + importId);
        }
        try {
            return aws.s3().getObject(b -> b.bucket(bucket).key(job.report()));
        } catch (NoSuchKeyException e) {
            throw new NotFoundException("the report of import " + importId + " has expired");
        }
    }

    public List<ImportJobView> list(String orgId) {
        return jobs.list(orgId, LIST_LIMIT).stream().map(ImportJobView::of).toList();
    }

    public ImportJobView get(String orgId, String importId) {
        return jobs.find(orgId, importId).map(ImportJobView::of)
                .orElseThrow(() -> new NotFoundException("no import " + importId));
    }

    /** The key of a file staged for this organisation, or an error naming the field {@code key}. */
    private static String stagedKey(String orgId, String key) {
        String prefix = STAGING + "/" + orgId + "/";
        if (key == null || !key.startsWith(prefix) || !STAGED_NAME.matcher(key.substring(prefix.length())).matches()) {
            throw InvalidInputException.of("key", "must be the key of a file uploaded for this organisation's preview");
        }
        return key;
    }

    private static ImportOptions validOptions(String key, UploadRequest choices) {
        FieldErrors errors = new FieldErrors();
        ImportOptions options = options(errors, key, choices == null ? new UploadRequest(null, null, null) : choices);
        errors.throwIfAny();
        return options;
    }

    /** What staff say about the file, each value checked, every error naming its field. */
    private static ImportOptions options(FieldErrors errors, String fileName, UploadRequest request) {
        boolean workbook = fileName != null && fileName.toLowerCase(Locale.ROOT).endsWith(".xlsx");
        String sheet = errors.text("sheet", request.sheet(), false, SHEET_NAME_MAX);
        if (sheet != null && fileName != null && !workbook) {
            errors.add("sheet", "is only for an .xlsx file");
        }
        String consentSource = errors.text("consentSource", request.consentSource(), false, 100);
        Map<String, String> columns = request.columns() == null ? Map.of() : request.columns();
        columns.forEach((header, field) -> {
            if (!ImportOptions.IGNORE.equals(field) && ContactField.ofKey(field).isEmpty()) {
                errors.add("columns." + header, "must be one of " + fieldKeys() + " or ignore");
            }
        });
        String delimiter = blankToNull(request.delimiter());
        if (delimiter != null && CsvDialect.delimiterOf(delimiter).isEmpty()) {
            errors.add("delimiter", "must be one of " + String.join(" ", CsvDialect.DELIMITER_CHOICES));
        }
        String encoding = blankToNull(request.encoding());
        if (encoding != null && CsvDialect.encodingOf(encoding).isEmpty()) {
            errors.add("encoding", "must be one of " + String.join(", ", CsvDialect.ENCODINGS.stream().map(Charset::name).toList()));
        }
        if ((delimiter != null || encoding != null) && workbook) {
            errors.add(delimiter != null ? "delimiter" : "encoding", "is only for a CSV file");
        }
        return new ImportOptions(consentSource, columns, sheet, delimiter, encoding);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** Writes the options beside the file's key, where the import reads them; nothing when there is nothing to say. */
    private void writeSidecar(String key, ImportOptions options) {
        if (options.equals(ImportOptions.NONE)) {
            return;
        }
        try {
            aws.s3().putObject(b -> b.bucket(bucket).key(key + ImportSource.SIDECAR_SUFFIX).contentType("application/json"),
                    RequestBody.fromBytes(JSON.writeValueAsBytes(options)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the import options", e);
        }
    }

    private static String fieldKeys() {
        return String.join(", ", java.util.Arrays.stream(ContactField.values()).map(ContactField::key).toList());
    }
}
