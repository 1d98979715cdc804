package org.turnout.bench.imports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.turnout.aws.AwsClients;
import org.turnout.bench.support.ForkedJvm;
import org.turnout.importing.ImportJobRepository;
import org.turnout.importing.ImportSource;
import org.turnout.local.Emulator;
import org.turnout.local.LocalAwsStack;
import org.turnout.local.RepositoryRoot;
import org.turnout.organisation.Organisation;
import org.turnout.organisation.OrganisationRepository;
import org.turnout.store.BatchOperations;
import org.turnout.store.TurnoutTable;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * The import benchmark. One local stack (DynamoDB on dynalite, S3 on S3Proxy), and against it, one after
 * the other: the raw ceiling (pre-built contact items written with BatchWriteItem, as many in flight as the
 * import has), then the import of a generated file of 100k rows and of one of 1M rows, each through
 * ImportService.run in a JVM of its own, whose heap is watched. Run by bench/run-import.
 *
 * <ul>
 *   <li>{@code -Drows=100000,1000000}: the two files' sizes;
 *   <li>{@code -Draw=100000}: items the raw loop writes (the smaller file's rows by default);
 *   <li>{@code -Djvm="-Xmx512m -XX:+UseSerialGC"}: the options of every forked JVM;
 *   <li>{@code -Dseed=2026}: the generator's seed;
 *   <li>{@code -DheapSampleMillis=2000}: how often a forked import forces a full collection to sample its heap.
 * </ul>
 * With the default sizes the report goes to bench/results/import.md; with others, to
 * bench/import/target/run/import.md, so that a quick run never replaces the committed one.
 */
public final class ImportBenchmark {

    static final List<Long> DEFAULT_ROWS = List.of(100_000L, 1_000_000L);
    static final String DEFAULT_JVM = "-Xmx512m -XX:+UseSerialGC";
    static final double RATE_TARGET = 0.8;
    static final double HEAP_TARGET = 1.2;

    private final RepositoryRoot root;
    private final Path workDir;
    private final List<String> jvm;
    private final long seed;
    private final AwsClients aws;
    private final String table;
    private final String bucket;
    private final OrganisationRepository organisations;
    private final ImportJobRepository jobs;
    private final ForkedJvm phases;

    private ImportBenchmark(RepositoryRoot root, LocalAwsStack stack, Path workDir, List<String> jvm, long seed) {
        this.root = root;
        this.workDir = workDir;
        this.jvm = jvm;
        this.seed = seed;
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

    public static void main(String[] args) throws Exception {
        long began = System.nanoTime();
        System.setProperty("slf4j.internal.verbosity", "ERROR");
        List<Long> rows = rows(System.getProperty("rows"));
        int rawItems = Integer.getInteger("raw", Math.toIntExact(rows.get(0)));
        List<String> jvm = Arrays.asList(System.getProperty("jvm", DEFAULT_JVM).trim().split("\\s+"));
        long seed = Long.getLong("seed", ContactFileGenerator.DEFAULT_SEED);
        RepositoryRoot root = RepositoryRoot.locate();
        Path workDir = root.path().resolve("bench/import/target/run");
        deleteRecursively(workDir);
        Files.createDirectories(workDir.resolve("logs"));
        Files.createDirectories(workDir.resolve("files"));

        System.out.println("Starting the emulators the import needs (DynamoDB, S3)...");
        ImportBenchmarkReport report;
        try (LocalAwsStack stack = LocalAwsStack.start(EnumSet.of(Emulator.DYNAMODB, Emulator.S3))) {
            ImportBenchmark benchmark = new ImportBenchmark(root, stack, workDir, jvm, seed);
            try {
                ImportBenchmarkReport.Raw raw = benchmark.raw(rawItems);
                List<ImportBenchmarkReport.Import> imports = new ArrayList<>();
                for (long size : rows) {
                    imports.add(benchmark.importFile(size));
                }
                report = new ImportBenchmarkReport(LocalDate.now(), Machine.current(), String.join(" ", jvm), seed,
                        MeasuredRun.CONCURRENCY, Duration.ofNanos(System.nanoTime() - began), raw, imports);
            } finally {
                benchmark.aws.close();
            }
        }
        String markdown = report.markdown();
        boolean real = rows.equals(DEFAULT_ROWS);
        Path results = real ? root.path().resolve("bench/results/import.md") : workDir.resolve("import.md");
        Files.createDirectories(results.getParent());
        Files.writeString(results, markdown, StandardCharsets.UTF_8);
        System.out.println();
        System.out.println(markdown);
        System.out.println("Written to " + root.path().relativize(results)
                + (real ? "" : " (not bench/results/import.md: these are not the sizes the committed results are for)")
                + "; the forked JVMs' output is in " + root.path().relativize(workDir.resolve("logs")));
    }

    /** The raw ceiling, into an organisation of its own. */
    private ImportBenchmarkReport.Raw raw(int items) throws IOException, InterruptedException {
        String org = "bench-raw";
        createOrganisation(org);
        System.out.printf(Locale.ROOT, "Raw ceiling: building %,d contact items, then writing them (BatchWriteItem, %d in flight)...%n",
                items, MeasuredRun.CONCURRENCY);
        double loadBefore = loadAverage();
        PhaseResult result = fork("raw", List.of("raw", table, org, Integer.toString(items), Long.toString(seed)));
        ImportBenchmarkReport.Raw raw = new ImportBenchmarkReport.Raw(result.number("items"), result.time(), result.calls(),
                new ImportBenchmarkReport.Load(loadBefore, loadAverage()), tenths(result));
        System.out.printf(Locale.ROOT, "  %,d items in %.1f s: %,.0f items/s%n", raw.items(), seconds(raw.time()), raw.itemsPerSecond());
        return raw;
    }

    /** Generates the file, uploads it (not measured), imports it in a forked JVM and checks the job's counts. */
    private ImportBenchmarkReport.Import importFile(long rows) throws IOException, InterruptedException {
        String label = label(rows);
        String org = "bench-" + label.toLowerCase(Locale.ROOT);
        Path file = workDir.resolve("files/contacts-" + label + ".csv");
        System.out.printf(Locale.ROOT, "Import of %s rows: generating %s...%n", label, root.path().relativize(file));
        ContactFileGenerator.Summary expected = new ContactFileGenerator(seed).write(file, rows);
        long size = Files.size(file);
        createOrganisation(org);
        String key = "imports/" + org + "/" + file.getFileName();
        System.out.printf(Locale.ROOT, "  %,d bytes; uploading to s3://%s/%s (not measured)...%n", size, bucket, key);
        PutObjectResponse put = aws.s3().putObject(b -> b.bucket(bucket).key(key), RequestBody.fromFile(file));
        Files.delete(file);

        System.out.printf(Locale.ROOT, "  importing through ImportService.run in a forked JVM...%n");
        double loadBefore = loadAverage();
        // to the millisecond, as it is passed to the forked JVM: the job's id is derived from it
        Instant eventTime = Instant.ofEpochMilli(System.currentTimeMillis());
        ImportSource source = new ImportSource(bucket, key, put.eTag(), size, eventTime);
        CheckpointWatch checkpoints = CheckpointWatch.start(jobs, org, source.importId(), rows);
        PhaseResult result;
        try {
            result = fork("import-" + label, List.of("import", table, bucket, key, put.eTag(), Long.toString(size),
                    Long.toString(eventTime.toEpochMilli())));
        } finally {
            checkpoints.stop();
        }
        System.out.printf(Locale.ROOT, "  longest wait between two checkpoints: %.1f s; rows/s by tenth of the file: %s%n",
                seconds(checkpoints.longestWait()), checkpoints.tenths());
        ImportBenchmarkReport.Import measured = new ImportBenchmarkReport.Import(label, expected, size, result.text("status"),
                result.number("rows"), result.number("created"), result.number("updated"), result.number("duplicates"),
                result.number("rejected"), result.time(), new ImportBenchmarkReport.Heap(result.number("heap.afterFullGc"),
                result.number("heap.afterAnyGc"), result.number("heap.fullGcs"), result.number("heap.gcs"),
                result.number("heap.forcedGcs"), Duration.ofNanos(result.number("heap.forcedGcNanos")),
                Duration.ofMillis(result.number("heap.gcMillis")), result.number("heap.max")), result.calls(),
                new ImportBenchmarkReport.Load(loadBefore, loadAverage()), checkpoints.longestWait(), checkpoints.tenths());
        System.out.printf(Locale.ROOT, "  %s: %,d rows in %.1f s, %,.0f rows/s, %,.0f contacts written/s; peak heap after full GC %.1f MiB%n",
                measured.status(), measured.rows(), seconds(measured.time()), measured.rowsPerSecond(), measured.writtenPerSecond(),
                measured.heap().afterFullGc() / 1048576.0);
        List<String> problems = measured.problems();
        if (!problems.isEmpty()) {
            throw new IllegalStateException("The import of " + label + " rows does not add up (failure: " + result.text("failure")
                    + "): " + String.join("; ", problems));
        }
        return measured;
    }

    private void createOrganisation(String id) {
        Organisation organisation = new Organisation();
        organisation.setId(id);
        organisation.setName("Import benchmark " + id);
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

    /** 100000 is "100k", 1000000 "1M", anything else its number. */
    static String label(long rows) {
        if (rows % 1_000_000 == 0) {
            return rows / 1_000_000 + "M";
        }
        if (rows % 1_000 == 0) {
            return rows / 1_000 + "k";
        }
        return Long.toString(rows);
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

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
