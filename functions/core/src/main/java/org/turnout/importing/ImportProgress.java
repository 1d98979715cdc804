package org.turnout.importing;

import static org.turnout.store.ItemSchemas.attribute;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.turnout.store.ItemSchemas;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/**
 * How far a resumable import has read its file, kept in the item of the import itself so that the
 * checkpoint and what was counted up to it are saved in one write: the dialect and header read at
 * the start, the position of the next row, the rows read, the downloads cut off since the last
 * checkpoint, and the lease of the invocation reading it. Imports of election results, addresses and
 * the roll keep it as a map ({@link #DOCUMENT}); a contact import's job has its attributes at its top.
 *
 * @param readAttempts Downloads cut off in a row since the last checkpoint.
 */
@RecordBuilder
public record ImportProgress(
        String charset, String delimiter, Long nextByte, Long nextLine, Long rows, List<String> header,
        Integer readAttempts, String leaseOwner, Instant leaseUntil)
        implements ImportProgressBuilder.With {
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
    public static final ImportProgress NONE = ImportProgressBuilder.builder().build();

    public static final TableSchema<ImportProgress> SCHEMA =
            StaticImmutableTableSchema.builder(ImportProgress.class, ImportProgressBuilder.class)
                    .newItemBuilder(ImportProgressBuilder::builder, ImportProgressBuilder::build)
                    .addAttribute(String.class, attribute(CHARSET, ImportProgress::charset, ImportProgressBuilder::charset))
                    .addAttribute(String.class, attribute(DELIMITER, ImportProgress::delimiter, ImportProgressBuilder::delimiter))
                    .addAttribute(Long.class, attribute(NEXT_BYTE, ImportProgress::nextByte, ImportProgressBuilder::nextByte))
                    .addAttribute(Long.class, attribute(NEXT_LINE, ImportProgress::nextLine, ImportProgressBuilder::nextLine))
                    .addAttribute(Long.class, attribute(ROWS, ImportProgress::rows, ImportProgressBuilder::rows))
                    .addAttribute(EnhancedType.listOf(String.class), attribute(HEADER, ImportProgress::header, ImportProgressBuilder::header))
                    .addAttribute(Integer.class, attribute(READ_ATTEMPTS, ImportProgress::readAttempts, ImportProgressBuilder::readAttempts))
                    .addAttribute(String.class, attribute(LEASE_OWNER, ImportProgress::leaseOwner, ImportProgressBuilder::leaseOwner))
                    .addAttribute(Instant.class, attribute(LEASE_UNTIL, ImportProgress::leaseUntil, ImportProgressBuilder::leaseUntil))
                    .build();

    /** The type of the map an import item keeps it in. */
    public static final EnhancedType<ImportProgress> DOCUMENT = EnhancedType.documentOf(ImportProgress.class, SCHEMA);

    public ImportProgress {
        header = ItemSchemas.copy(header);
    }

    /** The lease taken by {@code owner}, for the caller to save with its item; nothing when another invocation holds it. */
    public Optional<ImportProgress> claim(String owner, Instant now) {
        if (ImportLease.isHeld(leaseUntil, now)) {
            return Optional.empty();
        }
        return Optional.of(with().leaseOwner(owner).leaseUntil(ImportLease.until(now)).build());
    }

    /** The start of a file: its dialect, and the position after what comes before its first row. */
    public ImportProgress begun(CsvPosition start) {
        return with().charset(start.charset()).delimiter(String.valueOf(start.delimiter()))
                .nextByte(start.nextByte()).nextLine(start.nextLine()).build();
    }

    /** A checkpoint: the rows before {@code position} are done and counted; the lease is renewed. */
    public ImportProgress checkpoint(CsvPosition position, long rowsRead, Instant now) {
        return begun(position).checkpoint(position.nextByte(), position.nextLine(), rowsRead, now);
    }

    /** A checkpoint in the dialect read at the start (none for a workbook, read whole each time). */
    public ImportProgress checkpoint(long nextByte, long nextLine, long rowsRead, Instant now) {
        return with().nextByte(nextByte).nextLine(nextLine).rows(rowsRead).readAttempts(null)
                .leaseUntil(ImportLease.until(now)).build();
    }

    /** The lease given up, for the next invocation to take at once. */
    public ImportProgress released() {
        return with().leaseUntil(null).build();
    }

    /** One more download cut off since the checkpoint; the import's failure when there were too many in a row. */
    public ImportProgress cutOff(CsvSource.DownloadCutOff cutOff) {
        return with().readAttempts(CsvSource.attemptAfter(readAttempts, linesRead(), cutOff)).build();
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
}
