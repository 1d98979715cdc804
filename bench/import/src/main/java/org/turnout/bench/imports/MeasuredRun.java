package org.turnout.bench.imports;

import org.turnout.secrets.SecretStore;
import org.turnout.bench.support.HeapWatch;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.ExecutionException;

import org.turnout.audit.AuditTrail;
import org.turnout.aws.AwsClients;
import org.turnout.contact.ContactIds;
import org.turnout.contact.ContactRepository;
import org.turnout.importing.ColumnLayout;
import org.turnout.importing.ContactImportWriter;
import org.turnout.importing.ContactMerge;
import org.turnout.importing.ImportJob;
import org.turnout.importing.ImportJobRepository;
import org.turnout.importing.ImportOptions;
import org.turnout.importing.ImportReport;
import org.turnout.importing.ImportService;
import org.turnout.importing.ImportSource;
import org.turnout.importing.ParsedRow;
import org.turnout.importing.RowParser;
import org.turnout.organisation.OrganisationRepository;
import org.turnout.privacy.ErasureTombstones;
import org.turnout.store.BatchOperations;
import org.turnout.store.TurnoutTable;
import org.turnout.suppression.SuppressionRepository;
import org.turnout.suppression.SuppressionService;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * One measured phase, in a JVM of its own that {@link ImportBenchmark} forks with the SDK pointed at the
 * local stack, so that each phase starts from the same state and its heap is its own. It writes what it
 * measured to a properties file.
 *
 * <pre>
 * MeasuredRun import TABLE BUCKET KEY ETAG SIZE EVENT_TIME_MILLIS RESULT_FILE
 * MeasuredRun raw    TABLE ORG ITEMS SEED RESULT_FILE
 * </pre>
 */
public final class MeasuredRun {
    /** The key of the contact ids the benchmark derives; any secret does. */
    private static final ContactIds IDS = new ContactIds("benchmark-contact-id-key-0123456789");

    /** In flight at once: BatchOperations' default, as deployed (TURNOUT_BATCH_CONCURRENCY). */
    static final int CONCURRENCY = 8;
    /** As BatchOperations retries what DynamoDB leaves unprocessed. */
    private static final BackoffStrategy BACKOFF = BackoffStrategy.exponentialDelayHalfJitter(Duration.ofMillis(25), Duration.ofSeconds(2));
    private static final int MAX_ATTEMPTS = 12;

    private MeasuredRun() {
    }

