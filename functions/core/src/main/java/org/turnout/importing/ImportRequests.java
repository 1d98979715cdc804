package org.turnout.importing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.turnout.aws.AwsClients;
import org.turnout.problem.FieldErrors;
import org.turnout.problem.NotFoundException;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The API side of imports: a pre-signed URL to upload a file (with its options written first as
 * the sidecar the import reads), and the jobs with their counts.
 */
@Singleton
public record ImportRequests(AwsClients aws, ImportJobRepository jobs, PresignedUploads uploads, String bucket) {
    static final int LIST_LIMIT = 50;
    /** The names a contact file may have: a CSV file's, or an Excel workbook's. */
    static final Pattern CONTACT_FILE_NAME = Pattern.compile("[\\p{Alnum}._-]{1,100}\\.(csv|tsv|txt|xlsx)", Pattern.CASE_INSENSITIVE);
    /** Excel's own limit on a sheet's name. */
    static final int SHEET_NAME_MAX = 31;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    public ImportRequests(AwsClients aws, ImportJobRepository jobs, PresignedUploads uploads, ImportSettings settings) {
        this(aws, jobs, uploads, settings.bucket());
    }

    public UploadTicket requestUpload(String orgId, UploadRequest request) {
        FieldErrors errors = new FieldErrors();
        String fileName = PresignedUploads.fileName(errors, request.fileName(), CONTACT_FILE_NAME,
                "must be letters, digits, '.', '_' or '-', ending in .csv, .tsv, .txt or .xlsx");
        String sheet = errors.text("sheet", request.sheet(), false, SHEET_NAME_MAX);
        if (sheet != null && fileName != null && !fileName.toLowerCase(Locale.ROOT).endsWith(".xlsx")) {
            errors.add("sheet", "is only for an .xlsx file");
        }
        String consentSource = errors.text("consentSource", request.consentSource(), false, 100);
        Map<String, String> columns = request.columns() == null ? Map.of() : request.columns();
        columns.forEach((header, field) -> {
            if (!ImportOptions.IGNORE.equals(field) && ContactField.ofKey(field).isEmpty()) {
                errors.add("columns." + header, "must be one of " + fieldKeys() + " or ignore");
            }
        });
        errors.throwIfAny();

        String key = uploads.timestampedKey("imports/" + orgId, fileName);
        if (consentSource != null || !columns.isEmpty() || sheet != null) {
            writeSidecar(key, new ImportOptions(consentSource, columns, sheet));
        }
        return uploads.ticket(key);
    }

    public List<ImportJobView> list(String orgId) {
        return jobs.list(orgId, LIST_LIMIT).stream().map(ImportJobView::of).toList();
    }

    public ImportJobView get(String orgId, String importId) {
        return jobs.find(orgId, importId).map(ImportJobView::of)
                .orElseThrow(() -> new NotFoundException("no import " + importId));
    }

    private void writeSidecar(String key, ImportOptions options) {
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
