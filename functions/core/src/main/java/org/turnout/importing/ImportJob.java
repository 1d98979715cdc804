package org.turnout.importing;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.turnout.store.Keys;
import org.turnout.store.OrganisationBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSortKey;

/**
 * An import job: {@code ORG#o / IMPORT#<importId>}. Its id sorts by time, so a descending query
 * lists the newest first. It holds the counts while it runs and the checkpoint to resume from
 * (the byte offset and line of the next record, with the header and dialect read at the start),
 * and the lease of the invocation working on it.
 */
@DynamoDbBean
public class ImportJob extends OrganisationBean {
    public static final String TYPE = "import";
    public static final String RUNNING = "running";
    public static final String DONE = "done";
    public static final String FAILED = "failed";
    /** The format of an Excel workbook; a job without a format reads CSV. */
    public static final String XLSX = "xlsx";

    private String importId;
    private String status;
    private String failure;
    private String bucket;
    private String objectKey;
    private String etag;
    private Long size;
    private String consentSource;
    private Map<String, String> columns;
    private Long rows;
    private Long created;
    private Long updated;
    private Long duplicates;
    private Long rejected;
    private Long warnings;
    private Long nextByte;
    private Long nextLine;
    private Long nextRecord;
    private List<String> header;
    private String charset;
    private String delimiter;
    private String format;
    private String sheet;
    private Integer readAttempts;
    private String leaseOwner;
    private Instant leaseUntil;
    private String reportKey;
    private Instant createdAt;
    private Instant updatedAt;
    private Instant finishedAt;

    @Override
    @DynamoDbSortKey
    @DynamoDbAttribute("SK")
    public String getSk() {
        return Keys.importJobSk(importId);
    }

    @Override
    public String getType() {
        return TYPE;
    }

    public String getImportId() {
        return importId;
    }

    public void setImportId(String importId) {
        this.importId = importId;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public String getFailure() {
        return failure;
    }

    public void setFailure(String failure) {
        this.failure = failure;
    }

    public String getBucket() {
        return bucket;
    }

    public void setBucket(String bucket) {
        this.bucket = bucket;
    }

    public String getObjectKey() {
        return objectKey;
    }

    public void setObjectKey(String objectKey) {
        this.objectKey = objectKey;
    }

    public String getEtag() {
        return etag;
    }

    public void setEtag(String etag) {
        this.etag = etag;
    }

    public Long getSize() {
        return size;
    }

    public void setSize(Long size) {
        this.size = size;
    }

    public String getConsentSource() {
        return consentSource;
    }

    public void setConsentSource(String consentSource) {
        this.consentSource = consentSource;
    }

    public Map<String, String> getColumns() {
        return columns;
    }

    public void setColumns(Map<String, String> columns) {
        this.columns = columns;
    }

    public Long getRows() {
        return rows;
    }

    public void setRows(Long rows) {
        this.rows = rows;
    }

    public Long getCreated() {
        return created;
    }

    public void setCreated(Long created) {
        this.created = created;
    }

    public Long getUpdated() {
        return updated;
    }

    public void setUpdated(Long updated) {
        this.updated = updated;
    }

    public Long getDuplicates() {
        return duplicates;
    }

    public void setDuplicates(Long duplicates) {
        this.duplicates = duplicates;
    }

    public Long getRejected() {
        return rejected;
    }

    public void setRejected(Long rejected) {
        this.rejected = rejected;
    }

    /** Values left out of imported rows (a bad tag, an unreadable phone number). */
    public Long getWarnings() {
        return warnings;
    }

    public void setWarnings(Long warnings) {
        this.warnings = warnings;
    }

    public Long getNextByte() {
        return nextByte;
    }

    public void setNextByte(Long nextByte) {
        this.nextByte = nextByte;
    }

    public Long getNextLine() {
        return nextLine;
    }

    public void setNextLine(Long nextLine) {
        this.nextLine = nextLine;
    }

    public Long getNextRecord() {
        return nextRecord;
    }

    public void setNextRecord(Long nextRecord) {
        this.nextRecord = nextRecord;
    }

    public List<String> getHeader() {
        return header;
    }

    public void setHeader(List<String> header) {
        this.header = header;
    }

    public String getCharset() {
        return charset;
    }

    public void setCharset(String charset) {
        this.charset = charset;
    }

    public String getDelimiter() {
        return delimiter;
    }

    public void setDelimiter(String delimiter) {
        this.delimiter = delimiter;
    }

    public String getFormat() {
        return format;
    }

    public void setFormat(String format) {
        this.format = format;
    }

    public String getSheet() {
        return sheet;
    }

    public void setSheet(String sheet) {
        this.sheet = sheet;
    }

    /** Downloads cut off in a row since the last checkpoint. */
    public Integer getReadAttempts() {
        return readAttempts;
    }

    public void setReadAttempts(Integer readAttempts) {
        this.readAttempts = readAttempts;
    }

    public String getLeaseOwner() {
        return leaseOwner;
    }

    public void setLeaseOwner(String leaseOwner) {
        this.leaseOwner = leaseOwner;
    }

    public Instant getLeaseUntil() {
        return leaseUntil;
    }

    public void setLeaseUntil(Instant leaseUntil) {
        this.leaseUntil = leaseUntil;
    }

    public String getReportKey() {
        return reportKey;
    }

    public void setReportKey(String reportKey) {
        this.reportKey = reportKey;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(Instant createdAt) {
        this.createdAt = createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public void setUpdatedAt(Instant updatedAt) {
        this.updatedAt = updatedAt;
    }

    public Instant getFinishedAt() {
        return finishedAt;
    }

    public void setFinishedAt(Instant finishedAt) {
        this.finishedAt = finishedAt;
    }

    /** Adds one window's counts. */
    public void count(ImportCounts counts) {
        rows = plus(rows, counts.rows());
        created = plus(created, counts.created());
        updated = plus(updated, counts.updated());
        duplicates = plus(duplicates, counts.duplicates());
        rejected = plus(rejected, counts.rejected());
        warnings = plus(warnings, counts.warnings());
    }

    private static long plus(Long a, long b) {
        return (a == null ? 0 : a) + b;
    }
}
