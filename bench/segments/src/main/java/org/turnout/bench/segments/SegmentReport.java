package org.turnout.bench.segments;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;
import org.turnout.bench.support.Machine;

/** The results as Markdown: printed at the end of a run and kept in bench/results/segments.md. */
record SegmentReport(LocalDate date, Machine machine, String measuringJvm, double loadBefore, double loadAfter, int contacts, long subscribed,
                     long seed, int reps, long pagesPerPass, Duration seeding, String jvm, List<Rules.Measured> rules,
                     List<String> contenders, Map<String, Long> members, Map<String, Timings> timings,
                     List<Memory> memory, List<Memory> control, Duration runTime) {

    /** One memory run: forEachMember over an organisation of {@code contacts}, in a JVM of its own. */
    record Memory(String mode, int contacts, long members, Duration time, long heapBefore, long heapPeak, long fullGcs,
                  long heapMax) {
        long growth() {
            return heapPeak - heapBefore;
        }
    }

    String markdown() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, """
                # Segment evaluation: SegmentEngine against the raw DynamoDB ceiling

                Measured on %s by `bench/run-segments` in %s (after the build), against one local DynamoDB (dynalite) \
                holding one organisation of %,d generated contacts (seed %d), %,d of them subscribed, seeded with \
                BatchWriteItem in %.0f s (not measured).
                Machine: %s. Load average over a minute: %.2f when the run started, %.2f when it ended.
                The passes run in the benchmark's JVM (`%s`) against the emulator, a child process of it.

                Every pass reads the organisation's 16 GSI2 shards in parallel, one thread per shard, with the engine's \
                consent filter (`#status IN (:s0)`, subscribed) and every attribute: %d Query pages a pass, the same \
                requests for all (checked). One warm-up pass of each, then %d repetitions, each begun by a different \
                contender; the medians.

                | contender | what runs | members | median | min | max | contacts/s | / raw | CPU: JVM | CPU: emulator |
                |---|---|---:|---:|---:|---:|---:|---:|---:|---:|
                """, date, minutesAndSeconds(runTime), contacts, seed, subscribed, SegmentBenchmark.seconds(seeding),
                machine.description(), loadBefore, loadAfter, measuringJvm, pagesPerPass, reps));
        Timings raw = timings.get("raw");
        for (String contender : contenders) {
            Timings timing = timings.get(contender);
            double ratio = timing.rate(contacts) / raw.rate(contacts);
            out.append(String.format(Locale.ROOT, "| %s | %s | %,d | %.2f s | %.2f s | %.2f s | %,.0f | %s | %.2f s | %.2f s |%n",
                    contender, what(contender), membersOf(contender), SegmentBenchmark.seconds(timing.median()),
                    SegmentBenchmark.seconds(timing.min()), SegmentBenchmark.seconds(timing.max()), timing.rate(contacts),
                    contender.equals("raw") ? "1.00" : String.format(Locale.ROOT, "**%.2f**", ratio),
                    SegmentBenchmark.seconds(timing.jvmCpu()), SegmentBenchmark.seconds(timing.emulatorCpu())));
        }
        List<String> below = rules.stream().map(Rules.Measured::name)
                .filter(rule -> timings.get(rule).rate(contacts) < SegmentBenchmark.RATE_TARGET * raw.rate(contacts)).toList();
        out.append(String.format(Locale.ROOT, """

                - *contacts/s*: the organisation's %,d contacts (DynamoDB reads them all and sends back the subscribed \
                ones) over the median time. *members*: what each counted, checked against the generated contacts.
                - *raw*: `DynamoDbClient.queryPaginator`, the items of each page counted: no mapping, no rule.
                - *enumerator*: `ContactEnumerator.forEach` with the subscribed status, each contact counted: the same \
                Query through the enhanced client, each item mapped to a `Contact` by its static table schema (`Contact.SCHEMA`), no rule.
                - *simple*, *medium*, *complex*: `SegmentEngine.preview` (count and the first 20 members by id), whose \
                rules are below.
                - *CPU*: medians of the CPU time the benchmark's JVM (SDK, mapping, rule, its collector and compiler) \
                and the emulator used in a pass. Both share the machine's cores: what the JVM spends beyond the raw \
                pass is time the emulator does not get on a busy machine.
                - Target, each rule at least %.1f of the raw rate: %s.

                """, contacts, SegmentBenchmark.RATE_TARGET,
                below.isEmpty() ? "met" : "**not met** by " + String.join(", ", below)));
        for (Rules.Measured rule : rules) {
            out.append("- ").append(rule.name()).append(": ").append(rule.description()).append("\n");
        }
        out.append(String.format(Locale.ROOT, """

                ## Memory as the segment grows

                `SegmentEngine.forEachMember` over every mailable contact (`status in [subscribed]`) of organisations of \
                %s contacts, each member counted, each run in a JVM of its own (`%s`) with a full collection forced every \
                100 ms: the heap in use after a full collection just before the run, and after the fullest full \
                collection during it.

                | contacts | members | time | heap before | peak heap | peak − before | full GCs |
                |---:|---:|---:|---:|---:|---:|---:|
                """, memory.stream().map(m -> String.format(Locale.ROOT, "%,d", m.contacts())).collect(Collectors.joining(", ")), jvm));
        memory.forEach(m -> out.append(memoryRow(m)));
        out.append(String.format(Locale.ROOT, """

                Peak heap over the smallest run's: %s, for %s the members. Largest over the one before it: \
                **%.2f×** for %.1f× the members. The peak is bounded by the pages in flight (16 shards, one page of \
                up to 1 MB of items each, as the SDK's maps and the page's mapped contacts), not by the segment: it \
                grows while each shard holds only a page or two, and levels off beyond.

                Control, to show that the watch sees a segment held in memory: the same runs with each member kept in \
                a list.

                | contacts | members | time | heap before | peak heap | peak − before | full GCs |
                |---:|---:|---:|---:|---:|---:|---:|
                """, ratios(memory, Memory::heapPeak), ratios(memory, Memory::members), beforeLast(memory, Memory::heapPeak),
                beforeLast(memory, Memory::members)));
        control.forEach(m -> out.append(memoryRow(m)));
        out.append(String.format(Locale.ROOT, """

                Peak heap over the smallest control run's: %s.
                """, ratios(control, Memory::heapPeak)));
        return out.toString();
    }

    private long membersOf(String contender) {
        return members.getOrDefault(contender, subscribed);
    }

    private static String what(String contender) {
        return switch (contender) {
            case "raw" -> "SDK Query, items counted";
            case "enumerator" -> "ContactEnumerator.forEach, mapped, no rule";
            default -> "SegmentEngine.preview";
        };
    }

    private static String memoryRow(Memory m) {
        return String.format(Locale.ROOT, "| %,d | %,d | %.1f s | %.1f MiB | %.1f MiB | %.1f MiB | %d |%n", m.contacts(), m.members(),
                SegmentBenchmark.seconds(m.time()), SegmentBenchmark.mib(m.heapBefore()), SegmentBenchmark.mib(m.heapPeak()),
                SegmentBenchmark.mib(m.growth()), m.fullGcs());
    }

    /** Each run's value over the first run's: "1.00×, 2.31×, 2.40×". */
    private static String ratios(List<Memory> runs, ToLongFunction<Memory> value) {
        return runs.stream().map(run -> String.format(Locale.ROOT, "%.2f×", (double) value.applyAsLong(run) / value.applyAsLong(runs.get(0))))
                .collect(Collectors.joining(", "));
    }

    /** The last run's value over the one before it (1 with a single run). */
    private static double beforeLast(List<Memory> runs, ToLongFunction<Memory> value) {
        Memory previous = runs.get(Math.max(0, runs.size() - 2));
        return (double) value.applyAsLong(runs.get(runs.size() - 1)) / value.applyAsLong(previous);
    }

    private static String minutesAndSeconds(Duration duration) {
        return duration.toMinutes() + " min " + duration.toSecondsPart() + " s";
    }
}
