package org.turnout.bench.imports;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.turnout.bench.support.Machine;

/** The results as Markdown: printed at the end of a run and kept in bench/results/import.md. */
record ImportBenchmarkReport(LocalDate date, Machine machine, String jvmOptions, long seed, int concurrency, int warm,
                             Duration runTime, List<Round> rounds, LargeCsv largeCsv, Import largeXlsx, List<WorkbookRead> reads,
                             Prebuilt prebuilt) {

    private static final PhaseResult.Calls NONE = new PhaseResult.Calls(0, 0, 0, 0, Duration.ZERO, 0);

    /** A raw loop: the import's contact items written with BatchWriteItem or PutItem, nothing else. */
    record Raw(String name, MeasuredRun.Write write, long items, Duration time, Map<String, PhaseResult.Calls> calls, Load load,
               List<Double> tenths, Heap heap, long tableBefore, List<String> putConditions) {
        double itemsPerSecond() {
            return items / ImportBenchmark.seconds(time);
        }

        long itemsWritten() {
            return ImportBenchmarkReport.itemsWritten(calls);
        }

        String label() {
            return write == MeasuredRun.Write.BATCH ? "raw BatchWriteItem" : "raw conditional PutItem";
        }
    }

    /** The machine's load average (1 minute) as a phase started and as it ended: how busy the rest of it was. */
    record Load(double before, double after) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%.1f → %.1f", before, after);
        }
    }

    /** The heap and the collections of a forked phase, in bytes. */
    record Heap(long afterFullGc, long afterAnyGc, long fullGcs, long gcs, long forcedGcs, Duration forcedGcTime,
                Duration gcTime, long max) {
        String gcText() {
            return String.format(Locale.ROOT, "%d collections (%d full, %d of them forced), %.1f s", gcs, fullGcs, forcedGcs,
                    ImportBenchmark.seconds(gcTime));
        }
    }

    /** One file's import, the job's counts as ImportService left them, and what the generator says the file holds. */
    record Import(String label, ImportBenchmark.Format format, String name, ContactFileGenerator.Summary expected, long bytes,
                  String status, long rows, long created, long updated, long duplicates, long rejected, Duration time, Heap heap,
                  Map<String, PhaseResult.Calls> calls, Load load, Duration longestWait, List<Double> tenths, long tableBefore,
                  List<String> putConditions) {

        /** The contacts the import wrote: created + updated. */
        long written() {
            return created + updated;
        }

        double rowsPerSecond() {
            return rows / ImportBenchmark.seconds(time);
        }

        double writtenPerSecond() {
            return written() / ImportBenchmark.seconds(time);
        }

        long itemsWritten() {
            return ImportBenchmarkReport.itemsWritten(calls);
        }

        /** Where the job's counts do not add up, or differ from what the generator wrote; empty when all is well. */
        List<String> problems() {
            List<String> problems = new ArrayList<>();
            if (!"done".equals(status)) {
                problems.add("status " + status + ", not done");
            }
            if (rows != created + updated + duplicates + rejected) {
                problems.add("rows " + rows + " != created " + created + " + updated " + updated + " + duplicates " + duplicates
                        + " + rejected " + rejected);
            }
            check(problems, "rows", rows, expected.rows());
            check(problems, "created", created, expected.contacts());
            check(problems, "updated", updated, 0);
            check(problems, "duplicates", duplicates, expected.duplicates());
            check(problems, "rejected", rejected, expected.rejected());
            return problems;
        }

        private static void check(List<String> problems, String count, long actual, long expected) {
            if (actual != expected) {
                problems.add(count + " " + actual + ", the generator wrote " + expected);
            }
        }
    }

    /** The workbook read alone by one reader; {@code failure} set (and no heap) when it could not finish. */
    record WorkbookRead(String reader, long rows, long checksum, Duration time, Heap heap, String failure) {
        String label() {
            return reader.equals("import") ? "the import's reader (`XlsxRows`: shared strings in a temporary file)"
                    : "POI's `ReadOnlySharedStringsTable` (every shared string on the heap; the reader before)";
        }
    }

    /** The former raw loop's items, all built before the clock and kept: their live heap, and the GC of building them. */
    record Prebuilt(long items, long bytes, Heap heap) {
    }

    /** One round at the smaller size: the raw loop(s), then the import. */
    record Round(int index, List<Raw> raws, Import imported) {
    }

    /** The larger CSV file's import between two raw loops on the same table. */
    record LargeCsv(Raw before, Import imported, Raw after) {
        double ceiling() {
            return (before.itemsPerSecond() + after.itemsPerSecond()) / 2;
        }
    }

    /** Items stored by BatchWriteItem (puts) and PutItem calls. */
    static long itemsWritten(Map<String, PhaseResult.Calls> calls) {
        return calls.getOrDefault("DynamoDb.BatchWriteItem", NONE).items() + calls.getOrDefault("DynamoDb.PutItem", NONE).calls();
    }

    /** Request bytes per item of the calls that store contacts: what an item weighs on the wire. */
    static double bytesPerItem(Map<String, PhaseResult.Calls> calls) {
        PhaseResult.Calls batch = calls.getOrDefault("DynamoDb.BatchWriteItem", NONE);
        PhaseResult.Calls put = calls.getOrDefault("DynamoDb.PutItem", NONE);
        long items = batch.items() + put.calls();
        return items == 0 ? 0 : (double) (batch.bytes() + put.bytes()) / items;
    }

    static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static <T> String spread(List<T> values, ToDoubleFunction<T> of, String format) {
        List<Double> numbers = values.stream().map(of::applyAsDouble).toList();
        return String.format(Locale.ROOT, "**" + format + "** (" + format + " – " + format + ")", median(numbers),
                numbers.stream().mapToDouble(Double::doubleValue).min().orElse(0), numbers.stream().mapToDouble(Double::doubleValue).max().orElse(0));
    }

    List<MeasuredRun.Write> ceilings() {
        return rounds.get(0).raws().stream().map(Raw::write).toList();
    }

    List<Raw> raws(MeasuredRun.Write write) {
        return rounds.stream().flatMap(r -> r.raws().stream()).filter(r -> r.write() == write).toList();
    }

    List<Import> smallImports() {
        return rounds.stream().map(Round::imported).toList();
    }

    /** Median contacts written/s of the imports over the median items/s of the raw loop. */
    double ratio(MeasuredRun.Write write) {
        return median(smallImports().stream().map(Import::writtenPerSecond).toList())
                / median(raws(write).stream().map(Raw::itemsPerSecond).toList());
    }

    /** The verdict on a ratio: never "met" above 1, where the ceiling is no ceiling. */
    static String verdict(double ratio) {
        if (ratio > 1) {
            return String.format(Locale.ROOT, "**not a valid measurement: the ceiling is wrong** (%.2f: the import stored contacts faster "
                    + "than the raw loop stores the same items, which a ceiling rules out; see below why it can happen and what to check)", ratio);
        }
        return ratio >= ImportBenchmark.RATE_TARGET ? "**met**" : "**not met**";
    }

    String markdown() {
        Import small = rounds.get(0).imported();
        Import large = largeCsv.imported();
        StringBuilder md = new StringBuilder();
        md.append("""
                # Import: the contact import against the raw ceiling, and an Excel workbook against CSV

                Measured on %s by `bench/run-import` in %s (after the build; generating and uploading the files included).
                Machine: %s.
                DynamoDB is dynalite (one Node.js process, in memory), S3 is S3Proxy; three stacks one after the other, \
                each from an empty table: the %d rounds at %s rows, the %s CSV between two raw loops, the %s workbook. \
                Each phase runs in a JVM of its own with `%s`, warms up in it first on %,d rows or items of its own kind \
                (not measured), and is watched alike: a full collection forced every few seconds. %d batch calls or %d \
                single writes in flight, as `BatchOperations` has by default. Files generated with seed %d.

                """.formatted(date, minutesAndSeconds(runTime), machine.description(), rounds.size(), small.label(), large.label(),
                largeXlsx.label(), jvmOptions, warm, concurrency, concurrency * 4, seed));

        md.append("## Rate: %s rows, alternated rounds\n\n".formatted(small.label()));
        md.append("""
                | round | phase | items in the table before | contacts written | time | written/s | bytes per item written | GC: collections (full, forced), time | load average |
                |---:|---|---:|---:|---:|---:|---:|---:|---:|
                """);
        for (Round round : rounds) {
            for (Raw raw : round.raws()) {
                md.append(String.format(Locale.ROOT, "| %d | %s | %,d | %,d | %s | %,.0f | %,.0f | %s | %s |%n", round.index(), raw.label(),
                        raw.tableBefore(), raw.items(), secondsText(raw.time()), raw.itemsPerSecond(), bytesPerItem(raw.calls()),
                        gcCell(raw.heap()), raw.load()));
            }
            Import i = round.imported();
            md.append(String.format(Locale.ROOT, "| %d | import | %,d | %,d | %s | %,.0f | %,.0f | %s | %s |%n", round.index(), i.tableBefore(),
                    i.written(), secondsText(i.time()), i.writtenPerSecond(), bytesPerItem(i.calls()), gcCell(i.heap()), i.load()));
        }
        md.append("\nMedians over the rounds, with the lowest and highest in brackets:\n\n");
        md.append("| contender | written/s | time | GC time |\n|---|---:|---:|---:|\n");
        for (MeasuredRun.Write write : ceilings()) {
            List<Raw> raws = raws(write);
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s |%n", raws.get(0).label(), spread(raws, Raw::itemsPerSecond, "%,.0f"),
                    spread(raws, r -> ImportBenchmark.seconds(r.time()), "%.1f s"), spread(raws, r -> ImportBenchmark.seconds(r.heap().gcTime()), "%.1f s")));
        }
        List<Import> imports = smallImports();
        md.append(String.format(Locale.ROOT, "| import | %s | %s | %s |%n%n", spread(imports, Import::writtenPerSecond, "%,.0f"),
                spread(imports, i -> ImportBenchmark.seconds(i.time()), "%.1f s"), spread(imports, i -> ImportBenchmark.seconds(i.heap().gcTime()), "%.1f s")));
        for (MeasuredRun.Write write : ceilings()) {
            List<Double> perRound = new ArrayList<>();
            for (Round round : rounds) {
                round.raws().stream().filter(r -> r.write() == write).findFirst()
                        .ifPresent(raw -> perRound.add(round.imported().writtenPerSecond() / raw.itemsPerSecond()));
            }
            double ratio = ratio(write);
            md.append(String.format(Locale.ROOT, "Import ÷ %s (median over median): **%.2f**; round by round: %s.%s%n%n", raws(write).get(0).label(),
                    ratio, String.join(", ", perRound.stream().map(r -> String.format(Locale.ROOT, "%.2f", r)).toList()),
                    write == ceilings().get(0) ? " The ceiling of record. Target 0.8: " + verdict(ratio) + "."
                            : ratio > 1 ? " " + verdict(ratio) + "." : ""));
        }

        md.append(String.format(Locale.ROOT, "The raw loop of earlier runs built all its items before the clock and kept them: "
                + "the same %,d items, built so in a JVM of the same options, hold **%s** of its %s heap, and building them took "
                + "%s of collections. It now builds each batch as it sends it.%n%n", prebuilt.items(), mebibytes(prebuilt.bytes()),
                mebibytes(prebuilt.heap().max()), secondsText(prebuilt.heap().gcTime())));

        md.append("## The %s rows as CSV, and as an Excel workbook\n\n".formatted(large.label()));
        md.append("""
                | phase | items in the table before | rows | contacts written | time | rows/s | written/s | bytes per item written | GC: collections (full, forced), time | load average |
                |---|---:|---:|---:|---:|---:|---:|---:|---:|---:|
                """);
        md.append(rawRow(largeCsv.before()));
        md.append(importRow(large));
        md.append(rawRow(largeCsv.after()));
        md.append(importRow(largeXlsx));
        double largeRatio = large.writtenPerSecond() / largeCsv.ceiling();
        md.append(String.format(Locale.ROOT, "%nThe %s CSV import ÷ the mean of the raw loops before and after it (%,.0f items/s): **%.2f**: %s.%n",
                large.label(), largeCsv.ceiling(), largeRatio, verdict(largeRatio)));
        for (Import i : List.of(small, large, largeXlsx)) {
            if (!i.tenths().isEmpty()) {
                md.append(String.format(Locale.ROOT, "The %s %s import (%s), tenth by tenth of its rows: %s rows/s; longest wait between two "
                        + "checkpoints (400 rows): %.1f s.%n", i.label(), i.format(), i.name(), String.join(", ", i.tenths().stream()
                        .map(rate -> String.format(Locale.ROOT, "%,.0f", rate)).toList()), ImportBenchmark.seconds(i.longestWait())));
            }
        }
        Raw first = rounds.get(0).raws().get(0);
        md.append(String.format(Locale.ROOT, "The raw loop's rate, tenth by tenth of its items (round 1; after the %s import): %s; %s items/s.%n%n",
                large.label(), tenthsText(first.tenths()), tenthsText(largeCsv.after().tenths())));

        md.append("## Peak live heap\n\n");
        md.append("""
                | import | peak heap after a full GC | peak heap after any GC | full GCs (forced) | all GCs | time in GC (forced) | -Xmx |
                |---|---:|---:|---:|---:|---:|---:|
                """);
        List<Import> all = new ArrayList<>(imports);
        all.add(large);
        all.add(largeXlsx);
        for (Import i : all) {
            Heap h = i.heap();
            md.append(String.format(Locale.ROOT, "| %s %s (%s) | **%s** | %s | %d (%d) | %d | %s (%s) | %s |%n", i.label(), i.format(), i.name(),
                    mebibytes(h.afterFullGc()), mebibytes(h.afterAnyGc()), h.fullGcs(), h.forcedGcs(), h.gcs(),
                    secondsText(h.gcTime()), secondsText(h.forcedGcTime()), mebibytes(h.max())));
        }
        double smallHeap = median(imports.stream().map(i -> (double) i.heap().afterFullGc()).toList());
        double sizeRatio = large.heap().afterFullGc() / smallHeap;
        double formatRatio = (double) largeXlsx.heap().afterFullGc() / large.heap().afterFullGc();
        md.append(String.format(Locale.ROOT, """

                - %s workbook ÷ %s CSV: **%.2f×** (target at most %.1f×: %s).
                - %s CSV ÷ %s CSV (median of the rounds): **%.2f×** (target at most %.1f×: %s).

                """, largeXlsx.label(), large.label(), formatRatio, ImportBenchmark.HEAP_TARGET,
                formatRatio <= ImportBenchmark.HEAP_TARGET ? "**met**" : "**not met**", large.label(), small.label(), sizeRatio,
                ImportBenchmark.HEAP_TARGET, sizeRatio <= ImportBenchmark.HEAP_TARGET ? "**met**" : "**not met**"));

        md.append(String.format(Locale.ROOT, "A workbook of the generator's first %,d rows read alone, rows counted and nothing else (no "
                + "DynamoDB), in a JVM of the same options:%n%n", reads.stream().mapToLong(WorkbookRead::rows).max().orElse(1) - 1));
        md.append("| reader | rows read | time | peak heap after a full GC | peak heap after any GC | GC: collections (full, forced), time |\n"
                + "|---|---:|---:|---:|---:|---:|\n");
        for (WorkbookRead read : reads) {
            if (read.failure() != null) {
                md.append(String.format(Locale.ROOT, "| %s | failed: %s | | | | |%n", read.label(), read.failure()));
            } else {
                md.append(String.format(Locale.ROOT, "| %s | %,d | %s | **%s** | %s | %s |%n", read.label(), read.rows(), secondsText(read.time()),
                        mebibytes(read.heap().afterFullGc()), mebibytes(read.heap().afterAnyGc()), gcCell(read.heap())));
            }
        }
        List<WorkbookRead> finished = reads.stream().filter(r -> r.failure() == null).toList();
        if (finished.size() > 1) {
            boolean same = finished.stream().map(WorkbookRead::checksum).distinct().count() == 1
                    && finished.stream().map(WorkbookRead::rows).distinct().count() == 1;
            md.append(same ? "\nBoth readers gave the same rows and values (same count, same checksum).\n\n"
                    : "\n**The readers gave different rows or values** (count or checksum differs): see the logs.\n\n");
        } else {
            md.append('\n');
        }

        md.append("""
                ## Counts

                Each import's counts were checked against what the generator wrote (rows = created + updated + \
                duplicates + rejected):

                | file | bytes | rows | created | updated | duplicates | rejected (invalid + missing email) | quoted `;` / quotes / line breaks |
                |---|---:|---:|---:|---:|---:|---:|---:|
                """);
        for (Import i : List.of(small, large, largeXlsx)) {
            ContactFileGenerator.Summary e = i.expected();
            md.append(String.format(Locale.ROOT, "| %s %s | %,d | %,d | %,d | %,d | %,d | %,d (%,d + %,d) | %,d / %,d / %,d |%n",
                    i.label(), i.format(), i.bytes(), i.rows(), i.created(), i.updated(), i.duplicates(), i.rejected(),
                    e.invalidEmails(), e.missingEmails(), e.withDelimiter(), e.withQuotes(), e.withLineBreak()));
        }
        md.append("""

                What each phase asked of DynamoDB (calls, and items written or keys read; the time is the sum over \
                concurrent calls of waiting for an answer):

                | phase | BatchWriteItem calls | PutItem calls | items written | BatchGetItem calls | keys read | other calls | waiting for DynamoDB |
                |---|---:|---:|---:|---:|---:|---:|---:|
                """);
        for (Round round : rounds) {
            for (Raw raw : round.raws()) {
                md.append(callsRow(raw.label() + ", round " + round.index(), raw.calls()));
            }
            md.append(callsRow("import, round " + round.index(), round.imported().calls()));
        }
        md.append(callsRow(largeCsv.before().label() + ", before the " + large.label(), largeCsv.before().calls()));
        md.append(callsRow("import of " + large.label() + " CSV", large.calls()));
        md.append(callsRow(largeCsv.after().label() + ", after the " + large.label(), largeCsv.after().calls()));
        md.append(callsRow("import of " + largeXlsx.label() + " workbook", largeXlsx.calls()));
        md.append('\n');
        md.append(conditions());

        md.append("""
                - *written/s*: for an import, created + updated contacts (each person once) per second; for a raw loop, \
                items per second. The import also writes rejected rows, a person repeated in a later window, and \
                reads every key first: the calls table counts all of it.
                - *the ceiling of record* is raw conditional PutItem: the import must write each changed person \
                with a PutItem that holds only if the stored contact is still the one read (absent for a new one), \
                so that an unsubscribe, an erasure or a sign-up made meanwhile stands; a batch write cannot carry a \
                condition, so it does not do the work the import must do, and a ceiling is the fastest way to do \
                that same work. The raw loop makes the import's own write of a new contact \
                (`ContactRepository.createIfAbsent`), as many in flight as the import has them, with nothing around \
                it: no reads, no merge, no checkpoints. Raw BatchWriteItem stays reported: it is what the storage \
                takes when nothing is checked, and import ÷ BatchWriteItem what a user waits for against that.
                - *bytes per item written*: the request bytes of the calls that store items over the items stored. \
                The raw loop's items are the import's own (same parser, merge and mapper, same attributes and index \
                keys, an import id of the same length); the import's figure also averages in its rejected rows, its \
                checkpoints and the condition each of its puts carries.
                - *GC*: the collections of the phase's JVM while it was measured, the forced ones included (a full \
                collection every few seconds on both sides, to sample the live heap).
                - *load average*: the machine's, over one minute, as the phase started and as it ended. The emulators \
                and the measured JVM account for up to about 2 of it; more means another process took CPU, and the \
                rates are lower and less comparable for it.
                """);
        return md.toString();
    }

    /** The conditions the PutItem calls carried, raw loop and import side by side, and whether the raw one is the import's. */
    private String conditions() {
        List<String> raw = raws(MeasuredRun.Write.PUT).stream().flatMap(r -> r.putConditions().stream()).distinct().toList();
        List<String> imported = smallImports().stream().flatMap(i -> i.putConditions().stream()).distinct().sorted().toList();
        if (raw.isEmpty()) {
            return "";
        }
        boolean same = imported.containsAll(raw);
        return String.format(Locale.ROOT, "The conditions the PutItem calls carried (attribute names filled in): the raw PutItem loop's %s; "
                        + "the import's %s (its new contacts, its changes on the version read, its job's checkpoints). %s%n%n",
                codes(raw), codes(imported), same ? "Each raw put carries the condition of the import's puts of a new contact."
                        : "**The raw puts carry a condition the import's puts do not**: the ceiling is not the import's work.");
    }

    private static String codes(List<String> conditions) {
        return String.join(", ", conditions.stream().map(c -> "`" + c + "`").toList());
    }

    private static String rawRow(Raw raw) {
        return String.format(Locale.ROOT, "| %s | %,d | | %,d | %s | | %,.0f | %,.0f | %s | %s |%n", raw.label(), raw.tableBefore(), raw.items(),
                secondsText(raw.time()), raw.itemsPerSecond(), bytesPerItem(raw.calls()), gcCell(raw.heap()), raw.load());
    }

    private static String importRow(Import i) {
        return String.format(Locale.ROOT, "| import of %s %s | %,d | %,d | %,d | %s | %,.0f | %,.0f | %,.0f | %s | %s |%n", i.label(), i.format(),
                i.tableBefore(), i.rows(), i.written(), secondsText(i.time()), i.rowsPerSecond(), i.writtenPerSecond(), bytesPerItem(i.calls()),
                gcCell(i.heap()), i.load());
    }

    private static String gcCell(Heap h) {
        return String.format(Locale.ROOT, "%d (%d, %d), %.1f s", h.gcs(), h.fullGcs(), h.forcedGcs(), ImportBenchmark.seconds(h.gcTime()));
    }

    private static String tenthsText(List<Double> tenths) {
        return String.join(", ", tenths.stream().map(rate -> String.format(Locale.ROOT, "%,.0f", rate)).toList());
    }

    private static String callsRow(String phase, Map<String, PhaseResult.Calls> calls) {
        PhaseResult.Calls writes = calls.getOrDefault("DynamoDb.BatchWriteItem", NONE);
        PhaseResult.Calls puts = calls.getOrDefault("DynamoDb.PutItem", NONE);
        PhaseResult.Calls reads = calls.getOrDefault("DynamoDb.BatchGetItem", NONE);
        Duration waited = Duration.ZERO;
        List<String> others = new ArrayList<>();
        for (Map.Entry<String, PhaseResult.Calls> call : calls.entrySet()) {
            if (call.getKey().startsWith("DynamoDb.")) {
                waited = waited.plus(call.getValue().waited());
                if (!Arrays.asList("DynamoDb.BatchWriteItem", "DynamoDb.BatchGetItem", "DynamoDb.PutItem").contains(call.getKey())) {
                    others.add(call.getKey().substring("DynamoDb.".length()) + " " + call.getValue().calls());
                }
            }
        }
        return String.format(Locale.ROOT, "| %s | %,d | %,d | %,d | %,d | %,d | %s | %s |%n", phase, writes.calls(), puts.calls(),
                itemsWritten(calls), reads.calls(), reads.items(), others.isEmpty() ? "" : String.join(", ", others), secondsText(waited));
    }

    private static String mebibytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }

    private static String secondsText(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", ImportBenchmark.seconds(duration));
    }

    private static String minutesAndSeconds(Duration duration) {
        return duration.toMinutes() + " min " + duration.toSecondsPart() + " s";
    }
}
