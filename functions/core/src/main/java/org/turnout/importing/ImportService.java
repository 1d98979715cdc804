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
        ImportJob job = jobs.find(orgId, source.importId()).orElseGet(() -> create(orgId, source));
        String owner = UUID.randomUUID().toString();
        if (!ImportJob.RUNNING.equals(job.getStatus()) || !claim(job, owner)) {
            return Run.SKIPPED; // done already, or a live invocation has it
        }
        try {
            return process(job, source, owner, deadline);
        } catch (ImportFailedException e) {
            return fail(job, e.getMessage());
        } catch (NoSuchKeyException e) {
            return fail(job, "the file was deleted before it was read");
        }
    }

    private ImportJob create(String orgId, ImportSource source) {
        ImportOptions options = options(source);
        ImportJob job = new ImportJob();
        job.setOrgId(orgId);
        job.setImportId(source.importId());
        job.setStatus(ImportJob.RUNNING);
        job.setBucket(source.bucket());
        job.setObjectKey(source.key());
        job.setEtag(source.etag());
        job.setSize(source.size());
        job.setConsentSource(options.consentSource());
        job.setColumns(options.columns());
        job.setSheet(options.sheet());
        if (source.key().toLowerCase(Locale.ROOT).endsWith(".xlsx")) {
            job.setFormat(ImportJob.XLSX);
        }
        job.count(ImportCounts.ZERO);
        job.setCreatedAt(clock.instant());
        job.setUpdatedAt(job.getCreatedAt());
        if (jobs.createIfAbsent(job)) {
            return job;
        }
        return jobs.find(orgId, source.importId()).orElseThrow(); // the other delivery made it first
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

    private boolean claim(ImportJob job, String owner) {
        Instant now = clock.instant();
        if (ImportLease.isHeld(job.getLeaseUntil(), now)) {
            return false;
        }
        job.setLeaseOwner(owner);
        job.setLeaseUntil(ImportLease.until(now));
        return jobs.save(job);
    }

    private Run process(ImportJob job, ImportSource source, String owner, Instant deadline) {
        boolean resuming = job.getHeader() != null;
        boolean workbook = ImportJob.XLSX.equals(job.getFormat());
        // a workbook is a ZIP, read from its end: it is always downloaded whole
        long start = resuming && !workbook ? job.getNextByte() : 0;
        try (CsvSource.Download download = csv.download(job.getBucket(), job.getObjectKey(), start)) {
            if (!resuming && !workbook && download.isZip()) {
                job.setFormat(ImportJob.XLSX);
                workbook = true;
            }
            if (workbook) {
                return readWorkbook(job, download.stream(), owner, deadline);
            }
            CsvSource.CsvRows rows;
            if (resuming) {
                rows = download.rows(new CsvPosition(job.getCharset(), job.getDelimiter().charAt(0), job.getNextByte(), job.getNextLine()));
            } else {
                rows = download.rowsFromStart();
                job.setCharset(rows.start().charset());
                job.setDelimiter(String.valueOf(rows.start().delimiter()));
                job.setNextByte(rows.start().nextByte());
                job.setNextLine(0L);
                job.setNextRecord(0L);
            }
            try (rows) {
                return readRows(job, rows, owner, deadline);
            }
        } catch (CsvSource.DownloadCutOff e) {
            return cutOff(job, e);
        } catch (UncheckedIOException e) {
            return cutOff(job, new CsvSource.DownloadCutOff(e.getCause()));
        } catch (IOException e) {
            return cutOff(job, new CsvSource.DownloadCutOff(e));
        }
    }

    /**
     * A download cut off (S3 may drop a long one) is no fault of the file: the job is handed to a
     * new invocation, which resumes from the checkpoint with a ranged read.
     */
    private Run cutOff(ImportJob job, CsvSource.DownloadCutOff e) {
        job.setReadAttempts(CsvSource.attemptAfter(job.getReadAttempts(), job.getNextLine(), e));
        LOG.warnf("import %s of %s: reading stopped after line %d (%s); resuming from there", job.getImportId(),
                job.getOrgId(), job.getNextLine(), LogSafe.quote(String.valueOf(e.getCause().getMessage())));
        return handOver(job);
    }

    private Run readRows(ImportJob job, CsvSource.CsvRows rows, String owner, Instant deadline) {
        if (job.getHeader() == null) {
            CsvSource.CsvRow header = rows.next();
            if (header == null) {
                throw new ImportFailedException("the file is empty");
            }
            job.setHeader(header.values());
        }
        RowParser parser = rowParser(job);
        ContactMerge merge = new ContactMerge(job.getOrgId(), job.getImportId(), job.getConsentSource(), clock.instant());
        List<ImportRow> window = new ArrayList<>();
        List<ParsedRow.Rejected> rejected = new ArrayList<>();
        List<ParsedRow.Valid> warned = new ArrayList<>();
        long recordNumber = job.getNextRecord();
        ReadWindow previous = null;
        CsvSource.CsvRow row;
        while ((row = nextOrWritten(rows, job, merge, previous, owner)) != null) {
            if (window.size() + rejected.size() >= WINDOW_ROWS) {
                ReadWindow next = readAhead(job, window, rejected, warned, previous, row.offset(), row.linesBefore(), recordNumber);
                if (previous != null) {
                    flush(job, merge, previous, owner);
                    if (ImportLease.mustHandOver(clock.instant(), deadline)) {
                        return handOver(job);
                    }
                }
                previous = next;
            }
            if (++recordNumber > maxRows) {
                throw new ImportFailedException("more than " + maxRows + " rows: split the file");
            }
            collect(parser.parse(row.line(), row.values()), window, rejected, warned);
        }
        ReadWindow last = readAhead(job, window, rejected, warned, previous, job.getSize(), rows.linesRead(), recordNumber);
        if (previous != null) {
            flush(job, merge, previous, owner);
            if (ImportLease.mustHandOver(clock.instant(), deadline)) {
                return handOver(job);
            }
        }
        flush(job, merge, last, owner);
        return finish(job);
    }

    /**
     * The next row; when the download is cut off first, the window read ahead is written before the cut goes up,
     * so that what was read whole before the cut is not read again.
     */
    private CsvSource.CsvRow nextOrWritten(CsvSource.CsvRows rows, ImportJob job, ContactMerge merge, ReadWindow readAhead, String owner) {
        try {
            return rows.next();
        } catch (CsvSource.DownloadCutOff | UncheckedIOException e) {
            if (readAhead != null) {
                flush(job, merge, readAhead, owner);
            }
            throw e;
        }
    }

    private static void collect(ParsedRow parsed, List<ImportRow> window, List<ParsedRow.Rejected> rejected,
                                List<ParsedRow.Valid> warned) {
        if (parsed instanceof ParsedRow.Valid valid) {
            window.add(valid.row());
            if (!valid.warnings().isEmpty()) {
                warned.add(valid);
            }
        } else if (parsed instanceof ParsedRow.Rejected rejection) {
            rejected.add(rejection);
        } // a repeated header (glued exports) is not data
    }

    /**
     * Reads a workbook's sheet, with the same row rules as CSV. Its line numbers are the sheet's row
     * numbers, as staff see them in Excel. A ZIP cannot be read from the middle, so a resumed job
     * reads the sheet again from its start and skips the rows its checkpoint counts as done.
     */
    private Run readWorkbook(ImportJob job, InputStream in, String owner, Instant deadline) throws IOException {
        Path file = Files.createTempFile("import-", ".xlsx");
        try {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            SheetRows sheet = new SheetRows(job, owner, deadline);
            try {
                XlsxRows.read(file, job.getSheet(), sheet);
            } catch (XlsxRows.StopReading e) {
                return handOver(job);
            }
            if (job.getHeader() == null) {
                throw new ImportFailedException("the file is empty");
            }
            ReadWindow last = readAhead(job, sheet.window, sheet.rejected, sheet.warned, sheet.previous, job.getSize(), sheet.lastRow,
                    sheet.dataRows);
            if (sheet.previous != null) {
                flush(job, sheet.merge, sheet.previous, owner);
                if (ImportLease.mustHandOver(clock.instant(), deadline)) {
                    return handOver(job);
                }
            }
            flush(job, sheet.merge, last, owner);
            return finish(job);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** A sheet's rows, in windows as CSV records are; stops reading when the invocation must hand over. */
    private final class SheetRows implements XlsxRows.RowHandler {
        private final ImportJob job;
        private final String owner;
        private final Instant deadline;
        private final long rowsDone;
        private final ContactMerge merge;
        private final List<ImportRow> window = new ArrayList<>();
        private final List<ParsedRow.Rejected> rejected = new ArrayList<>();
        private final List<ParsedRow.Valid> warned = new ArrayList<>();
        private RowParser parser;
        private ReadWindow previous;
        private long dataRows;
        private long lastRow;

        SheetRows(ImportJob job, String owner, Instant deadline) {
            this.job = job;
            this.owner = owner;
            this.deadline = deadline;
            this.rowsDone = job.getNextRecord() == null ? 0 : job.getNextRecord();
            this.lastRow = job.getNextLine() == null ? 0 : job.getNextLine();
            this.merge = new ContactMerge(job.getOrgId(), job.getImportId(), job.getConsentSource(), clock.instant());
        }

        @Override
        public void row(long rowNumber, List<String> values) {
            if (parser == null) { // the header, read again when resuming
                if (job.getHeader() == null) {
                    job.setHeader(values);
                }
                parser = rowParser(job);
                return;
            }
            if (++dataRows <= rowsDone) {
                return; // written by an earlier invocation
            }
            if (window.size() + rejected.size() >= WINDOW_ROWS) {
                ReadWindow next = readAhead(job, window, rejected, warned, previous, 0, lastRow, dataRows - 1);
                if (previous != null) {
                    flush(job, merge, previous, owner);
                    if (ImportLease.mustHandOver(clock.instant(), deadline)) {
                        throw new XlsxRows.StopReading();
                    }
                }
                previous = next;
            }
            if (dataRows > maxRows) {
                throw new ImportFailedException("more than " + maxRows + " rows: split the file");
            }
            collect(parser.parse(rowNumber, values), window, rejected, warned);
            lastRow = rowNumber;
        }
    }

    private static RowParser rowParser(ImportJob job) {
        return new RowParser(ColumnLayout.of(job.getHeader(), new ImportOptions(job.getConsentSource(), job.getColumns())));
    }

    private Run finish(ImportJob job) {
        job.setReportKey(report.write(job.getOrgId(), job.getImportId(), job.getHeader()));
        job.setStatus(ImportJob.DONE);
        job.setFinishedAt(clock.instant());
        job.setLeaseUntil(null);
        save(job);
        LOG.infof("import %s of %s done: %d rows, %d created, %d updated, %d duplicates, %d rejected, %d warnings",
                job.getImportId(), job.getOrgId(), job.getRows(), job.getCreated(), job.getUpdated(), job.getDuplicates(),
                job.getRejected(), job.getWarnings());
        return Run.DONE;
    }

    /**
     * A window whose stored contacts are being read, and where the file stands after it. Windows go in pairs: one
     * is read while the one before it is written, so that the writes never wait for reads.
     */
    private record ReadWindow(ContactImportWriter.Window rows, long nextByte, long endLine, long recordNumber) {
    }

    /** Starts reading what the window's rows need, and empties the lists for the next window. */
    private ReadWindow readAhead(ImportJob job, List<ImportRow> window, List<ParsedRow.Rejected> rejected, List<ParsedRow.Valid> warned,
                                 ReadWindow previous, long nextByte, long endLine, long recordNumber) {
        ReadWindow read = new ReadWindow(writer.readAhead(job.getOrgId(), window, rejected, warned, previous == null ? null : previous.rows()),
                nextByte, endLine, recordNumber);
        window.clear();
        rejected.clear();
        warned.clear();
        return read;
    }

    /** Writes the window, then (its writes all durable) records how far the file is done and renews the lease. */
    private void flush(ImportJob job, ContactMerge merge, ReadWindow window, String owner) {
        job.count(writer.write(merge, job.getImportId(), window.rows()));
        job.setNextByte(window.nextByte());
        job.setNextLine(window.endLine());
        job.setNextRecord(window.recordNumber());
        job.setReadAttempts(null);
        job.setLeaseOwner(owner);
        job.setLeaseUntil(ImportLease.until(clock.instant()));
        save(job);
    }

    private Run handOver(ImportJob job) {
        job.setLeaseUntil(null);
        save(job);
        LOG.infof("import %s of %s continues in a new invocation after line %d", job.getImportId(), job.getOrgId(), job.getNextLine());
        return Run.CONTINUE;
    }

    private Run fail(ImportJob job, String reason) {
        job.setStatus(ImportJob.FAILED);
        job.setFailure(reason);
        job.setFinishedAt(clock.instant());
        job.setLeaseUntil(null);
        save(job);
        LOG.warnf("import %s of %s failed: %s", job.getImportId(), job.getOrgId(), reason);
        return Run.FAILED;
    }

    private void save(ImportJob job) {
        job.setUpdatedAt(clock.instant());
        if (!jobs.save(job)) {
            throw new IllegalStateException("import " + job.getImportId() + " was taken over by another invocation");
        }
    }
}
