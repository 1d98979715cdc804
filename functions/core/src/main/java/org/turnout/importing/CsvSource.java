package org.turnout.importing;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.function.ToLongFunction;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.turnout.aws.AwsClients;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The one way a CSV file in the bucket is read, by contact, election and address imports alike:
 * the object from a byte offset (a ranged GET, so a reader resumes where its checkpoint says), the
 * encoding and delimiter told from the first bytes ({@link CsvDialect}), the Commons CSV parser,
 * the 1 MiB row guard, and for each row the byte offset and line it starts at, from which a
 * checkpoint is made. A file the parser cannot read fails with {@link ImportFailedException}; a
 * download cut off part-way (S3 may drop a long one) is no fault of the file and is thrown as
 * {@link DownloadCutOff}, for the reader to resume from its last checkpoint in a new invocation. A test may read
 * through an S3 client of its own, in front of which faults are injected.
 */
@Singleton
public record CsvSource(S3Client s3) {
    static final int SNIFF_BYTES = 64 * 1024;
    /** Cut-off downloads in a row (without a new checkpoint between them) before an import fails. */
    public static final int MAX_READ_ATTEMPTS = 5;

    @Inject
    public CsvSource(AwsClients aws) {
        this(aws.s3());
    }

    /** Downloads the object from {@code fromByte} on; a missing object is {@link NoSuchKeyException}. */
    public Download download(String bucket, String key, long fromByte) {
        try {
            ResponseInputStream<GetObjectResponse> object = s3.getObject(b -> b.bucket(bucket).key(key)
                    .range(fromByte > 0 ? "bytes=" + fromByte + "-" : null));
            return new Download(object);
        } catch (NoSuchKeyException e) {
            throw e;
        } catch (S3Exception e) {
            throw new IllegalStateException("S3 could not give " + key + ": " + e.getMessage(), e);
        } catch (SdkClientException e) {
            throw new DownloadCutOff(e);
        }
    }

    /** The rows of a CSV object: from its start (telling its dialect), or from a checkpoint. */
    public CsvRows open(String bucket, String key, CsvPosition resumeAt) {
        Download download = download(bucket, key, resumeAt == null ? 0 : resumeAt.nextByte());
        try {
            return resumeAt == null ? download.rowsFromStart() : download.rows(resumeAt);
        } catch (RuntimeException e) {
            download.close();
            throw e;
        }
    }

    /**
     * One more download cut off since the last checkpoint: the attempts to count on the job, or the
     * import's failure when there were too many in a row.
     */
    public static int attemptAfter(Integer attemptsSoFar, long line, DownloadCutOff cutOff) {
        int attempts = attemptsSoFar == null ? 1 : attemptsSoFar + 1;
        if (attempts >= MAX_READ_ATTEMPTS) {
            throw new ImportFailedException("the download of the file was cut off " + attempts
                    + " times in a row after line " + line + ", the last time by: " + cutOff.getCause().getMessage());
        }
        return attempts;
    }

    /** The object being downloaded; read as CSV rows, or whole (a workbook). */
    public static final class Download implements AutoCloseable {
        private final ResponseInputStream<GetObjectResponse> object;
        private final BufferedInputStream in;

        Download(ResponseInputStream<GetObjectResponse> object) {
            this.object = object;
            this.in = new BufferedInputStream(object, SNIFF_BYTES);
        }

        /** The bytes as they come. */
        public InputStream stream() {
            return in;
        }

        /** A ZIP's local-file magic: what an xlsx (or any OOXML or ODF file) starts with. */
        public boolean isZip() {
            return guarded(() -> {
                in.mark(4);
                byte[] magic = in.readNBytes(4);
                in.reset();
                return magic.length == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4;
            });
        }

        /** Reads the file from its first byte: its dialect from its head, then its rows past the BOM. */
        public CsvRows rowsFromStart() {
            return rowsFromStart(ImportOptions.NONE);
        }

        /** Reads the file from its first byte, in the dialect told from its head where staff chose none. */
        public CsvRows rowsFromStart(ImportOptions options) {
            return rowsFrom(options.dialect(detectDialect()));
        }

        /** The dialect told from the file's head; leaves the stream past the BOM, for {@link #rowsFrom}. */
        public CsvDialect detectDialect() {
            return guarded(() -> sniff(in));
        }

        /** Reads the rows past the BOM in this dialect, once {@link #detectDialect} has looked at the head. */
        public CsvRows rowsFrom(CsvDialect dialect) {
            return new CsvRows(this, new CsvPosition(dialect.charset().name(), dialect.delimiter(), dialect.bomLength(), 0));
        }

        /** Reads on from a checkpoint, the download having started at its byte. */
        public CsvRows rows(CsvPosition resumeAt) {
            return new CsvRows(this, resumeAt);
        }

        @Override
        public void close() {
            try {
                object.close();
            } catch (IOException e) {
                // the download is over either way
            }
        }
    }

    /**
     * The rows from a position on. Positions are absolute in the object: the byte offset and the
     * number of lines before a row, which is what a checkpoint keeps to resume at that row.
     */
    public static final class CsvRows implements AutoCloseable {
        private final Download download;
        private final CsvPosition start;
        private final RowSizeGuard guard;
        private final CSVParser parser;
        private final Iterator<CSVRecord> records;
        private final ToLongFunction<CSVRecord> position;
        private long linesRead;

