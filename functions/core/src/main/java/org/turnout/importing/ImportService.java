package org.turnout.importing;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.turnout.aws.AwsClients;
import org.turnout.organisation.OrganisationRepository;
import org.turnout.security.LogSafe;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Imports one contact file from the bucket: streams it in windows of rows, writes each window,
 * and saves a checkpoint (counts, byte offset and line of the next row) after each, so that a
 * crash resumes where it stopped and a file too long for one invocation goes on in the next.
 * The same S3 event delivered twice finds the same job and does nothing twice.
 */
@ApplicationScoped
public class ImportService {
    public static final long MAX_ROWS = 10_000_000;
    static final int WINDOW_ROWS = 400;
    /** Cut-off downloads in a row before the job fails. */
    static final int MAX_READ_ATTEMPTS = CsvSource.MAX_READ_ATTEMPTS;
    private static final Logger LOG = Logger.getLogger(ImportService.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What an invocation did with a file. */
    public enum Run { DONE, FAILED, CONTINUE, SKIPPED }

    private final OrganisationRepository organisations;
    private final ImportJobRepository jobs;
    private final ContactImportWriter writer;
    private final ImportReport report;
    private final S3Client s3;
    private final CsvSource csv;
    private final Clock clock;
    private final long maxRows;

    @Inject
    public ImportService(OrganisationRepository organisations, ImportJobRepository jobs, ContactImportWriter writer,
                         ImportReport report, AwsClients aws, Clock clock, ImportSettings settings) {
        this(organisations, jobs, writer, report, aws, clock, settings.importMaxRows());
    }

    public ImportService(OrganisationRepository organisations, ImportJobRepository jobs, ContactImportWriter writer,
                         ImportReport report, AwsClients aws, Clock clock, long maxRows) {
        this(organisations, jobs, writer, report, aws.s3(), clock, maxRows);
    }

    /** Reading the files through an S3 client of one's own (a test's, in front of which faults are injected). */
    public ImportService(OrganisationRepository organisations, ImportJobRepository jobs, ContactImportWriter writer,
                         ImportReport report, S3Client s3, Clock clock, long maxRows) {
        this.organisations = organisations;
        this.jobs = jobs;
        this.writer = writer;
        this.report = report;
        this.s3 = s3;
        this.csv = new CsvSource(s3);
        this.clock = clock;
        this.maxRows = maxRows;
    }

    /** Starts or resumes the import of the file; works until done or until {@code deadline} comes near. */
    public Run run(ImportSource source, Instant deadline) {
        if (source.isSidecar()) {
            return Run.SKIPPED;
        }
        String orgId = source.orgId().orElse(null);
        if (orgId == null || organisations.find(orgId).isEmpty()) {
            LOG.warnf("ignored %s: not under imports/{organisation}/ of a known organisation", LogSafe.quote(source.key()));
            return Run.SKIPPED;
        }
        ImportJob found = jobs.find(orgId, source.importId()).orElseGet(() -> create(orgId, source));
        String owner = UUID.randomUUID().toString();
        Optional<ImportProgress> lease = found.progress().claim(owner, clock.instant());
        if (!ImportJob.RUNNING.equals(found.status()) || lease.isEmpty()) {
            return Run.SKIPPED; // done already, or a live invocation has it
        }
        Optional<ImportJob> claimed = jobs.save(found.withProgress(lease.get()));
        if (claimed.isEmpty()) {
            return Run.SKIPPED; // another invocation took it first
        }
        Reading reading = new Reading(claimed.get(), owner, deadline);
        try {
            return reading.process();
        } catch (ImportFailedException e) {
            return reading.fail(e.getMessage());
        } catch (NoSuchKeyException e) {
            return reading.fail("the file was deleted before it was read");
        }
    }

    private ImportJob create(String orgId, ImportSource source) {
        ImportOptions options = options(source);
        Instant now = clock.instant();
        ImportJob job = ImportJobBuilder.builder().orgId(orgId).importId(source.importId()).status(ImportJob.RUNNING)
                .bucket(source.bucket()).objectKey(source.key()).etag(source.etag()).size(source.size())
                .consentSource(options.consentSource()).columns(options.columns()).sheet(options.sheet())
                .delimiter(options.delimiter()).encoding(options.encoding())
                .format(source.key().toLowerCase(Locale.ROOT).endsWith(".xlsx") ? ImportJob.XLSX : null)
                .createdAt(now).updatedAt(now).build()
                .counted(ImportCounts.ZERO);
        return jobs.createIfAbsent(job)
                .orElseGet(() -> jobs.find(orgId, source.importId()).orElseThrow()); // the other delivery made it first
    }

    /** The S3 object's metadata ({@code consent-source}, {@code sheet}), then a sidecar {@code name.csv.mapping.json}. */
    private ImportOptions options(ImportSource source) {
        HeadObjectResponse head = s3.headObject(b -> b.bucket(source.bucket()).key(source.key()));
        ImportOptions fromMetadata = new ImportOptions(head.metadata().get("consent-source"), Map.of(), head.metadata().get("sheet"));
        try (InputStream sidecar = s3.getObject(b -> b.bucket(source.bucket()).key(source.key() + ImportSource.SIDECAR_SUFFIX))) {
            return fromMetadata.orElse(JSON.readValue(sidecar, ImportOptions.class));
        } catch (NoSuchKeyException e) {
            return fromMetadata;
        } catch (IOException e) {
            throw new ImportFailedException("the sidecar " + source.key() + ImportSource.SIDECAR_SUFFIX
                    + " is not valid JSON ({\"consentSource\": \"...\", \"columns\": {\"header\": \"field\"}})");
        }
    }

    /** One invocation's reading of a job it holds the lease of: the job as last saved, saved again at each checkpoint. */
    private final class Reading {
        private final String owner;
        private final Instant deadline;
        private ImportJob job;

        Reading(ImportJob job, String owner, Instant deadline) {
            this.job = job;
            this.owner = owner;
            this.deadline = deadline;
        }

        Run process() {
            ImportProgress progress = job.progress();
            boolean resuming = progress.header() != null;
            boolean workbook = ImportJob.XLSX.equals(job.format());
            // a workbook is a ZIP, read from its end: it is always downloaded whole
            long start = resuming && !workbook ? progress.nextByte() : 0;
            try (CsvSource.Download download = csv.download(job.bucket(), job.objectKey(), start)) {
                if (!resuming && !workbook && download.isZip()) {
                    job = job.with().format(ImportJob.XLSX).build();
                    workbook = true;
                }
                if (workbook) {
                    return readWorkbook(download.stream());
                }
                CsvSource.CsvRows rows;
                if (resuming) {
                    rows = download.rows(progress.position());
                } else {
                    rows = download.rowsFromStart(job.options());
                    CsvPosition first = rows.start();
                    job = job.with().nextRecord(0L)
                            .progress(progress.begun(new CsvPosition(first.charset(), first.delimiter(), first.nextByte(), 0L))).build();
                }
                try (rows) {
                    return readRows(rows);
                }
            } catch (CsvSource.DownloadCutOff e) {
                return cutOff(e);
            } catch (UncheckedIOException e) {
                return cutOff(new CsvSource.DownloadCutOff(e.getCause()));
            } catch (IOException e) {
                return cutOff(new CsvSource.DownloadCutOff(e));
            }
        }

        /**
         * A download cut off (S3 may drop a long one) is no fault of the file: the job is handed to a
         * new invocation, which resumes from the checkpoint with a ranged read.
         */
        private Run cutOff(CsvSource.DownloadCutOff e) {
            job = job.withProgress(job.progress().cutOff(e));
            LOG.warnf("import %s of %s: reading stopped after line %d (%s); resuming from there", job.importId(),
                    job.orgId(), job.progress().linesRead(), LogSafe.quote(String.valueOf(e.getCause().getMessage())));
            return handOver();
        }

        private Run readRows(CsvSource.CsvRows rows) {
            if (job.progress().header() == null) {
                CsvSource.CsvRow header = rows.next();
                if (header == null) {
                    throw new ImportFailedException("the file is empty");
                }
                job = job.withProgress(job.progress().withHeader(header.values()));
            }
            RowParser parser = rowParser(job);
            ContactMerge merge = new ContactMerge(job.orgId(), job.importId(), job.consentSource(), clock.instant());
            Window window = new Window(merge);
            long recordNumber = job.nextRecord();
            ReadWindow previous = null;
            CsvSource.CsvRow row;
            while ((row = nextOrWritten(rows, merge, previous)) != null) {
                if (window.size() >= WINDOW_ROWS) {
                    ReadWindow next = readAhead(window, previous, row.offset(), row.linesBefore(), recordNumber);
                    if (previous != null) {
                        flush(merge, previous);
                        if (ImportLease.mustHandOver(clock.instant(), deadline)) {
                            return handOver();
                        }
                    }
                    previous = next;
                }
                if (++recordNumber > maxRows) {
                    throw new ImportFailedException("more than " + maxRows + " rows: split the file");
                }
                window.collect(parser.parse(row.line(), row.values()));
            }
            return finish(merge, previous, readAhead(window, previous, job.size(), rows.linesRead(), recordNumber));
        }

        /**
         * The next row; when the download is cut off first, the window read ahead is written before the cut goes up,
         * so that what was read whole before the cut is not read again.
         */
        private CsvSource.CsvRow nextOrWritten(CsvSource.CsvRows rows, ContactMerge merge, ReadWindow readAhead) {
            try {
                return rows.next();
            } catch (CsvSource.DownloadCutOff | UncheckedIOException e) {
                if (readAhead != null) {
                    flush(merge, readAhead);
                }
                throw e;
            }
        }

        /** Writes the window before the last and the last, then finishes, unless the invocation must hand over between. */
        private Run finish(ContactMerge merge, ReadWindow previous, ReadWindow last) {
            if (previous != null) {
                flush(merge, previous);
                if (ImportLease.mustHandOver(clock.instant(), deadline)) {
                    return handOver();
                }
            }
            flush(merge, last);
            return finish();
        }

        /**
         * Reads a workbook's sheet, with the same row rules as CSV. Its line numbers are the sheet's row
         * numbers, as staff see them in Excel. A ZIP cannot be read from the middle, so a resumed job
         * reads the sheet again from its start and skips the rows its checkpoint counts as done.
         */
        private Run readWorkbook(InputStream in) throws IOException {
            Path file = Files.createTempFile("import-", ".xlsx");
            try {
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                SheetRows sheet = new SheetRows();
                try {
                    XlsxRows.read(file, job.sheet(), sheet);
                } catch (XlsxRows.StopReading e) {
                    return handOver();
                }
                if (job.progress().header() == null) {
                    throw new ImportFailedException("the file is empty");
                }
                return finish(sheet.window.merge, sheet.previous,
                        readAhead(sheet.window, sheet.previous, job.size(), sheet.lastRow, sheet.dataRows));
            } finally {
                Files.deleteIfExists(file);
            }
        }

        /** A sheet's rows, in windows as CSV records are; stops reading when the invocation must hand over. */
        private final class SheetRows implements XlsxRows.RowHandler {
            private final long rowsDone;
            private final Window window;
            private RowParser parser;
            private ReadWindow previous;
            private long dataRows;
            private long lastRow;

            SheetRows() {
                this.rowsDone = job.nextRecord() == null ? 0 : job.nextRecord();
                this.lastRow = job.progress().linesRead();
                this.window = new Window(new ContactMerge(job.orgId(), job.importId(), job.consentSource(), clock.instant()));
            }

            @Override
            public void row(long rowNumber, List<String> values) {
                if (parser == null) { // the header, read again when resuming
                    if (job.progress().header() == null) {
                        job = job.withProgress(job.progress().withHeader(values));
                    }
                    parser = rowParser(job);
                    return;
                }
                if (++dataRows <= rowsDone) {
                    return; // written by an earlier invocation
                }
                if (window.size() >= WINDOW_ROWS) {
                    ReadWindow next = readAhead(window, previous, 0, lastRow, dataRows - 1);
                    if (previous != null) {
                        flush(window.merge, previous);
                        if (ImportLease.mustHandOver(clock.instant(), deadline)) {
                            throw new XlsxRows.StopReading();
                        }
                    }
                    previous = next;
                }
                if (dataRows > maxRows) {
                    throw new ImportFailedException("more than " + maxRows + " rows: split the file");
                }
                window.collect(parser.parse(rowNumber, values));
                lastRow = rowNumber;
            }
        }

        private Run finish() {
            job = job.with().reportKey(report.write(job.orgId(), job.importId(), job.progress().header()))
                    .status(ImportJob.DONE).finishedAt(clock.instant()).progress(job.progress().released()).build();
            save();
            LOG.infof("import %s of %s done: %d rows, %d created, %d updated, %d duplicates, %d rejected, %d warnings",
                    job.importId(), job.orgId(), job.rows(), job.created(), job.updated(), job.duplicates(),
                    job.rejected(), job.warnings());
            return Run.DONE;
        }

        /** Starts reading what the window's rows need, and empties it for the next rows. */
        private ReadWindow readAhead(Window window, ReadWindow previous, long nextByte, long endLine, long recordNumber) {
            ReadWindow read = new ReadWindow(writer.readAhead(job.orgId(), window.rows, window.rejected, window.warned,
                    previous == null ? null : previous.rows()), nextByte, endLine, recordNumber);
            window.clear();
            return read;
        }

        /** Writes the window, then (its writes all durable) records how far the file is done and renews the lease. */
        private void flush(ContactMerge merge, ReadWindow window) {
            job = job.counted(writer.write(merge, job.importId(), window.rows()));
            job = job.with().nextRecord(window.recordNumber())
                    .progress(job.progress().checkpoint(window.nextByte(), window.endLine(), job.progress().rowsRead(), clock.instant()))
                    .build();
            save();
        }

        private Run handOver() {
            job = job.withProgress(job.progress().released());
            save();
            LOG.infof("import %s of %s continues in a new invocation after line %d", job.importId(), job.orgId(),
                    job.progress().nextLine());
            return Run.CONTINUE;
        }

        Run fail(String reason) {
            job = job.with().status(ImportJob.FAILED).failure(reason).finishedAt(clock.instant())
                    .progress(job.progress().released()).build();
            save();
            LOG.warnf("import %s of %s failed: %s", job.importId(), job.orgId(), reason);
            return Run.FAILED;
        }

        private void save() {
            job = jobs.save(job.with().updatedAt(clock.instant()).build()).orElseThrow(() -> new IllegalStateException(
                    "import " + job.importId() + " was taken over by another invocation"));
        }
    }

    /**
     * A window whose stored contacts are being read, and where the file stands after it. Windows go in pairs: one
     * is read while the one before it is written, so that the writes never wait for reads.
     */
    private record ReadWindow(ContactImportWriter.Window rows, long nextByte, long endLine, long recordNumber) {
    }

    /** The rows read since the last checkpoint, written together. */
    private static final class Window {
        private final ContactMerge merge;
        private final List<ImportRow> rows = new ArrayList<>();
        private final List<ParsedRow.Rejected> rejected = new ArrayList<>();
        private final List<ParsedRow.Valid> warned = new ArrayList<>();

        Window(ContactMerge merge) {
            this.merge = merge;
        }

        int size() {
            return rows.size() + rejected.size();
        }

        void collect(ParsedRow parsed) {
            if (parsed instanceof ParsedRow.Valid valid) {
                rows.add(valid.row());
                if (!valid.warnings().isEmpty()) {
                    warned.add(valid);
                }
            } else if (parsed instanceof ParsedRow.Rejected rejection) {
                rejected.add(rejection);
            } // a repeated header (glued exports) is not data
        }

        void clear() {
            rows.clear();
            rejected.clear();
            warned.clear();
        }
    }

    private static RowParser rowParser(ImportJob job) {
        return new RowParser(ColumnLayout.of(job.progress().header(), job.options()));
    }
}
