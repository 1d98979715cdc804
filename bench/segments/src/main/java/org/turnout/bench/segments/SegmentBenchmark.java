package org.turnout.bench.segments;

import static org.turnout.bench.support.Counts.label;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

import org.turnout.aws.AwsClients;
import org.turnout.bench.support.ForkedJvm;
import org.turnout.bench.support.Machine;
import org.turnout.bench.support.Results;
import org.turnout.contact.Contact;
import org.turnout.contact.ContactEnumerator;
import org.turnout.contact.ContactRepository;
import org.turnout.local.Emulator;
import org.turnout.local.LocalAwsStack;
import org.turnout.local.RepositoryRoot;
import org.turnout.organisation.Organisation;
import org.turnout.organisation.OrganisationBuilder;
import org.turnout.organisation.OrganisationRepository;
import org.turnout.segment.Mailable;
import org.turnout.segment.SegmentEngine;
import org.turnout.store.BatchOperations;
import org.turnout.store.TurnoutTable;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The segment benchmark. One local stack (DynamoDB only, on dynalite), one organisation of generated contacts
 * (100k by default), and in one run, in alternating order, repeated: the raw ceiling (an SDK-only parallel Query
 * of the organisation's 16 GSI2 shards with the engine's consent filter, counting items), the enumerator alone
 * (ContactEnumerator.forEach, the same Query mapped to Contact items, no rule) and SegmentEngine.preview with three
 * rules of growing complexity. Then the engine's heap as the segment grows: forEachMember counting the members of
 * organisations of 10%, 50% and 100% of the contacts, each in a JVM of its own whose heap is watched, and the same
 * with the members kept in a list, as a control. Run by bench/run-segments.
 *
 * <ul>
 *   <li>{@code -Dcontacts=100000}: the organisation's contacts;
 *   <li>{@code -Dreps=5}: the measured passes of each contender (after one warm-up pass of each);
 *   <li>{@code -Dmemory=10000,50000,100000}: the organisations of the memory runs (10%, 50% and 100% of the
 *       contacts by default);
 *   <li>{@code -Djvm="-Xmx512m -XX:+UseSerialGC"}: the options of the memory runs' JVMs;
 *   <li>{@code -DheapSampleMillis=100}: how often a memory run forces a full collection to sample its heap;
 *   <li>{@code -Dseed=2026}: the generator's seed.
 * </ul>
 * With 100k contacts the report goes to bench/results/segments.md; with another number, to
 * bench/segments/target/run/segments.md, so that a quick run never replaces the committed one.
 */
public final class SegmentBenchmark {

    static final int DEFAULT_CONTACTS = 100_000;
    static final String DEFAULT_JVM = "-Xmx512m -XX:+UseSerialGC";
    static final double RATE_TARGET = 0.8;
    private static final int WRITE_CHUNK = 5_000;

    /** One contender of the timed passes: its name and one pass, which answers the items it counted. */
    private record Contender(String name, LongSupplier pass, long expected) {
    }

    private final ForkedJvm memoryRuns;
    private final List<String> jvm;
    private final Instant now;
    private final ContactGenerator generator;
    private final AwsClients aws;
    private final String table;
    private final ContactRepository contacts;
    private final BatchOperations batches;
    private final OrganisationRepository organisations;
    private final ContactEnumerator enumerator;
    private final SegmentEngine engine;

    private SegmentBenchmark(LocalAwsStack stack, Path workDir, List<String> jvm, long seed) {
        this.jvm = jvm;
        Map<String, String> properties = new LinkedHashMap<>(stack.sdkSystemProperties());
        properties.put("heapSampleMillis", Long.toString(Long.getLong("heapSampleMillis", 100)));
        this.memoryRuns = new ForkedJvm(MemoryRun.class, jvm, properties, workDir);
        this.now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        this.generator = new ContactGenerator(seed, now);
        stack.sdkSystemProperties().forEach(System::setProperty);
        this.aws = new AwsClients();
        this.table = stack.resources().physicalName("Table");
        TurnoutTable turnoutTable = new TurnoutTable(aws, table);
        this.batches = new BatchOperations(turnoutTable, 8);
        this.contacts = new ContactRepository(turnoutTable, batches);
        this.organisations = new OrganisationRepository(turnoutTable);
        this.enumerator = new ContactEnumerator(turnoutTable);
        // a fixed clock: "within the last 180 days" means the same contacts as when they were generated
        this.engine = new SegmentEngine(enumerator, Clock.fixed(now, ZoneOffset.UTC));
    }

