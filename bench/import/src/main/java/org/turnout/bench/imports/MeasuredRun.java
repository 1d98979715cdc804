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
import java.util.HashMap;
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
import org.turnout.contact.Contact;
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
import org.turnout.importing.WorkbookReading;
import org.turnout.organisation.OrganisationRepository;
import org.turnout.privacy.ErasureTombstones;
import org.turnout.store.BatchOperations;
import org.turnout.store.TurnoutTable;
import org.turnout.suppression.SuppressionRepository;
import org.turnout.suppression.SuppressionService;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * One measured phase, in a JVM of its own that {@link ImportBenchmark} forks with the SDK pointed at the
 * local stack, so that each phase starts from the same state and its heap is its own. Each phase warms up
 * first, in the same JVM and against the same emulator, on work of its own kind that is not measured; then
 * its measured work runs under the same heap watch (a full collection forced at the same interval). It
 * writes what it measured to a properties file.
 *
 * <pre>
 * MeasuredRun import TABLE BUCKET KEY ETAG SIZE EVENT_TIME_MILLIS WARM_KEY WARM_ETAG WARM_SIZE RESULT_FILE
 * MeasuredRun raw    TABLE ORG ITEMS SEED WRITE(batch|put) WARM_ORG WARM_ITEMS RESULT_FILE
 * MeasuredRun read   WORKBOOK READER(import|poi) RESULT_FILE
 * MeasuredRun prebuilt TABLE ITEMS SEED RESULT_FILE
 * </pre>
 */
public final class MeasuredRun {
    /** The key of the contact ids the benchmark derives; any secret does. */
    private static final ContactIds IDS = new ContactIds("benchmark-contact-id-key-0123456789");

    /** In flight at once: BatchOperations' default, as deployed (TURNOUT_BATCH_CONCURRENCY). */
    static final int CONCURRENCY = 8;
    /** Single-item writes in flight: BatchOperations runs four for each batch call it allows. */
    static final int ITEM_CONCURRENCY = CONCURRENCY * 4;
    /** As BatchOperations retries what DynamoDB leaves unprocessed. */
    private static final BackoffStrategy BACKOFF = BackoffStrategy.exponentialDelayHalfJitter(Duration.ofMillis(25), Duration.ofSeconds(2));
    private static final int MAX_ATTEMPTS = 12;
    /** Between the PutItem conditions of a phase in its result (no condition holds it). */
    static final String CONDITION_SEPARATOR = " ¦ ";

    private MeasuredRun() {
    }

