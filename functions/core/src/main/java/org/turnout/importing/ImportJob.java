package org.turnout.importing;

import static org.turnout.store.ItemSchemas.attribute;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.time.Instant;
import java.util.Map;
import org.turnout.store.ItemSchemas;
import org.turnout.store.Keys;
import org.turnout.store.OrganisationItem;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/**
 * An import job: {@code ORG#o / IMPORT#<importId>}. Its id sorts by time, so a descending query
 * lists the newest first. It holds the counts while it runs and its {@link ImportProgress} (the
 * checkpoint to resume from, the rows read up to it, and the lease of the invocation working on
 * it), whose attributes are at the top of the item, beside the number of the next record.
 *
 * @param warnings Values left out of imported rows (a bad tag, an unreadable phone number).
 * @param nextRecord The records of the file done before the checkpoint, rejected ones included (a workbook's data rows).
 * @param progress How far the file is read, the rows read up to there, and the lease.
 * @param delimiter The delimiter staff chose for a CSV file, over the one told from it (null: told from it).
 * @param encoding The encoding staff chose for a CSV file, over the one told from it (null: told from it).
 */
@RecordBuilder
public record ImportJob(
        String orgId, Long version, String importId, String status, String failure, String bucket, String objectKey,
        String etag, Long size, String consentSource, Map<String, String> columns, Long created, Long updated,
        Long duplicates, Long rejected, Long warnings, Long nextRecord, String format, String sheet, String delimiter, String encoding, String reportKey,
        Instant createdAt, Instant updatedAt, Instant finishedAt, ImportProgress progress)
        implements FileImportItem, ImportJobBuilder.With {
    public static final String TYPE = "import";

    /** The format of an Excel workbook; a job without a format reads CSV. */
    public static final String XLSX = "xlsx";

    public static final String IMPORT_ID = "importId";
    public static final String BUCKET = "bucket";
    public static final String ETAG = "etag";
    public static final String SIZE = "size";
    public static final String CONSENT_SOURCE = "consentSource";
    public static final String COLUMNS = "columns";
    public static final String CREATED = "created";
    public static final String UPDATED = "updated";
    public static final String DUPLICATES = "duplicates";
    public static final String REJECTED = "rejected";
    public static final String WARNINGS = "warnings";
    public static final String NEXT_RECORD = "nextRecord";
    public static final String FORMAT = "format";
    public static final String SHEET = "sheet";
    /** Not "delimiter": the progress, flattened into the same item, has the delimiter read with. */
    public static final String CHOSEN_DELIMITER = "chosenDelimiter";
    public static final String CHOSEN_ENCODING = "chosenEncoding";
    public static final String REPORT_KEY = "reportKey";
    public static final String CREATED_AT = "createdAt";
    public static final String UPDATED_AT = "updatedAt";

    public static final TableSchema<ImportJob> SCHEMA =
            FileImportItem.attributes(
                            OrganisationItem.schema(ImportJob.class, ImportJobBuilder.class, ImportJobBuilder::builder, ImportJobBuilder::build,
                                    ImportJobBuilder::orgId, ImportJobBuilder::version),
                            new FileImportItem.Setters<>(ImportJobBuilder::objectKey, ImportJobBuilder::status,
                                    ImportJobBuilder::failure, ImportJobBuilder::finishedAt))
                    .addAttribute(String.class, attribute(IMPORT_ID, ImportJob::importId, ImportJobBuilder::importId))
                    .addAttribute(String.class, attribute(BUCKET, ImportJob::bucket, ImportJobBuilder::bucket))
                    .addAttribute(String.class, attribute(ETAG, ImportJob::etag, ImportJobBuilder::etag))
                    .addAttribute(Long.class, attribute(SIZE, ImportJob::size, ImportJobBuilder::size))
                    .addAttribute(String.class, attribute(CONSENT_SOURCE, ImportJob::consentSource, ImportJobBuilder::consentSource))
                    .addAttribute(EnhancedType.mapOf(String.class, String.class), attribute(COLUMNS, ImportJob::columns, ImportJobBuilder::columns))
                    .addAttribute(Long.class, attribute(CREATED, ImportJob::created, ImportJobBuilder::created))
                    .addAttribute(Long.class, attribute(UPDATED, ImportJob::updated, ImportJobBuilder::updated))
                    .addAttribute(Long.class, attribute(DUPLICATES, ImportJob::duplicates, ImportJobBuilder::duplicates))
                    .addAttribute(Long.class, attribute(REJECTED, ImportJob::rejected, ImportJobBuilder::rejected))
                    .addAttribute(Long.class, attribute(WARNINGS, ImportJob::warnings, ImportJobBuilder::warnings))
                    .addAttribute(Long.class, attribute(NEXT_RECORD, ImportJob::nextRecord, ImportJobBuilder::nextRecord))
                    .addAttribute(String.class, attribute(FORMAT, ImportJob::format, ImportJobBuilder::format))
                    .addAttribute(String.class, attribute(SHEET, ImportJob::sheet, ImportJobBuilder::sheet))
                    .addAttribute(String.class, attribute(CHOSEN_DELIMITER, ImportJob::delimiter, ImportJobBuilder::delimiter))
                    .addAttribute(String.class, attribute(CHOSEN_ENCODING, ImportJob::encoding, ImportJobBuilder::encoding))
                    .addAttribute(String.class, attribute(REPORT_KEY, ImportJob::reportKey, ImportJobBuilder::reportKey))
                    .addAttribute(Instant.class, attribute(CREATED_AT, ImportJob::createdAt, ImportJobBuilder::createdAt))
                    .addAttribute(Instant.class, attribute(UPDATED_AT, ImportJob::updatedAt, ImportJobBuilder::updatedAt))
                    .flatten(ImportProgress.SCHEMA, ImportJob::progress, ImportJobBuilder::progress)
                    .build();

    public ImportJob {
        columns = ItemSchemas.copy(columns);
        progress = progress == null ? ImportProgress.NONE : progress;
    }

    /** Adds one window's counts; the rows go to the progress, saved with the next checkpoint. */
    public ImportJob counted(ImportCounts counts) {
        return with().created(plus(created, counts.created())).updated(plus(updated, counts.updated()))
                .duplicates(plus(duplicates, counts.duplicates())).rejected(plus(rejected, counts.rejected()))
                .warnings(plus(warnings, counts.warnings()))
                .progress(progress.with().rows(plus(progress.rows(), counts.rows())).build()).build();
    }

    private static long plus(Long a, long b) {
        return (a == null ? 0 : a) + b;
    }

    /** What staff said about the file when they uploaded it. */
    public ImportOptions options() {
        return new ImportOptions(consentSource, columns, sheet, delimiter, encoding);
    }

    /** The rows read up to the checkpoint. */
    public Long rows() {
        return progress.rows();
    }

    @Override
    public String sk() {
        return Keys.importJobSk(importId);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
