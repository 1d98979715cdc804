package org.turnout.bench.imports;

import static org.turnout.bench.support.Counts.label;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.turnout.aws.AwsClients;
import org.turnout.bench.support.Directories;
import org.turnout.bench.support.ForkedJvm;
import org.turnout.bench.support.Machine;
import org.turnout.bench.support.Results;
import org.turnout.importing.ImportJobRepository;
import org.turnout.importing.ImportSource;
import org.turnout.local.Emulator;
import org.turnout.local.LocalAwsStack;
import org.turnout.local.RepositoryRoot;
import org.turnout.organisation.Organisation;
import org.turnout.organisation.OrganisationBuilder;
import org.turnout.organisation.OrganisationRepository;
import org.turnout.store.BatchOperations;
import org.turnout.store.TurnoutTable;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * The import benchmark. Three local stacks (DynamoDB on dynalite, S3 on S3Proxy), one after the other, each
 * starting from an empty table:
 * <ol>
 *   <li>rounds at the smaller size: the raw ceilings (the import's own contact items, built as they are sent,
 *       written with the import's own conditional PutItem, and with BatchWriteItem, as many calls in flight as
 *       the import has), then the import of the same
 *       generated rows, alternated, {@code rounds} times, so that the table grows alike under both and noise
 *       on the machine hits both;
 *   <li>the larger file as CSV, between a raw run before and one after (the ceiling at the table's size
 *       when the import ran);
 *   <li>the same rows as an Excel workbook, whose peak heap is compared with the CSV's.
 * </ol>
 * Every phase runs in a JVM of its own, warms up in it first, and is watched by the same heap watch. Run by
 * bench/run-import.
 *
 * <ul>
 *   <li>{@code -Drows=100000,1000000}: the two sizes;
 *   <li>{@code -Drounds=3}: rounds of raw and import at the smaller size;
 *   <li>{@code -Dceilings=put,batch}: the raw loops of each round, {@code put} (the import's conditional PutItem,
 *       one item a call, as many in flight as the import's single writes) and/or {@code batch} (BatchWriteItem),
 *       the first one being the ceiling of record;
 *   <li>{@code -Dwarm=5000}: rows (or items) of each phase's warm-up;
 *   <li>{@code -DreadRows=1000000}: the rows of the workbook read alone by both readers (the larger size by default);
 *   <li>{@code -Djvm="-Xmx512m -XX:+UseSerialGC"}: the options of every forked JVM;
 *   <li>{@code -Dseed=2026}: the generator's seed;
 *   <li>{@code -DheapSampleMillis=2000}: how often a forked phase forces a full collection to sample its heap.
 * </ul>
 * With the default sizes the report goes to bench/results/import.md; with others, to
 * bench/import/target/run/import.md, so that a quick run never replaces the committed one.
 */
public final class ImportBenchmark {

    static final List<Long> DEFAULT_ROWS = List.of(100_000L, 1_000_000L);
    static final String DEFAULT_JVM = "-Xmx512m -XX:+UseSerialGC";
    static final double RATE_TARGET = 0.8;
    static final double HEAP_TARGET = 1.2;

    /** A file format the import reads. */
    enum Format {
        CSV("csv"), XLSX("xlsx");

        final String extension;

        Format(String extension) {
            this.extension = extension;
        }
    }

    private final RepositoryRoot root;
    private final Path workDir;
    private final long seed;
    private final int warmRows;
    private final AwsClients aws;
    private final String table;
    private final String bucket;
    private final OrganisationRepository organisations;
    private final ImportJobRepository jobs;
    private final ForkedJvm phases;
    private final Map<Format, ImportSource> warmFiles = new EnumMap<>(Format.class);
    private final Map<Path, ContactFileGenerator.Summary> summaries = new HashMap<>();
    /** Items written to the table so far by the phases of this stack: the table's size as the next one starts. */
    private long tableItems;

    private ImportBenchmark(RepositoryRoot root, LocalAwsStack stack, Path workDir, List<String> jvm, long seed, int warmRows) {
        this.root = root;
        this.workDir = workDir;
        this.seed = seed;
        this.warmRows = warmRows;
        stack.sdkSystemProperties().forEach(System::setProperty);
        Map<String, String> properties = new LinkedHashMap<>(stack.sdkSystemProperties());
        properties.put("heapSampleMillis", Long.toString(Long.getLong("heapSampleMillis", 2000)));
        properties.put("java.util.logging.manager", "org.jboss.logmanager.LogManager");
        this.phases = new ForkedJvm(MeasuredRun.class, jvm, properties, workDir);
        this.aws = new AwsClients();
        this.table = stack.resources().physicalName("Table");
        this.bucket = stack.resources().physicalName("Bucket");
        this.organisations = new OrganisationRepository(new TurnoutTable(aws, table));
        this.jobs = new ImportJobRepository(new TurnoutTable(aws, table));
    }

    /** Something measured against one stack. */
    @FunctionalInterface
    private interface OnStack<T> {
        T run(ImportBenchmark benchmark) throws IOException, InterruptedException;
    }

    public static void main(String[] args) throws Exception {
        long began = System.nanoTime();
        System.setProperty("slf4j.internal.verbosity", "ERROR");
        List<Long> rows = rows(System.getProperty("rows"));
        int rounds = Integer.getInteger("rounds", 3);
        List<MeasuredRun.Write> ceilings = Arrays.stream(System.getProperty("ceilings", "put,batch").split(","))
                .map(String::strip).map(c -> MeasuredRun.Write.valueOf(c.toUpperCase(Locale.ROOT))).toList();
        int warm = Integer.getInteger("warm", (int) Math.min(5000, rows.get(0) / 10));
        List<String> jvm = Arrays.asList(System.getProperty("jvm", DEFAULT_JVM).trim().split("\\s+"));
        long seed = Long.getLong("seed", ContactFileGenerator.DEFAULT_SEED);
        RepositoryRoot root = RepositoryRoot.locate();
        Path workDir = root.path().resolve("bench/import/target/run");
        Directories.deleteRecursively(workDir);
        Files.createDirectories(workDir.resolve("logs"));
        Files.createDirectories(workDir.resolve("files"));

        long small = rows.get(0);
        long large = rows.get(1);
        long readRows = Long.getLong("readRows", large);
        ImportBenchmarkReport.Prebuilt[] prebuilt = new ImportBenchmarkReport.Prebuilt[1];
        List<ImportBenchmarkReport.Round> measuredRounds = onNewStack(root, workDir, jvm, seed, warm, "rounds", benchmark -> {
            prebuilt[0] = benchmark.prebuilt(Math.toIntExact(small));
            Path file = benchmark.generate(small, Format.CSV);
            List<ImportBenchmarkReport.Round> done = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                List<ImportBenchmarkReport.Raw> raws = new ArrayList<>();
                for (MeasuredRun.Write ceiling : ceilings) {
                    raws.add(benchmark.raw("raw-" + ceiling.name().toLowerCase(Locale.ROOT) + "-" + round, ceiling, Math.toIntExact(small)));
                }
                done.add(new ImportBenchmarkReport.Round(round, raws, benchmark.importFile(file, small, Format.CSV, "round " + round)));
            }
            Files.delete(file);
            return done;
        });
        ImportBenchmarkReport.LargeCsv largeCsv = onNewStack(root, workDir, jvm, seed, warm, "large CSV", benchmark -> {
            ImportBenchmarkReport.Raw before = benchmark.raw("raw-before", ceilings.get(0), Math.toIntExact(small));
            Path file = benchmark.generate(large, Format.CSV);
            ImportBenchmarkReport.Import csv = benchmark.importFile(file, large, Format.CSV, "large");
            Files.delete(file);
            ImportBenchmarkReport.Raw after = benchmark.raw("raw-after", ceilings.get(0), Math.toIntExact(small));
            return new ImportBenchmarkReport.LargeCsv(before, csv, after);
        });
        List<ImportBenchmarkReport.WorkbookRead> reads = new ArrayList<>();
        ImportBenchmarkReport.Import largeXlsx = onNewStack(root, workDir, jvm, seed, warm, "large workbook", benchmark -> {
            Path file = benchmark.generate(large, Format.XLSX);
            Path readFile = readRows == large ? file : benchmark.generate(readRows, Format.XLSX);
            reads.add(benchmark.read(readFile, "import"));
            reads.add(benchmark.read(readFile, "poi"));
            if (!readFile.equals(file)) {
                Files.delete(readFile);
            }
            ImportBenchmarkReport.Import xlsx = benchmark.importFile(file, large, Format.XLSX, "large");
            Files.delete(file);
            return xlsx;
        });

        ImportBenchmarkReport report = new ImportBenchmarkReport(LocalDate.now(), Machine.current(), String.join(" ", jvm), seed,
                MeasuredRun.CONCURRENCY, warm, Duration.ofNanos(System.nanoTime() - began), measuredRounds, largeCsv, largeXlsx, reads, prebuilt[0]);
        String markdown = report.markdown();
        boolean real = rows.equals(DEFAULT_ROWS);
        Path results = Results.write(root.path(), workDir, "import.md", markdown, real);
        System.out.println();
        System.out.println(markdown);
        System.out.println("Written to " + root.path().relativize(results)
                + (real ? "" : " (not bench/results/import.md: these are not the sizes the committed results are for)")
                + "; the forked JVMs' output is in " + root.path().relativize(workDir.resolve("logs")));
    }

    /** Starts the emulators afresh (an empty table), uploads the warm-up files, runs {@code work}, stops them. */
    private static <T> T onNewStack(RepositoryRoot root, Path workDir, List<String> jvm, long seed, int warm, String name,
                                    OnStack<T> work) throws IOException, InterruptedException {
        System.out.println("Starting the emulators the import needs (DynamoDB, S3) for the " + name + "...");
        try (LocalAwsStack stack = LocalAwsStack.start(EnumSet.of(Emulator.DYNAMODB, Emulator.S3))) {
            ImportBenchmark benchmark = new ImportBenchmark(root, stack, workDir, jvm, seed, warm);
            try {
                benchmark.uploadWarmFiles();
                return work.run(benchmark);
            } finally {
                benchmark.aws.close();
            }
        }
    }

    /** One small file of each format, which every forked import imports before its measured one. */
    private void uploadWarmFiles() throws IOException {
        String org = "bench-warm";
        createOrganisation(org);
        for (Format format : Format.values()) {
            Path file = workDir.resolve("files/warm." + format.extension);
            if (format == Format.CSV) {
                new ContactFileGenerator(seed + 1).write(file, warmRows);
            } else {
                new ContactFileGenerator(seed + 1).writeWorkbook(file, warmRows);
            }
            String key = "imports/" + org + "/" + file.getFileName();
            PutObjectResponse put = aws.s3().putObject(b -> b.bucket(bucket).key(key), RequestBody.fromFile(file));
            warmFiles.put(format, new ImportSource(bucket, key, put.eTag(), Files.size(file), Instant.EPOCH));
            Files.delete(file);
        }
    }

    /** Writes the generated rows to a file of the format; its summary is kept beside it. */
    private Path generate(long rows, Format format) throws IOException {
        Path file = workDir.resolve("files/contacts-" + label(rows) + "." + format.extension);
        System.out.printf(Locale.ROOT, "Generating %s...%n", root.path().relativize(file));
        ContactFileGenerator generator = new ContactFileGenerator(seed);
        ContactFileGenerator.Summary summary = format == Format.CSV ? generator.write(file, rows) : generator.writeWorkbook(file, rows);
        summaries.put(file, summary);
        return file;
    }

    /**
     * The workbook read by one reader and nothing else, in a forked JVM. POI's in-memory table may not fit the
     * heap: then the failure is the result.
     */
    private ImportBenchmarkReport.WorkbookRead read(Path file, String reader) throws IOException, InterruptedException {
        String name = "read-xlsx-" + reader;
        System.out.printf(Locale.ROOT, "Reading the workbook alone (%s reader)...%n", reader);
        try {
            PhaseResult result = fork(name, List.of("read", file.toString(), reader));
            ImportBenchmarkReport.WorkbookRead read = new ImportBenchmarkReport.WorkbookRead(reader, result.number("rows"),
                    result.number("checksum"), result.time(), heap(result), null);
            System.out.printf(Locale.ROOT, "  %,d rows in %.1f s; peak heap after full GC %.1f MiB%n", read.rows(), seconds(read.time()),
                    read.heap().afterFullGc() / 1048576.0);
            return read;
        } catch (IllegalStateException e) {
            String log = Files.readString(workDir.resolve("logs/" + name + ".log"));
            String failure = log.contains("OutOfMemoryError") ? "OutOfMemoryError" : e.getMessage();
            System.out.printf(Locale.ROOT, "  failed: %s%n", failure);
            return new ImportBenchmarkReport.WorkbookRead(reader, 0, 0, Duration.ZERO, null, failure);
        }
    }

    /** The former raw loop's items, all built at once in a JVM of the same options: what they weigh. */
    private ImportBenchmarkReport.Prebuilt prebuilt(int items) throws IOException, InterruptedException {
        System.out.printf(Locale.ROOT, "The former raw loop's %,d items, all built before writing (nothing written)...%n", items);
        PhaseResult result = fork("prebuilt", List.of("prebuilt", table, Integer.toString(items), Long.toString(seed)));
        ImportBenchmarkReport.Prebuilt prebuilt = new ImportBenchmarkReport.Prebuilt(result.number("items"), result.number("itemsHeap"),
                heap(result));
        System.out.printf(Locale.ROOT, "  %.1f MiB live of a %.1f MiB heap; building them took GC %s%n", prebuilt.bytes() / 1048576.0,
                prebuilt.heap().max() / 1048576.0, prebuilt.heap().gcText());
        return prebuilt;
    }

    /** A raw loop into an organisation of its own. */
    private ImportBenchmarkReport.Raw raw(String name, MeasuredRun.Write write, int items) throws IOException, InterruptedException {
        String org = "bench-" + name;
        createOrganisation(org);
        System.out.printf(Locale.ROOT, "Raw %s: %,d contact items (%s), the table holding %,d items...%n",
                name, items, write == MeasuredRun.Write.BATCH ? "BatchWriteItem, " + MeasuredRun.CONCURRENCY + " in flight"
                        : "PutItem, " + MeasuredRun.ITEM_CONCURRENCY + " in flight", tableItems);
        double loadBefore = Machine.loadAverage();
        long tableBefore = tableItems;
        PhaseResult result = fork(name, List.of("raw", table, org, Integer.toString(items), Long.toString(seed),
                write.name().toLowerCase(Locale.ROOT), "bench-warm", Integer.toString(warmRows)));
        ImportBenchmarkReport.Raw raw = new ImportBenchmarkReport.Raw(name, write, result.number("items"), result.time(), result.calls(),
                new ImportBenchmarkReport.Load(loadBefore, Machine.loadAverage()), tenths(result), heap(result), tableBefore,
                result.putConditions());
        tableItems += raw.itemsWritten();
        System.out.printf(Locale.ROOT, "  %,d items in %.1f s: %,.0f items/s; GC %s%n", raw.items(), seconds(raw.time()), raw.itemsPerSecond(),
                raw.heap().gcText());
        return raw;
    }

    /** Uploads the file (not measured), imports it in a forked JVM and checks the job's counts. */
    private ImportBenchmarkReport.Import importFile(Path file, long rows, Format format, String name) throws IOException, InterruptedException {
        String label = label(rows);
        String org = "bench-" + label.toLowerCase(Locale.ROOT) + "-" + format.extension + "-" + name.replace(' ', '-');
        long size = Files.size(file);
        createOrganisation(org);
        String key = "imports/" + org + "/" + file.getFileName();
        System.out.printf(Locale.ROOT, "Import of %s rows (%s, %s): %,d bytes; uploading to s3://%s/%s (not measured)...%n",
                label, format, name, size, bucket, key);
        PutObjectResponse put = aws.s3().putObject(b -> b.bucket(bucket).key(key), RequestBody.fromFile(file));

        System.out.printf(Locale.ROOT, "  importing through ImportService.run in a forked JVM, the table holding %,d items...%n", tableItems);
        double loadBefore = Machine.loadAverage();
        long tableBefore = tableItems;
        // to the millisecond, as it is passed to the forked JVM: the job's id is derived from it
        Instant eventTime = Instant.ofEpochMilli(System.currentTimeMillis());
        ImportSource source = new ImportSource(bucket, key, put.eTag(), size, eventTime);
        ImportSource warm = warmFiles.get(format);
        CheckpointWatch checkpoints = CheckpointWatch.start(jobs, org, source.importId(), rows);
        PhaseResult result;
        try {
            result = fork("import-" + label + "-" + format.extension + "-" + name.replace(' ', '-'), List.of("import", table, bucket, key,
                    put.eTag(), Long.toString(size), Long.toString(eventTime.toEpochMilli()), warm.key(), warm.etag(), Long.toString(warm.size())));
        } finally {
            checkpoints.stop();
        }
        ContactFileGenerator.Summary expected = summaries.get(file);
        ImportBenchmarkReport.Import measured = new ImportBenchmarkReport.Import(label, format, name, expected, size, result.text("status"),
                result.number("rows"), result.number("created"), result.number("updated"), result.number("duplicates"),
                result.number("rejected"), result.time(), heap(result), result.calls(),
                new ImportBenchmarkReport.Load(loadBefore, Machine.loadAverage()), checkpoints.longestWait(), checkpoints.tenths(), tableBefore,
                result.putConditions());
        tableItems += measured.itemsWritten();
        System.out.printf(Locale.ROOT, "  %s: %,d rows in %.1f s, %,.0f rows/s, %,.0f contacts written/s; peak heap after full GC %.1f MiB; GC %s%n",
                measured.status(), measured.rows(), seconds(measured.time()), measured.rowsPerSecond(), measured.writtenPerSecond(),
                measured.heap().afterFullGc() / 1048576.0, measured.heap().gcText());
        List<String> problems = measured.problems();
        if (!problems.isEmpty()) {
            throw new IllegalStateException("The import of " + label + " rows (" + format + ") does not add up (failure: "
                    + result.text("failure") + "): " + String.join("; ", problems));
        }
        return measured;
    }

    private static ImportBenchmarkReport.Heap heap(PhaseResult result) {
        return new ImportBenchmarkReport.Heap(result.number("heap.afterFullGc"), result.number("heap.afterAnyGc"),
                result.number("heap.fullGcs"), result.number("heap.gcs"), result.number("heap.forcedGcs"),
                Duration.ofNanos(result.number("heap.forcedGcNanos")), Duration.ofMillis(result.number("heap.gcMillis")),
                result.number("heap.max"));
    }

    private void createOrganisation(String id) {
        Organisation organisation = OrganisationBuilder.builder()
                .id(id)
                .name("Import benchmark " + id)
                .build();
        organisations.create(organisation);
    }

    /** Runs one phase in a new JVM with the same options as every other, and reads what it measured. */
    private PhaseResult fork(String name, List<String> arguments) throws IOException, InterruptedException {
        return new PhaseResult(phases.run(name, arguments));
    }

    static List<Long> rows(String property) {
        if (property == null || property.isBlank()) {
            return DEFAULT_ROWS;
        }
        List<Long> rows = Arrays.stream(property.split(",")).map(String::strip).map(s -> s.replace("_", "")).map(Long::parseLong).toList();
        if (rows.size() != 2 || rows.get(0) < 1 || rows.get(1) <= rows.get(0)) {
            throw new IllegalArgumentException("-Drows=" + property + ": two sizes, the smaller first (e.g. 10000,100000)");
        }
        return rows;
    }

    /** The raw loop's rate in each tenth of its batches. */
    private static List<Double> tenths(PhaseResult raw) {
        long batches = (raw.number("items") + BatchOperations.MAX_WRITE_BATCH - 1) / BatchOperations.MAX_WRITE_BATCH;
        long tenth = Math.max(1, batches / 10);
        List<Double> rates = new ArrayList<>();
        long previous = 0;
        for (int i = 1; i <= 10; i++) {
            long at = raw.number("tenth." + i);
            rates.add(tenth * BatchOperations.MAX_WRITE_BATCH / ((at - previous) / 1e9));
            previous = at;
        }
        return rates;
    }

    static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

}
