package org.turnout.importing;

import java.time.Instant;
import java.util.Map;
import org.turnout.store.Keys;
import org.turnout.store.OrganisationItem;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/**
 * An import job: {@code ORG#o / IMPORT#<importId>}. Its id sorts by time, so a descending query
 * lists the newest first. It holds the counts while it runs and its {@link ImportProgress} (the
 * checkpoint to resume from, the rows read up to it, and the lease of the invocation working on
 * it), whose attributes are at the top of the item, beside the number of the next record.
 */
public final class ImportJob implements OrganisationItem {
    public static final String TYPE = "import";
    public static final String RUNNING = "running";
    public static final String DONE = "done";
    public static final String FAILED = "failed";
    /** The format of an Excel workbook; a job without a format reads CSV. */
    public static final String XLSX = "xlsx";
    public static final String IMPORT_ID = "importId";
    public static final String STATUS = "status";
    public static final String FAILURE = "failure";
    public static final String BUCKET = "bucket";
    public static final String OBJECT_KEY = "objectKey";
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
    public static final String REPORT_KEY = "reportKey";
    public static final String CREATED_AT = "createdAt";
    public static final String UPDATED_AT = "updatedAt";
    public static final String FINISHED_AT = "finishedAt";

    public static final TableSchema<ImportJob> SCHEMA =
            OrganisationItem.schema(ImportJob.class, Builder.class, Builder::new, Builder::build)
                    .addAttribute(String.class, a -> a.name(IMPORT_ID).getter(ImportJob::importId).setter(Builder::importId))
                    .addAttribute(String.class, a -> a.name(STATUS).getter(ImportJob::status).setter(Builder::status))
                    .addAttribute(String.class, a -> a.name(FAILURE).getter(ImportJob::failure).setter(Builder::failure))
                    .addAttribute(String.class, a -> a.name(BUCKET).getter(ImportJob::bucket).setter(Builder::bucket))
                    .addAttribute(String.class, a -> a.name(OBJECT_KEY).getter(ImportJob::objectKey).setter(Builder::objectKey))
                    .addAttribute(String.class, a -> a.name(ETAG).getter(ImportJob::etag).setter(Builder::etag))
                    .addAttribute(Long.class, a -> a.name(SIZE).getter(ImportJob::size).setter(Builder::size))
                    .addAttribute(String.class, a -> a.name(CONSENT_SOURCE).getter(ImportJob::consentSource).setter(Builder::consentSource))
                    .addAttribute(EnhancedType.mapOf(String.class, String.class), a -> a.name(COLUMNS).getter(ImportJob::columns).setter(Builder::columns))
                    .addAttribute(Long.class, a -> a.name(CREATED).getter(ImportJob::created).setter(Builder::created))
                    .addAttribute(Long.class, a -> a.name(UPDATED).getter(ImportJob::updated).setter(Builder::updated))
                    .addAttribute(Long.class, a -> a.name(DUPLICATES).getter(ImportJob::duplicates).setter(Builder::duplicates))
                    .addAttribute(Long.class, a -> a.name(REJECTED).getter(ImportJob::rejected).setter(Builder::rejected))
                    .addAttribute(Long.class, a -> a.name(WARNINGS).getter(ImportJob::warnings).setter(Builder::warnings))
                    .addAttribute(Long.class, a -> a.name(NEXT_RECORD).getter(ImportJob::nextRecord).setter(Builder::nextRecord))
                    .addAttribute(String.class, a -> a.name(FORMAT).getter(ImportJob::format).setter(Builder::format))
                    .addAttribute(String.class, a -> a.name(SHEET).getter(ImportJob::sheet).setter(Builder::sheet))
                    .addAttribute(String.class, a -> a.name(REPORT_KEY).getter(ImportJob::reportKey).setter(Builder::reportKey))
                    .addAttribute(Instant.class, a -> a.name(CREATED_AT).getter(ImportJob::createdAt).setter(Builder::createdAt))
                    .addAttribute(Instant.class, a -> a.name(UPDATED_AT).getter(ImportJob::updatedAt).setter(Builder::updatedAt))
                    .addAttribute(Instant.class, a -> a.name(FINISHED_AT).getter(ImportJob::finishedAt).setter(Builder::finishedAt))
                    .flatten(ImportProgress.SCHEMA, ImportJob::progress, Builder::progress)
                    .build();

    private final String orgId;
    private final Long version;
    private final String importId;
    private final String status;
    private final String failure;
    private final String bucket;
    private final String objectKey;
    private final String etag;
    private final Long size;
    private final String consentSource;
    private final Map<String, String> columns;
    private final Long created;
    private final Long updated;
    private final Long duplicates;
    private final Long rejected;
    private final Long warnings;
    private final Long nextRecord;
    private final String format;
    private final String sheet;
    private final String reportKey;
    private final Instant createdAt;
    private final Instant updatedAt;
    private final Instant finishedAt;
    private final ImportProgress progress;