    public static void main(String[] args) throws Exception {
        long began = System.nanoTime();
        double loadBefore = Machine.loadAverage();
        // this JVM's SDK clients have no logger, and need none
        System.setProperty("slf4j.internal.verbosity", "ERROR");
        int count = Integer.getInteger("contacts", DEFAULT_CONTACTS);
        int reps = Integer.getInteger("reps", 5);
        List<Integer> memorySizes = memorySizes(System.getProperty("memory"), count);
        List<String> jvm = Arrays.asList(System.getProperty("jvm", DEFAULT_JVM).trim().split("\\s+"));
        long seed = Long.getLong("seed", ContactGenerator.DEFAULT_SEED);
        if (count < 1 || reps < 1) {
            throw new IllegalArgumentException("-Dcontacts and -Dreps: at least 1");
        }
        RepositoryRoot root = RepositoryRoot.locate();
        Path workDir = root.path().resolve("bench/segments/target/run");
        Files.createDirectories(workDir.resolve("logs"));

        System.out.println("Starting the DynamoDB emulator...");
        SegmentReport report;
        try (LocalAwsStack stack = LocalAwsStack.start(EnumSet.of(Emulator.DYNAMODB))) {
            SegmentBenchmark benchmark = new SegmentBenchmark(stack, workDir, jvm, seed);
            try {
                report = benchmark.run(count, reps, memorySizes, seed, began, loadBefore);
            } finally {
                benchmark.aws.close();
            }
        }
        String markdown = report.markdown();
        boolean real = count == DEFAULT_CONTACTS;
        Path results = Results.write(root.path(), workDir, "segments.md", markdown, real);
        System.out.println();
        System.out.println(markdown);
        System.out.println("Written to " + root.path().relativize(results)
                + (real ? "" : " (not bench/results/segments.md: the committed results are for " + label(DEFAULT_CONTACTS) + " contacts)")
                + "; the memory runs' output is in " + root.path().relativize(workDir.resolve("logs")));
    }

    private SegmentReport run(int count, int reps, List<Integer> memorySizes, long seed, long began, double loadBefore)
            throws IOException, InterruptedException {
        List<Rules.Measured> rules = Rules.measured();
        String org = "bench-" + label(count).toLowerCase(Locale.ROOT);
        System.out.printf(Locale.ROOT, "Seeding %,d contacts into '%s' (BatchWriteItem, not measured)...%n", count, org);
        long seeding = System.nanoTime();
        Seeded seeded = seed(org, count, rules);
        Duration seedTime = Duration.ofNanos(System.nanoTime() - seeding);
        System.out.printf(Locale.ROOT, "  %.1f s; %,d subscribed; members expected: %s%n", seconds(seedTime), seeded.subscribed(),
                seeded.members());

        List<Contender> contenders = new ArrayList<>();
        try (RawQuery raw = new RawQuery(aws.dynamoDb(), table)) {
            contenders.add(new Contender("raw", () -> raw.count(org).returned(), seeded.subscribed()));
            contenders.add(new Contender("enumerator", () -> {
                LongAdder mapped = new LongAdder();
                enumerator.forEach(org, Mailable.statuses(false), contact -> mapped.increment());
                return mapped.sum();
            }, seeded.subscribed()));
            for (Rules.Measured rule : rules) {
                contenders.add(new Contender(rule.name(), () -> engine.preview(org, rule.rule(), false).count(),
                        seeded.members().get(rule.name())));
            }

            System.out.println("Warm-up: one pass of each, not measured; the raw query must ask what the engine asks...");
            QueryCalls.reset();
            for (Contender contender : contenders) {
                pass(contender);
            }
            checkSameQuery();
            QueryCalls.Count perPass = QueryCalls.count();

            Map<String, Timings> timings = new LinkedHashMap<>();
            contenders.forEach(contender -> timings.put(contender.name(), new Timings()));
            for (int rep = 1; rep <= reps; rep++) {
                // a different contender first in each repetition: none always follows another
                List<Contender> order = new ArrayList<>(contenders);
                Collections.rotate(order, -(rep - 1));
                for (Contender contender : order) {
                    System.gc(); // the garbage of the pass before is not this one's to collect
                    CpuTime before = CpuTime.now();
                    Duration time = pass(contender);
                    CpuTime cpu = CpuTime.now().since(before);
                    timings.get(contender.name()).add(time, cpu);
                    System.out.printf(Locale.ROOT, "rep %d/%d  %-10s %6.2f s  %,9.0f contacts/s   CPU: JVM %5.2f s, emulator %5.2f s%n",
                            rep, reps, contender.name(), seconds(time), count / seconds(time), seconds(cpu.jvm()), seconds(cpu.children()));
                }
            }

            List<SegmentReport.Memory> memory = new ArrayList<>();
            List<SegmentReport.Memory> control = new ArrayList<>();
            for (int size : memorySizes) {
                String memoryOrg = size == count ? org : "bench-" + label(size).toLowerCase(Locale.ROOT);
                long subscribed = size == count ? seeded.subscribed() : 0;
                if (size != count) {
                    System.out.printf(Locale.ROOT, "Seeding %,d contacts into '%s' for the memory runs (not measured)...%n", size, memoryOrg);
                    subscribed = seed(memoryOrg, size, List.of()).subscribed();
                }
                memory.add(memoryRun("count", memoryOrg, size, subscribed));
            }
            for (int size : memorySizes) {
                String memoryOrg = size == count ? org : "bench-" + label(size).toLowerCase(Locale.ROOT);
                long subscribed = memory.get(memorySizes.indexOf(size)).members();
                control.add(memoryRun("collect", memoryOrg, size, subscribed));
            }

            long pages = perPass.calls() / contenders.size();
            List<String> jvmOptions = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                    .filter(option -> option.startsWith("-X")).toList();
            return new SegmentReport(LocalDate.now(), Machine.current(),
                    jvmOptions.isEmpty() ? "the JVM's defaults" : String.join(" ", jvmOptions), loadBefore, Machine.loadAverage(), count,
                    seeded.subscribed(), seed, reps, pages, seedTime, String.join(" ", jvm), rules,
                    contenders.stream().map(Contender::name).toList(), seeded.members(), timings, memory, control,
                    Duration.ofNanos(System.nanoTime() - began));
        }
    }

