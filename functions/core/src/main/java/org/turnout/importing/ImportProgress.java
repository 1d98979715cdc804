package org.turnout.importing;

import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;

/**
 * How far a resumable import of election results or addresses has read its CSV file, kept in the
 * item of the import itself so that the checkpoint and what was counted up to it are saved in one
 * write: the dialect and header read at the start, the position of the next row, the rows read,
 * the downloads cut off since the last checkpoint, and the lease of the invocation reading it.
 */
@DynamoDbBean
public class ImportProgress {
    private String charset;
    private String delimiter;
    private Long nextByte;
    private Long nextLine;
    private Long rows;
    private List<String> header;
    private Integer readAttempts;
    private String leaseOwner;
    private Instant leaseUntil;

    /** Takes the lease for {@code owner} unless another invocation holds it; the caller saves the item. */
    public boolean claim(String owner, Instant now) {
        if (ImportLease.isHeld(leaseUntil, now)) {
            return false;
        }
        leaseOwner = owner;
        leaseUntil = ImportLease.until(now);
        return true;
    }

    /** A checkpoint: the rows before {@code position} are done and counted; the lease is renewed. */
    public void checkpoint(CsvPosition position, long rowsRead, Instant now) {
        charset = position.charset();
        delimiter = String.valueOf(position.delimiter());
        nextByte = position.nextByte();
        nextLine = position.nextLine();
        rows = rowsRead;
        readAttempts = null;
        leaseUntil = ImportLease.until(now);
    }

    /** Gives the lease up, for the next invocation to take at once. */
    public void release() {
        leaseUntil = null;
    }

    /** Where to resume, or null for a file not yet begun. */
    public CsvPosition position() {
        return charset == null ? null : new CsvPosition(charset, delimiter.charAt(0), nextByte, nextLine);
    }

    /** Rows read before the checkpoint. */
    public long rowsRead() {
        return rows == null ? 0 : rows;
    }

    /** Lines read before the checkpoint. */
    public long linesRead() {
        return nextLine == null ? 0 : nextLine;
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

    public Long getRows() {
        return rows;
    }

    public void setRows(Long rows) {
        this.rows = rows;
    }

    public List<String> getHeader() {
        return header;
    }

    public void setHeader(List<String> header) {
        this.header = header;
    }

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
}