    private ImportJob(Builder builder) {
        this.orgId = builder.orgId();
        this.version = builder.version();
        this.importId = builder.importId;
        this.status = builder.status;
        this.failure = builder.failure;
        this.bucket = builder.bucket;
        this.objectKey = builder.objectKey;
        this.etag = builder.etag;
        this.size = builder.size;
        this.consentSource = builder.consentSource;
        this.columns = builder.columns;
        this.created = builder.created;
        this.updated = builder.updated;
        this.duplicates = builder.duplicates;
        this.rejected = builder.rejected;
        this.warnings = builder.warnings;
        this.nextRecord = builder.nextRecord;
        this.format = builder.format;
        this.sheet = builder.sheet;
        this.reportKey = builder.reportKey;
        this.createdAt = builder.createdAt;
        this.updatedAt = builder.updatedAt;
        this.finishedAt = builder.finishedAt;
        this.progress = builder.progress == null ? ImportProgress.NONE : builder.progress;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().orgId(orgId).version(version).importId(importId).status(status).failure(failure).bucket(bucket).objectKey(objectKey).etag(etag).size(size).consentSource(consentSource).columns(columns).created(created).updated(updated).duplicates(duplicates).rejected(rejected).warnings(warnings).nextRecord(nextRecord).format(format).sheet(sheet).reportKey(reportKey).createdAt(createdAt).updatedAt(updatedAt).finishedAt(finishedAt).progress(progress);
    }

    /** The same item at another version: what a write that succeeded stored. */
    public ImportJob withVersion(Long version) {
        return toBuilder().version(version).build();
    }

    /** Adds one window's counts; the rows go to the progress, saved with the next checkpoint. */
    public ImportJob counted(ImportCounts counts) {
        return toBuilder().created(plus(created, counts.created())).updated(plus(updated, counts.updated()))
                .duplicates(plus(duplicates, counts.duplicates())).rejected(plus(rejected, counts.rejected()))
                .warnings(plus(warnings, counts.warnings()))
                .progress(progress.toBuilder().rows(plus(progress.rows(), counts.rows())).build()).build();
    }

    public ImportJob withProgress(ImportProgress progress) {
        return toBuilder().progress(progress).build();
    }

    private static long plus(Long a, long b) {
        return (a == null ? 0 : a) + b;
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

    @Override
    public String orgId() {
        return orgId;
    }

    @Override
    public Long version() {
        return version;
    }

    public String importId() {
        return importId;
    }

    public String status() {
        return status;
    }

    public String failure() {
        return failure;
    }

    public String bucket() {
        return bucket;
    }

    public String objectKey() {
        return objectKey;
    }

    public String etag() {
        return etag;
    }

    public Long size() {
        return size;
    }

    public String consentSource() {
        return consentSource;
    }

    public Map<String, String> columns() {
        return columns;
    }

    public Long created() {
        return created;
    }

    public Long updated() {
        return updated;
    }

    public Long duplicates() {
        return duplicates;
    }

    public Long rejected() {
        return rejected;
    }

    /** Values left out of imported rows (a bad tag, an unreadable phone number). */
    public Long warnings() {
        return warnings;
    }

    /** The records of the file done before the checkpoint, rejected ones included (a workbook's data rows). */
    public Long nextRecord() {
        return nextRecord;
    }

    public String format() {
        return format;
    }

    public String sheet() {
        return sheet;
    }

    public String reportKey() {
        return reportKey;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public Instant finishedAt() {
        return finishedAt;
    }

    /** How far the file is read, the rows read up to there, and the lease. */
    public ImportProgress progress() {
        return progress;
    }

    public static final class Builder extends OrganisationItem.Builder<Builder> {
        private String importId;
        private String status;
        private String failure;
        private String bucket;
        private String objectKey;
        private String etag;
        private Long size;
        private String consentSource;
        private Map<String, String> columns;
        private Long created;
        private Long updated;
        private Long duplicates;
        private Long rejected;
        private Long warnings;
        private Long nextRecord;
        private String format;
        private String sheet;
        private String reportKey;
        private Instant createdAt;
        private Instant updatedAt;
        private Instant finishedAt;
        private ImportProgress progress;

        private Builder() {
        }

        public Builder importId(String importId) {
            this.importId = importId;
            return this;
        }

        public Builder status(String status) {
            this.status = status;
            return this;
        }

        public Builder failure(String failure) {
            this.failure = failure;
            return this;
        }

        public Builder bucket(String bucket) {
            this.bucket = bucket;
            return this;
        }

        public Builder objectKey(String objectKey) {
            this.objectKey = objectKey;
            return this;
        }

        public Builder etag(String etag) {
            this.etag = etag;
            return this;
        }

        public Builder size(Long size) {
            this.size = size;
            return this;
        }

        public Builder consentSource(String consentSource) {
            this.consentSource = consentSource;
            return this;
        }

        public Builder columns(Map<String, String> columns) {
            this.columns = columns;
            return this;
        }

        public Builder created(Long created) {
            this.created = created;
            return this;
        }

        public Builder updated(Long updated) {
            this.updated = updated;
            return this;
        }

        public Builder duplicates(Long duplicates) {
            this.duplicates = duplicates;
            return this;
        }

        public Builder rejected(Long rejected) {
            this.rejected = rejected;
            return this;
        }

        public Builder warnings(Long warnings) {
            this.warnings = warnings;
            return this;
        }

        public Builder nextRecord(Long nextRecord) {
            this.nextRecord = nextRecord;
            return this;
        }

        public Builder format(String format) {
            this.format = format;
            return this;
        }

        public Builder sheet(String sheet) {
            this.sheet = sheet;
            return this;
        }

        public Builder reportKey(String reportKey) {
            this.reportKey = reportKey;
            return this;
        }

        public Builder createdAt(Instant createdAt) {
            this.createdAt = createdAt;
            return this;
        }

        public Builder updatedAt(Instant updatedAt) {
            this.updatedAt = updatedAt;
            return this;
        }

        public Builder finishedAt(Instant finishedAt) {
            this.finishedAt = finishedAt;
            return this;
        }

        public Builder progress(ImportProgress progress) {
            this.progress = progress;
            return this;
        }

        public ImportJob build() {
            return new ImportJob(this);
        }
    }
}