    /** One pass of a contender, timed; a wrong count fails the run. */
    private static Duration pass(Contender contender) {
        long start = System.nanoTime();
        long counted = contender.pass().getAsLong();
        Duration time = Duration.ofNanos(System.nanoTime() - start);
        if (counted != contender.expected()) {
            throw new IllegalStateException(contender.name() + " counted " + counted + ", expected " + contender.expected());
        }
        return time;
    }

    /** Every Query of the warm-up, raw and engine alike, must be the same request but for its shard. */
    private static void checkSameQuery() {
        List<QueryRequest> shapes = List.copyOf(QueryCalls.shapes());
        if (shapes.size() != 1) {
            throw new IllegalStateException("The raw query and the engine sent different requests:\n"
                    + String.join("\n", shapes.stream().map(QueryRequest::toString).toList()));
        }
        System.out.println("  every Query alike: " + shapes.get(0));
    }

    /** What an organisation was seeded with: its subscribed contacts and the members each rule should find. */
    private record Seeded(long subscribed, Map<String, Long> members) {
    }

    /** Generates and writes the organisation's contacts, counting what each rule should select of them. */
    private Seeded seed(String org, int count, List<Rules.Measured> rules) {
        Organisation organisation = OrganisationBuilder.builder()
                .id(org)
                .name("Segment benchmark " + org)
                .build();
        organisations.create(organisation);
        long subscribed = 0;
        long[] members = new long[rules.size()];
        List<WriteRequest> chunk = new ArrayList<>(WRITE_CHUNK);
        for (int i = 0; i < count; i++) {
            Contact contact = generator.contact(org, i);
            if (Mailable.test(contact, false)) {
                subscribed++;
                for (int r = 0; r < rules.size(); r++) {
                    if (rules.get(r).rule().matches(contact, now)) {
                        members[r]++;
                    }
                }
            }
            chunk.add(contacts.putRequest(contact));
            if (chunk.size() == WRITE_CHUNK || i == count - 1) {
                batches.writeAll(chunk);
                chunk.clear();
            }
        }
        Map<String, Long> expected = new LinkedHashMap<>();
        for (int r = 0; r < rules.size(); r++) {
            expected.put(rules.get(r).name(), members[r]);
        }
        return new Seeded(subscribed, expected);
    }

    /** forEachMember over one organisation's mailable contacts in a JVM of its own, its heap watched. */
    private SegmentReport.Memory memoryRun(String mode, String org, int size, long expected) throws IOException, InterruptedException {
        String name = mode + "-" + label(size);
        System.out.printf(Locale.ROOT, "Memory, %s: forEachMember over '%s' in a JVM of its own (%s)...%n",
                mode.equals("count") ? "members counted" : "members kept in a list (control)", org, String.join(" ", jvm));
        Properties result = memoryRuns.run(name, List.of(mode, table, org, Long.toString(now.toEpochMilli())));
        SegmentReport.Memory memory = new SegmentReport.Memory(mode, size, number(result, "members"),
                Duration.ofNanos(number(result, "nanos")), number(result, "heap.before"), number(result, "heap.peak"),
                number(result, "heap.fullGcs"), number(result, "heap.max"));
        if (memory.members() != expected) {
            throw new IllegalStateException(name + " counted " + memory.members() + " members, expected " + expected);
        }
        System.out.printf(Locale.ROOT, "  %,d members in %.1f s; heap after full GC: %.1f MiB before, %.1f MiB at the peak (%d full GCs)%n",
                memory.members(), seconds(memory.time()), mib(memory.heapBefore()), mib(memory.heapPeak()), memory.fullGcs());
        return memory;
    }

    static List<Integer> memorySizes(String property, int contacts) {
        if (property == null || property.isBlank()) {
            return List.of(Math.max(1, contacts / 10), Math.max(1, contacts / 2), contacts);
        }
        List<Integer> sizes = Arrays.stream(property.split(",")).map(String::strip).map(s -> s.replace("_", ""))
                .map(Integer::parseInt).toList();
        if (sizes.isEmpty() || sizes.stream().anyMatch(size -> size < 1) || !sizes.equals(sizes.stream().sorted().distinct().toList())) {
            throw new IllegalArgumentException("-Dmemory=" + property + ": sizes in increasing order (e.g. 10000,50000,100000)");
        }
        return sizes;
    }

    private static long number(Properties properties, String key) {
        return Long.parseLong(properties.getProperty(key));
    }

    static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    static double mib(long bytes) {
        return bytes / 1048576.0;
    }
}
