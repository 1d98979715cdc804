package org.turnout.bench.segments;

import org.turnout.bench.support.HeapWatch;
import java.io.IOException;
import java.io.Writer;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.LongAdder;

import org.turnout.aws.AwsClients;
import org.turnout.contact.Contact;
import org.turnout.contact.ContactEnumerator;
import org.turnout.segment.SegmentEngine;
import org.turnout.segment.SegmentRule;
import org.turnout.store.TurnoutTable;

/**
 * One memory run, in a JVM of its own that {@link SegmentBenchmark} forks with the SDK pointed at the local
 * stack, so that its heap holds nothing but the run: {@link SegmentEngine#forEachMember} over every mailable
 * contact of one organisation, each member counted ({@code count}, as dispatch and export use the engine) or,
 * as a control that shows the watch would see a segment held in memory, kept in a list ({@code collect}).
 * It writes what it measured to a properties file.
 *
 * <pre>
 * MemoryRun count|collect TABLE ORG NOW_EPOCH_MILLIS RESULT_FILE
 * </pre>
 */
public final class MemoryRun {

    private MemoryRun() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        // the SDK's own clients have no logger here, and need none
        System.setProperty("slf4j.internal.verbosity", "ERROR");
        boolean collect = switch (args[0]) {
            case "count" -> false;
            case "collect" -> true;
            default -> throw new IllegalArgumentException("count or collect, not " + args[0]);
        };
        String tableName = args[1];
        String org = args[2];
        Instant now = Instant.ofEpochMilli(Long.parseLong(args[3]));
        Path resultFile = Path.of(args[4]);
        Duration sampleEvery = Duration.ofMillis(Long.getLong("heapSampleMillis", 100));

        AwsClients aws = new AwsClients();
        TurnoutTable table = new TurnoutTable(aws, tableName);
        SegmentEngine engine = new SegmentEngine(new ContactEnumerator(table), Clock.fixed(now, ZoneOffset.UTC));
        SegmentRule rule = Rules.parse(Rules.EVERY_MAILABLE);
        // not measured: the client built and its first connection opened, as in a warm function
        aws.dynamoDb().describeTable(b -> b.tableName(tableName));
        long before = HeapWatch.liveHeap();

        LongAdder members = new LongAdder();
        List<Contact> kept = Collections.synchronizedList(new ArrayList<>());
        HeapWatch watch = HeapWatch.start(sampleEvery);
        long began = System.nanoTime();
        engine.forEachMember(org, rule, false, collect ? contact -> {
            members.increment();
            kept.add(contact);
        } : contact -> members.increment());
        long nanos = System.nanoTime() - began;
        HeapWatch.Peaks peak = watch.stop();
        Reference.reachabilityFence(kept);

        Properties result = new Properties();
        result.setProperty("members", Long.toString(members.sum()));
        result.setProperty("nanos", Long.toString(nanos));
        result.setProperty("heap.before", Long.toString(before));
        result.setProperty("heap.peak", Long.toString(peak.afterFullGc()));
        result.setProperty("heap.fullGcs", Long.toString(peak.fullGcs()));
        result.setProperty("heap.max", Long.toString(Runtime.getRuntime().maxMemory()));
        try (Writer out = Files.newBufferedWriter(resultFile, StandardCharsets.UTF_8)) {
            result.store(out, "measured by " + MemoryRun.class.getName() + " " + String.join(" ", args));
        }
        System.exit(0); // the enumerator's threads are daemons, but the Apache client's reaper may not be
    }
}