    public static void main(String[] args) throws Exception {
        // the SDK's own clients have no logger here, and need none
        System.setProperty("slf4j.internal.verbosity", "ERROR");
        Properties result = switch (args[0]) {
            case "import" -> importFile(args[1], args[2], args[3], args[4], Long.parseLong(args[5]),
                    Instant.ofEpochMilli(Long.parseLong(args[6])));
            case "raw" -> rawWrites(args[1], args[2], Integer.parseInt(args[3]), Long.parseLong(args[4]));
            default -> throw new IllegalArgumentException("unknown phase " + args[0]);
        };
        Path file = Path.of(args[args.length - 1]);
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            result.store(out, "measured by " + MeasuredRun.class.getName() + " " + args[0]);
        }
        System.exit(0); // the SDK's and BatchOperations' threads are daemons, but the Apache client's reaper may not be
    }

    /** The file, already in the bucket, through ImportService.run until it is done; the heap watched throughout. */
    private static Properties importFile(String tableName, String bucket, String key, String etag, long size, Instant eventTime)
            throws InterruptedException {
        Duration sampleEvery = Duration.ofMillis(Long.getLong("heapSampleMillis", 2000));
        System.gc();
        HeapWatch heap = HeapWatch.start(sampleEvery);
        AwsClients aws = new AwsClients();
        try {
            TurnoutTable table = new TurnoutTable(aws, tableName);
            BatchOperations batches = new BatchOperations(table, CONCURRENCY);
            ContactRepository contacts = new ContactRepository(table, batches);
            ImportJobRepository jobs = new ImportJobRepository(table);
            OrganisationRepository organisations = new OrganisationRepository(table);
            // the suppression and erasure checks of every window are part of what an import costs
            SuppressionService suppressions = new SuppressionService(new SuppressionRepository(table, batches), contacts, IDS,
                    new ErasureTombstones(table, batches, new SecretStore(id -> "benchmark-pepper-0123456789", Clock.systemUTC()), Optional.of("erasure-pepper")),
                    new AuditTrail(table, Clock.systemUTC()), Clock.systemUTC());
            ImportService imports = new ImportService(organisations, jobs, new ContactImportWriter(contacts, IDS, batches, suppressions, Clock.systemUTC()),
                    new ImportReport(table, aws, bucket), aws, Clock.systemUTC(), ImportService.MAX_ROWS);
            ImportSource source = new ImportSource(bucket, key, etag, size, eventTime);
            String orgId = source.orgId().orElseThrow(() -> new IllegalArgumentException(key + " is not under imports/{org}/"));
            // not measured: the clients built and their first connections opened, as a warm function has them
            organisations.find(orgId).orElseThrow(() -> new IllegalStateException("no organisation " + orgId));
            aws.s3().headObject(b -> b.bucket(bucket).key(key));
            AwsCalls.reset();

            long began = System.nanoTime();
            // far enough that the run is never handed over to a new invocation: this measures the rate, not Lambda's limit
            ImportService.Run run = imports.run(source, Instant.now().plus(Duration.ofDays(1)));
            long nanos = System.nanoTime() - began;
            Map<String, AwsCalls.Count> calls = AwsCalls.snapshot();
            HeapWatch.Peaks peaks = heap.stop();

            ImportJob job = jobs.find(orgId, source.importId()).orElseThrow();
            Properties result = new Properties();
            result.setProperty("run", run.name());
            result.setProperty("status", job.getStatus());
            result.setProperty("failure", String.valueOf(job.getFailure()));
            result.setProperty("nanos", Long.toString(nanos));
            result.setProperty("rows", String.valueOf(job.getRows()));
            result.setProperty("created", String.valueOf(job.getCreated()));
            result.setProperty("updated", String.valueOf(job.getUpdated()));
            result.setProperty("duplicates", String.valueOf(job.getDuplicates()));
            result.setProperty("rejected", String.valueOf(job.getRejected()));
            putHeap(result, peaks);
            putCalls(result, calls);
            return result;
        } finally {
            aws.close();
        }
    }

    /**
     * The ceiling: {@code items} contacts shaped as the import shapes them (built by the same parser, merge and
     * mapper, from the generator's rows), all built before the clock starts, then written with BatchWriteItem 25
     * a call, {@link #CONCURRENCY} calls always in flight, what comes back unprocessed retried as
     * BatchOperations retries it.
     */
    private static Properties rawWrites(String tableName, String orgId, int items, long seed) throws InterruptedException, ExecutionException {
        AwsClients aws = new AwsClients();
        try {
            TurnoutTable table = new TurnoutTable(aws, tableName);
            ContactRepository contacts = new ContactRepository(table, new BatchOperations(table, 1));
            List<WriteRequest> requests = contactItems(contacts, orgId, items, seed);
            List<List<WriteRequest>> batches = new ArrayList<>();
            for (int from = 0; from < requests.size(); from += BatchOperations.MAX_WRITE_BATCH) {
                batches.add(requests.subList(from, Math.min(requests.size(), from + BatchOperations.MAX_WRITE_BATCH)));
            }
            DynamoDbClient client = aws.dynamoDb();
            client.describeTable(b -> b.tableName(tableName)); // not measured: the client built, a connection open
            AwsCalls.reset();
            System.gc();

            ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
            AtomicInteger next = new AtomicInteger();
            long began = System.nanoTime();
            List<Future<?>> workers = new ArrayList<>();
            // the time at which each tenth of the batches was done, to see whether the rate drifts as the table grows
            int tenth = Math.max(1, batches.size() / 10);
            AtomicInteger done = new AtomicInteger();
            long[] tenths = new long[11];
            for (int i = 0; i < CONCURRENCY; i++) {
                workers.add(pool.submit(() -> {
                    for (int batch = next.getAndIncrement(); batch < batches.size(); batch = next.getAndIncrement()) {
                        write(client, tableName, batches.get(batch));
                        int finished = done.incrementAndGet();
                        if (finished % tenth == 0 && finished / tenth <= 10) {
                            tenths[finished / tenth] = System.nanoTime() - began;
                        }
                    }
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
            long nanos = System.nanoTime() - began;
            pool.shutdown();

            Properties result = new Properties();
            result.setProperty("nanos", Long.toString(nanos));
            result.setProperty("items", Integer.toString(requests.size()));
            for (int i = 1; i <= 10; i++) {
                result.setProperty("tenth." + i, Long.toString(tenths[i]));
                System.out.printf(java.util.Locale.ROOT, "%3d%% of the items written after %6.1f s: %,6.0f items/s in this tenth%n", i * 10,
                        tenths[i] / 1e9, (double) tenth * BatchOperations.MAX_WRITE_BATCH / ((tenths[i] - tenths[i - 1]) / 1e9));
            }
            putCalls(result, AwsCalls.snapshot());
            return result;
        } finally {
            aws.close();
        }
    }

    /** The put requests of the first {@code items} distinct people of the generator's rows, as the import builds them. */
    static List<WriteRequest> contactItems(ContactRepository contacts, String orgId, int items, long seed) {
        RowParser parser = new RowParser(ColumnLayout.of(ContactFileGenerator.HEADER, ImportOptions.NONE));
        ContactMerge merge = new ContactMerge(orgId, "raw-ceiling", null, Instant.now());
        List<WriteRequest> requests = new ArrayList<>(items);
        Set<String> seen = new HashSet<>();
        var records = new ContactFileGenerator(seed).records(Long.MAX_VALUE);
        for (long line = 2; requests.size() < items; line++) {
            if (parser.parse(line, records.next()) instanceof ParsedRow.Valid valid && seen.add(IDS.forEmail(valid.row().email()))) {
                requests.add(contacts.putRequest(merge.apply(null, IDS.forEmail(valid.row().email()), valid.row(), false).contact()));
            }
        }
        return requests;
    }

    private static void write(DynamoDbClient client, String tableName, List<WriteRequest> batch) {
        Map<String, List<WriteRequest>> pending = Map.of(tableName, batch);
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            Map<String, List<WriteRequest>> request = pending;
            BatchWriteItemResponse response = client.batchWriteItem(b -> b.requestItems(request));
            pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
            if (!pending.isEmpty()) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw new IllegalStateException("BatchWriteItem still had unprocessed items after " + attempt + " attempts");
                }
                try {
                    Thread.sleep(BACKOFF.computeDelay(attempt).toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    private static void putHeap(Properties result, HeapWatch.Peaks peaks) {
        result.setProperty("heap.afterFullGc", Long.toString(peaks.afterFullGc()));
        result.setProperty("heap.afterAnyGc", Long.toString(peaks.afterAnyGc()));
        result.setProperty("heap.fullGcs", Long.toString(peaks.fullGcs()));
        result.setProperty("heap.gcs", Long.toString(peaks.gcs()));
        result.setProperty("heap.forcedGcs", Long.toString(peaks.forcedGcs()));
        result.setProperty("heap.forcedGcNanos", Long.toString(peaks.forcedGcTime().toNanos()));
        result.setProperty("heap.gcMillis", Long.toString(peaks.gcTime().toMillis()));
        result.setProperty("heap.max", Long.toString(Runtime.getRuntime().maxMemory()));
    }

    private static void putCalls(Properties result, Map<String, AwsCalls.Count> calls) {
        calls.forEach((operation, count) -> {
            result.setProperty("calls." + operation + ".calls", Long.toString(count.calls()));
            result.setProperty("calls." + operation + ".items", Long.toString(count.items()));
            result.setProperty("calls." + operation + ".unprocessed", Long.toString(count.unprocessed()));
            result.setProperty("calls." + operation + ".failures", Long.toString(count.failures()));
            result.setProperty("calls." + operation + ".nanos", Long.toString(count.nanos()));
        });
    }
}