    public static void main(String[] args) throws Exception {
        // the SDK's own clients have no logger here, and need none
        System.setProperty("slf4j.internal.verbosity", "ERROR");
        Properties result = switch (args[0]) {
            case "import" -> importFile(args[1], args[2], args[3], args[4], Long.parseLong(args[5]),
                    Instant.ofEpochMilli(Long.parseLong(args[6])), args[7], args[8], Long.parseLong(args[9]));
            case "raw" -> rawWrites(args[1], args[2], Integer.parseInt(args[3]), Long.parseLong(args[4]), Write.valueOf(args[5].toUpperCase(java.util.Locale.ROOT)),
                    args[6], Integer.parseInt(args[7]));
            case "read" -> readWorkbook(Path.of(args[1]), args[2]);
            case "prebuilt" -> prebuilt(args[1], Integer.parseInt(args[2]), Long.parseLong(args[3]));
            default -> throw new IllegalArgumentException("unknown phase " + args[0]);
        };
        Path file = Path.of(args[args.length - 1]);
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            result.store(out, "measured by " + MeasuredRun.class.getName() + " " + args[0]);
        }
        System.exit(0); // the SDK's and BatchOperations' threads are daemons, but the Apache client's reaper may not be
    }

    /**
     * The workbook's rows read and nothing else, by the import's reader or, as the control, with POI's in-memory
     * shared-strings table: the heap the reading itself needs. A checksum of the values shows both read the same.
     */
    private static Properties readWorkbook(Path file, String reader) throws Exception {
        System.gc();
        HeapWatch heap = HeapWatch.start(sampleEvery());
        long[] rows = {0};
        long[] checksum = {0};
        WorkbookReading.XlsxRowsConsumer count = (rowNumber, values) -> {
            rows[0]++;
            checksum[0] = 31 * checksum[0] + values.hashCode();
        };
        long began = System.nanoTime();
        switch (reader) {
            case "import" -> WorkbookReading.importReader(file, count);
            case "poi" -> WorkbookReading.poiInMemoryTable(file, count);
            default -> throw new IllegalArgumentException("unknown reader " + reader);
        }
        long nanos = System.nanoTime() - began;
        Properties result = new Properties();
        result.setProperty("nanos", Long.toString(nanos));
        result.setProperty("rows", Long.toString(rows[0]));
        result.setProperty("checksum", Long.toString(checksum[0]));
        putHeap(result, heap.stop());
        return result;
    }

    /**
     * What the former raw loop held: all its items built before the clock and kept in a list. Nothing is
     * written; the live heap with all of them, and the collections it took to build them, are the result.
     */
    private static Properties prebuilt(String tableName, int items, long seed) throws InterruptedException {
        AwsClients aws = new AwsClients();
        try {
            ContactItems source = new ContactItems(new TurnoutTable(aws, tableName), "bench-prebuilt", items, seed);
            long before = HeapWatch.liveHeap();
            HeapWatch heap = HeapWatch.start(Duration.ZERO);
            List<WriteRequest> all = new ArrayList<>(items);
            for (List<Contact> batch = source.next(); !batch.isEmpty(); batch = source.next()) {
                batch.stream().map(source::putRequest).forEach(all::add);
            }
            HeapWatch.Peaks peaks = heap.stop();
            Properties result = new Properties();
            result.setProperty("items", Integer.toString(all.size()));
            result.setProperty("itemsHeap", Long.toString(HeapWatch.liveHeap() - before));
            putHeap(result, peaks);
            return result;
        } finally {
            aws.close();
        }
    }

    /** How the raw loop stores its items: 25 a call, or one a call. */
    enum Write { BATCH, PUT }

    private static Duration sampleEvery() {
        return Duration.ofMillis(Long.getLong("heapSampleMillis", 2000));
    }

    /**
     * The file, already in the bucket, through ImportService.run until it is done; the heap watched throughout.
     * Before it, not measured, the warm-up file is imported the same way (a job of its own), so that the
     * measured run meets compiled code and a warm emulator, as the raw loop does.
     */
    private static Properties importFile(String tableName, String bucket, String key, String etag, long size, Instant eventTime,
                                         String warmKey, String warmEtag, long warmSize) throws InterruptedException {
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

            // not measured: a warm-up import (a job of its own, at another event time), the clients built and their
            // connections open, as a warm function has them
            ImportSource warm = new ImportSource(bucket, warmKey, warmEtag, warmSize, eventTime.minusSeconds(1));
            ImportService.Run warmRun = imports.run(warm, Instant.now().plus(Duration.ofDays(1)));
            if (warmRun != ImportService.Run.DONE) {
                throw new IllegalStateException("the warm-up import ended " + warmRun);
            }
            organisations.find(orgId).orElseThrow(() -> new IllegalStateException("no organisation " + orgId));
            aws.s3().headObject(b -> b.bucket(bucket).key(key));
            AwsCalls.reset();
            System.gc();
            HeapWatch heap = HeapWatch.start(sampleEvery());

            long began = System.nanoTime();
            // far enough that the run is never handed over to a new invocation: this measures the rate, not Lambda's limit
            ImportService.Run run = imports.run(source, Instant.now().plus(Duration.ofDays(1)));
            long nanos = System.nanoTime() - began;
            Measures measures = Measures.taken(heap);

            ImportJob job = jobs.find(orgId, source.importId()).orElseThrow();
            Properties result = new Properties();
            result.setProperty("run", run.name());
            result.setProperty("status", job.status());
            result.setProperty("failure", String.valueOf(job.failure()));
            result.setProperty("nanos", Long.toString(nanos));
            result.setProperty("rows", String.valueOf(job.rows()));
            result.setProperty("created", String.valueOf(job.created()));
            result.setProperty("updated", String.valueOf(job.updated()));
            result.setProperty("duplicates", String.valueOf(job.duplicates()));
            result.setProperty("rejected", String.valueOf(job.rejected()));
            measures.putInto(result);
            return result;
        } finally {
            aws.close();
        }
    }

    /**
     * The ceiling: {@code items} contacts shaped as the import shapes them (built by the same parser, merge and
     * mapper, from the generator's rows, with an import id as long as an import's), written with BatchWriteItem
     * 25 a call (or PutItem one a call), {@link #CONCURRENCY} calls always in flight, what comes back unprocessed
     * retried as BatchOperations retries it. The items are built as they are sent, a batch at a time, so that no
     * more of them are live than the import holds; a warm-up of {@code warmItems} into {@code warmOrg} comes first.
     */
    private static Properties rawWrites(String tableName, String orgId, int items, long seed, Write mode, String warmOrg, int warmItems)
            throws InterruptedException, ExecutionException {
        AwsClients aws = new AwsClients();
        try {
            TurnoutTable table = new TurnoutTable(aws, tableName);
            DynamoDbClient client = aws.dynamoDb();
            // the import's own conditional write of a new contact: the same PutItem, condition and mapping
            ContactRepository contacts = new ContactRepository(table, new BatchOperations(table, CONCURRENCY));
            // not measured: the same loop on other items, to compile it and warm the emulator
            // (an earlier phase warmed up on the same items: here a conditional put may find its item stored)
            writeAll(client, tableName, contacts, new ContactItems(table, warmOrg, warmItems, seed + 1), mode, new long[11], false);
            AwsCalls.reset();
            System.gc();
            HeapWatch heap = HeapWatch.start(sampleEvery());

            ContactItems source = new ContactItems(table, orgId, items, seed);
            long[] tenths = new long[11];
            long began = System.nanoTime();
            writeAll(client, tableName, contacts, source, mode, tenths, true);
            long nanos = System.nanoTime() - began;
            Measures measures = Measures.taken(heap);

            Properties result = new Properties();
            result.setProperty("nanos", Long.toString(nanos));
            result.setProperty("items", Long.toString(source.built()));
            for (int i = 1; i <= 10; i++) {
                result.setProperty("tenth." + i, Long.toString(tenths[i] - began));
            }
            measures.putInto(result);
            return result;
        } finally {
            aws.close();
        }
    }

    /**
     * Writes every item of {@code source}, {@link #CONCURRENCY} batch calls or {@link #ITEM_CONCURRENCY} single puts
     * in flight, as the import has them; notes when each tenth of the batches was done. A single put is the
     * import's own write of a new contact ({@link ContactRepository#createIfAbsent}): a PutItem that stores it only
     * if absent, the condition the import's puts carry, checked by the emulator for each item as for the import's.
     */
    private static void writeAll(DynamoDbClient client, String tableName, ContactRepository contacts, ContactItems source, Write mode,
                                 long[] tenths, boolean allNew)
            throws InterruptedException, ExecutionException {
        int writers = mode == Write.BATCH ? CONCURRENCY : ITEM_CONCURRENCY;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            int batches = (source.size() + BatchOperations.MAX_WRITE_BATCH - 1) / BatchOperations.MAX_WRITE_BATCH;
            int tenth = Math.max(1, batches / 10);
            AtomicInteger done = new AtomicInteger();
            List<Future<?>> workers = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                workers.add(pool.submit(() -> {
                    for (List<Contact> batch = source.next(); !batch.isEmpty(); batch = source.next()) {
                        if (mode == Write.BATCH) {
                            write(client, tableName, batch.stream().map(source::putRequest).toList());
                        } else {
                            for (Contact contact : batch) {
                                if (contacts.createIfAbsent(contact).isEmpty() && allNew) {
                                    throw new IllegalStateException("the raw loop's contact " + contact.contactId() + " was already stored");
                                }
                            }
                        }
                        int finished = done.incrementAndGet();
                        if (finished % tenth == 0 && finished / tenth <= 10) {
                            tenths[finished / tenth] = System.nanoTime();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The contacts of the first {@code items} distinct people of the generator's rows, as the import builds
     * them, handed out 25 at a time to whichever writer asks: only the batches in flight are live.
     */
    static final class ContactItems {
        private final TableSchema<Contact> schema;
        private final RowParser parser = new RowParser(ColumnLayout.of(ContactFileGenerator.HEADER, ImportOptions.NONE));
        private final ContactMerge merge;
        private final Set<String> seen = new HashSet<>();
        private final java.util.Iterator<List<String>> records;
        private final int items;
        private long line = 2;
        private int built;

        ContactItems(TurnoutTable table, String orgId, int items, long seed) {
            this.schema = Contact.SCHEMA;
            this.items = items;
            // an import's id has this shape (time, then 10 hex digits): the raw items are no smaller than the import's
            this.merge = new ContactMerge(orgId, "20260101T000000Z-0123456789", null, Instant.now());
            this.records = new ContactFileGenerator(seed).records(Long.MAX_VALUE);
        }

        int size() {
            return items;
        }

        synchronized int built() {
            return built;
        }

        /** The next batch, empty when all are built. */
        synchronized List<Contact> next() {
            List<Contact> batch = new ArrayList<>(BatchOperations.MAX_WRITE_BATCH);
            while (batch.size() < BatchOperations.MAX_WRITE_BATCH && built < items) {
                if (parser.parse(line++, records.next()) instanceof ParsedRow.Valid valid) {
                    String id = IDS.forEmail(valid.row().email());
                    if (seen.add(id)) {
                        batch.add(merge.apply(null, id, valid.row(), false).contact());
                        built++;
                    }
                }
            }
            return batch;
        }

        /** The contact as a batch write stores it: at version 1, as the import's write of a new contact does. */
        WriteRequest putRequest(Contact contact) {
            return WriteRequest.builder().putRequest(PutRequest.builder().item(schema.itemToMap(contact.withVersion(1L), true)).build()).build();
        }
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

    /** What a measured write phase reports beside its own figures: the AWS calls, the conditions of the puts, the heap. */
    private record Measures(Map<String, AwsCalls.Count> calls, Set<String> putConditions, HeapWatch.Peaks peaks) {
        /** Taken as the measured work ends: the calls first, then the heap watch stops. */
        static Measures taken(HeapWatch heap) throws InterruptedException {
            Map<String, AwsCalls.Count> calls = AwsCalls.snapshot();
            Set<String> putConditions = AwsCalls.putConditions();
            return new Measures(calls, putConditions, heap.stop());
        }

        void putInto(Properties result) {
            putHeap(result, peaks);
            putCalls(result, calls);
            result.setProperty("putConditions", String.join(CONDITION_SEPARATOR, putConditions));
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
            result.setProperty("calls." + operation + ".bytes", Long.toString(count.bytes()));
        });
    }
}