        CsvRows(Download download, CsvPosition start) {
            this.download = download;
            this.start = start;
            this.linesRead = start.nextLine();
            this.guard = new RowSizeGuard(download.in);
            CSVFormat format = format(start.delimiter());
            Charset charset = Charset.forName(start.charset());
            // Windows-1252 has one byte per character, so character positions are byte positions
            // (and commons-csv's byte tracking cannot encode its end-of-file mark in that charset).
            boolean singleByte = !charset.equals(StandardCharsets.UTF_8);
            CSVParser.Builder builder = CSVParser.builder().setFormat(format);
            builder = singleByte ? builder.setReader(new InputStreamReader(guard, charset))
                    : builder.setInputStream(guard).setCharset(charset).setTrackBytes(true);
            this.parser = guarded(builder::get);
            this.records = parser.iterator();
            this.position = singleByte ? CSVRecord::getCharacterPosition : CSVRecord::getBytePosition;
        }

        /** Where the first row read starts (past the BOM, when reading from the start). */
        public CsvPosition start() {
            return start;
        }

        /** The next row, or null at the end of the file. */
        public CsvRow next() {
            CSVRecord record;
            try {
                if (!records.hasNext()) {
                    return null;
                }
                record = records.next();
            } catch (UncheckedIOException e) {
                throw unreadable(e.getCause());
            }
            long offset = position.applyAsLong(record);
            guard.recordStartsAt(offset);
            List<String> values = record.toList();
            long linesBefore = linesRead;
            linesRead = start.nextLine() + parser.getCurrentLineNumber();
            return new CsvRow(values, linesRead - lineBreaksIn(values), start.nextByte() + offset, linesBefore);
        }

        /** The checkpoint to resume at this row (read again by whoever resumes). */
        public CsvPosition before(CsvRow row) {
            return new CsvPosition(start.charset(), start.delimiter(), row.offset(), row.linesBefore());
        }

        /** The lines read so far, the last row's included. */
        public long linesRead() {
            return linesRead;
        }

        private RuntimeException unreadable(IOException cause) {
            if (cause instanceof RowSizeGuard.RecordTooLongException) {
                return new ImportFailedException("after line " + linesRead + ", a row runs on past 1 MiB (an unclosed quote?)");
            }
            if (cause instanceof CSVException) {
                return new ImportFailedException("the file cannot be read as CSV after line " + linesRead + ": " + cause.getMessage());
            }
            return new DownloadCutOff(cause);
        }

        @Override
        public void close() {
            try {
                parser.close();
            } catch (IOException e) {
                // nothing more is read
            }
            download.close();
        }
    }

    /**
     * A row: its cells, the line it starts at (the line numbers staff see in an editor), and where
     * it starts in the object, with the number of lines before it.
     */
    public record CsvRow(List<String> values, long line, long offset, long linesBefore) {
    }

    /** A download that stopped before the end of the object. */
    public static final class DownloadCutOff extends RuntimeException {
        DownloadCutOff(Throwable cause) {
            super("the download of the file was cut off: " + cause.getMessage(), cause);
        }
    }

    /**
     * A file in hand (a fixture, a sample) read with the same dialect detection and parser as an
     * object in the bucket, from its first byte.
     */
    public static CSVParser parser(InputStream file) throws IOException {
        BufferedInputStream in = new BufferedInputStream(file, SNIFF_BYTES);
        CsvDialect dialect = sniff(in);
        return CSVParser.builder().setFormat(format(dialect.delimiter())).setReader(new InputStreamReader(in, dialect.charset())).get();
    }

    /** Tells the dialect from the head of the stream, and leaves the stream past the BOM. */
    private static CsvDialect sniff(BufferedInputStream in) throws IOException {
        in.mark(SNIFF_BYTES);
        byte[] head = in.readNBytes(SNIFF_BYTES);
        in.reset();
        if (head.length == 0 || new String(head, StandardCharsets.ISO_8859_1).isBlank()) {
            throw new ImportFailedException("the file is empty");
        }
        for (byte b : head) {
            if (b == 0) {
                throw new ImportFailedException("not a CSV file: it holds binary data");
            }
        }
        CsvDialect dialect = CsvDialect.sniff(head);
        in.skipNBytes(dialect.bomLength());
        return dialect;
    }

    private static CSVFormat format(char delimiter) {
        return CSVFormat.RFC4180.builder()
                .setDelimiter(delimiter)
                .setIgnoreEmptyLines(true)
                .setLenientEof(true)
                .setTrailingData(true)
                .get();
    }

    private interface IoStep<T> {
        T run() throws IOException;
    }

    private static <T> T guarded(IoStep<T> step) {
        try {
            return step.run();
        } catch (UncheckedIOException e) {
            throw new DownloadCutOff(e.getCause());
        } catch (IOException e) {
            throw new DownloadCutOff(e);
        }
    }

    private static long lineBreaksIn(List<String> values) {
        long breaks = 0;
        for (String value : values) {
            if (value != null) {
                breaks += value.chars().filter(c -> c == '\n').count();
            }
        }
        return breaks;
    }
}
