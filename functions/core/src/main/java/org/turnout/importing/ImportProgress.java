package org.turnout.importing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/**
 * How far a resumable import has read its file, kept in the item of the import itself so that the
 * checkpoint and what was counted up to it are saved in one write: the dialect and header read at
 * the start, the position of the next row, the rows read, the downloads cut off since the last
 * checkpoint, and the lease of the invocation reading it. Imports of election results, addresses and
 * the roll keep it as a map ({@link #DOCUMENT}); a contact import's job has its attributes at its top.
 */
public final class ImportProgress {
    public static final String CHARSET = "charset";
    public static final String DELIMITER = "delimiter";
    public static final String NEXT_BYTE = "nextByte";
    public static final String NEXT_LINE = "nextLine";
    public static final String ROWS = "rows";
    public static final String HEADER = "header";
    public static final String READ_ATTEMPTS = "readAttempts";
    public static final String LEASE_OWNER = "leaseOwner";
    public static final String LEASE_UNTIL = "leaseUntil";

    /** A file not yet begun, and no lease. */
    public static final ImportProgress NONE = new Builder().build();

    public static final TableSchema<ImportProgress> SCHEMA =
            StaticImmutableTableSchema.builder(ImportProgress.class, Builder.class)
                    .newItemBuilder(Builder::new, Builder::build)
                    .addAttribute(String.class, a -> a.name(CHARSET).getter(ImportProgress::charset).setter(Builder::charset))
                    .addAttribute(String.class, a -> a.name(DELIMITER).getter(ImportProgress::delimiter).setter(Builder::delimiter))
                    .addAttribute(Long.class, a -> a.name(NEXT_BYTE).getter(ImportProgress::nextByte).setter(Builder::nextByte))
                    .addAttribute(Long.class, a -> a.name(NEXT_LINE).getter(ImportProgress::nextLine).setter(Builder::nextLine))
                    .addAttribute(Long.class, a -> a.name(ROWS).getter(ImportProgress::rows).setter(Builder::rows))
                    .addAttribute(EnhancedType.listOf(String.class), a -> a.name(HEADER).getter(ImportProgress::header).setter(Builder::header))
                    .addAttribute(Integer.class, a -> a.name(READ_ATTEMPTS).getter(ImportProgress::readAttempts).setter(Builder::readAttempts))
                    .addAttribute(String.class, a -> a.name(LEASE_OWNER).getter(ImportProgress::leaseOwner).setter(Builder::leaseOwner))
                    .addAttribute(Instant.class, a -> a.name(LEASE_UNTIL).getter(ImportProgress::leaseUntil).setter(Builder::leaseUntil))
                    .build();

    /** The type of the map an import item keeps it in. */
    public static final EnhancedType<ImportProgress> DOCUMENT = EnhancedType.documentOf(ImportProgress.class, SCHEMA);

    private final String charset;
    private final String delimiter;
    private final Long nextByte;
    private final Long nextLine;
    private final Long rows;
    private final List<String> header;
    private final Integer readAttempts;
    private final String leaseOwner;
    private final Instant leaseUntil;

    private ImportProgress(Builder builder) {
        this.charset = builder.charset;
        this.delimiter = builder.delimiter;
        this.nextByte = builder.nextByte;
        this.nextLine = builder.nextLine;
        this.rows = builder.rows;
        this.header = builder.header == null ? null : Collections.unmodifiableList(new ArrayList<>(builder.header));
        this.readAttempts = builder.readAttempts;
        this.leaseOwner = builder.leaseOwner;
        this.leaseUntil = builder.leaseUntil;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().charset(charset).delimiter(delimiter).nextByte(nextByte).nextLine(nextLine).rows(rows)
                .header(header).readAttempts(readAttempts).leaseOwner(leaseOwner).leaseUntil(leaseUntil);
    }

    /** The lease taken by {@code owner}, for the caller to save with its item; nothing when another invocation holds it. */
    public Optional<ImportProgress> claim(String owner, Instant now) {
        if (ImportLease.isHeld(leaseUntil, now)) {
            return Optional.empty();
        }
        return Optional.of(toBuilder().leaseOwner(owner).leaseUntil(ImportLease.until(now)).build());
    }

    /** The start of a file: its dialect, and the position after what comes before its first row. */
    public ImportProgress begun(CsvPosition start) {
        return toBuilder().charset(start.charset()).delimiter(String.valueOf(start.delimiter()))
                .nextByte(start.nextByte()).nextLine(start.nextLine()).build();
    }

    /** A checkpoint: the rows before {@code position} are done and counted; the lease is renewed. */
    public ImportProgress checkpoint(CsvPosition position, long rowsRead, Instant now) {
        return begun(position).checkpoint(position.nextByte(), position.nextLine(), rowsRead, now);
    }

    /** A checkpoint in the dialect read at the start (none for a workbook, read whole each time). */
    public ImportProgress checkpoint(long nextByte, long nextLine, long rowsRead, Instant now) {
        return toBuilder().nextByte(nextByte).nextLine(nextLine).rows(rowsRead).readAttempts(null)
                .leaseUntil(ImportLease.until(now)).build();
    }

    /** The lease given up, for the next invocation to take at once. */
    public ImportProgress released() {
        return toBuilder().leaseUntil(null).build();
    }

    public ImportProgress withHeader(List<String> header) {
        return toBuilder().header(header).build();
    }

    /** One more download cut off since the checkpoint; the import's failure when there were too many in a row. */
    public ImportProgress cutOff(CsvSource.DownloadCutOff cutOff) {
        return toBuilder().readAttempts(CsvSource.attemptAfter(readAttempts, linesRead(), cutOff)).build();
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

    public String charset() {
        return charset;
    }

    public String delimiter() {
        return delimiter;
    }

    public Long nextByte() {
        return nextByte;
    }

    public Long nextLine() {
        return nextLine;
    }

    public Long rows() {
        return rows;
    }

    public List<String> header() {
        return header;
    }

    /** Downloads cut off in a row since the last checkpoint. */
    public Integer readAttempts() {
        return readAttempts;
    }

    public String leaseOwner() {
        return leaseOwner;
    }

    public Instant leaseUntil() {
        return leaseUntil;
    }

    public static final class Builder {
        private String charset;
        private String delimiter;
        private Long nextByte;
        private Long nextLine;
        private Long rows;
        private List<String> header;
        private Integer readAttempts;
        private String leaseOwner;
        private Instant leaseUntil;

        private Builder() {
        }

        public Builder charset(String charset) {
            this.charset = charset;
            return this;
        }

        public Builder delimiter(String delimiter) {
            this.delimiter = delimiter;
            return this;
        }

        public Builder nextByte(Long nextByte) {
            this.nextByte = nextByte;
            return this;
        }

        public Builder nextLine(Long nextLine) {
            this.nextLine = nextLine;
            return this;
        }

        public Builder rows(Long rows) {
            this.rows = rows;
            return this;
        }

        public Builder header(List<String> header) {
            this.header = header;
            return this;
        }

        public Builder readAttempts(Integer readAttempts) {
            this.readAttempts = readAttempts;
            return this;
        }

        public Builder leaseOwner(String leaseOwner) {
            this.leaseOwner = leaseOwner;
            return this;
        }

        public Builder leaseUntil(Instant leaseUntil) {
            this.leaseUntil = leaseUntil;
            return this;
        }

        public ImportProgress build() {
            return new ImportProgress(this);
        }
    }
}
