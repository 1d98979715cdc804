package org.turnout.bench.imports;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The results as Markdown: printed at the end of a run and kept in bench/results/import.md. */
record ImportBenchmarkReport(LocalDate date, Machine machine, String jvmOptions, long seed, int concurrency,
                             Duration runTime, Raw raw, List<Import> imports) {

    /** The raw ceiling: pre-built items written with BatchWriteItem. */
    record Raw(long items, Duration time, Map<String, PhaseResult.Calls> calls, Load load, List<Double> tenths) {
        double itemsPerSecond() {
            return items / ImportBenchmark.seconds(time);
        }
    }

    /** The machine's load average (1 minute) as a phase started and as it ended: how busy the rest of it was. */
    record Load(double before, double after) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%.1f → %.1f", before, after);
        }
    }

    /** The heap of a forked import, in bytes. */
    record Heap(long afterFullGc, long afterAnyGc, long fullGcs, long gcs, long forcedGcs, Duration forcedGcTime,
                Duration gcTime, long max) {
    }

    /** One file's import, the job's counts as ImportService left them, and what the generator says the file holds. */
    record Import(String label, ContactFileGenerator.Summary expected, long bytes, String status, long rows, long created,
                  long updated, long duplicates, long rejected, Duration time, Heap heap,
                  Map<String, PhaseResult.Calls> calls, Load load, Duration longestWait, List<Double> tenths) {

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

    String markdown() {
        Import small = imports.get(0);
        Import large = imports.get(imports.size() - 1);
        double heapRatio = (double) large.heap().afterFullGc() / small.heap().afterFullGc();
        double worstRate = imports.stream().mapToDouble(i -> i.writtenPerSecond() / raw.itemsPerSecond()).min().orElse(0);
        StringBuilder md = new StringBuilder();
        md.append("""
                # Import: the contact import against the raw BatchWriteItem ceiling

                Measured on %s by `bench/run-import` in %s (after the build; generating and uploading the files included).
                Machine: %s.
                One local stack for the whole run: DynamoDB is dynalite (one Node.js process, in memory), S3 is S3Proxy. \
                Each phase runs in a JVM of its own with `%s`; %d DynamoDB calls in flight, as `BatchOperations` has by \
                default. Files generated with seed %d.

                """.formatted(date, minutesAndSeconds(runTime), machine.description(), jvmOptions, concurrency, seed));

        md.append("""
                | phase | rows | contacts written | time | rows/s | contacts written/s | written/s ÷ raw | rows/s ÷ raw | load average |
                |---|---:|---:|---:|---:|---:|---:|---:|---:|
                """);
        md.append(String.format(Locale.ROOT, "| raw ceiling: BatchWriteItem of pre-built items | | %,d | %s | | %,.0f | 1.00 | | %s |%n",
                raw.items(), secondsText(raw.time()), raw.itemsPerSecond(), raw.load()));
        for (Import i : imports) {
            md.append(String.format(Locale.ROOT, "| import of %s rows | %,d | %,d | %s | %,.0f | %,.0f | **%.2f** | %.2f | %s |%n",
                    i.label(), i.rows(), i.written(), secondsText(i.time()), i.rowsPerSecond(), i.writtenPerSecond(),
                    i.writtenPerSecond() / raw.itemsPerSecond(), i.rowsPerSecond() / raw.itemsPerSecond(), i.load()));
        }
        if (!raw.tenths().isEmpty()) {
            md.append(String.format(Locale.ROOT, "%nThe raw loop's rate, tenth by tenth of its items (does dynalite slow down as the "
                    + "table grows?): %s items/s.%n", String.join(", ", raw.tenths().stream()
                    .map(rate -> String.format(Locale.ROOT, "%,.0f", rate)).toList())));
        }
        for (Import i : imports) {
            if (i.tenths().isEmpty()) {
                continue; // too short a run to see checkpoints move
            }
            md.append(String.format(Locale.ROOT, "The import of %s rows, tenth by tenth of its rows: %s rows/s; longest wait "
                    + "between two checkpoints (400 rows): %.1f s.%n", i.label(), String.join(", ", i.tenths().stream()
                    .map(rate -> String.format(Locale.ROOT, "%,.0f", rate)).toList()), ImportBenchmark.seconds(i.longestWait())));
        }
        md.append('\n');

        md.append("""
                | import | peak heap after a full GC | peak heap after any GC | full GCs (forced) | all GCs | time in GC (forced) | -Xmx |
                |---|---:|---:|---:|---:|---:|---:|
                """);
        for (Import i : imports) {
            Heap h = i.heap();
            md.append(String.format(Locale.ROOT, "| %s rows | **%s** | %s | %d (%d) | %d | %s (%s) | %s |%n", i.label(),
                    mebibytes(h.afterFullGc()), mebibytes(h.afterAnyGc()), h.fullGcs(), h.forcedGcs(), h.gcs(),
                    secondsText(h.gcTime()), secondsText(h.forcedGcTime()), mebibytes(h.max())));
        }
        md.append(String.format(Locale.ROOT, "| **%s / %s** | **%.2f×** | | | | | |%n%n", large.label(), small.label(), heapRatio));

        md.append(String.format(Locale.ROOT, """
                Targets: import rate at least %.1f of the raw ceiling: **%s** (the lower of the two: %.2f); \
                peak heap for %s rows at most %.1f× the peak for %s rows: **%s** (%.2f×).

                """, ImportBenchmark.RATE_TARGET, worstRate >= ImportBenchmark.RATE_TARGET ? "met" : "not met", worstRate,
                large.label(), ImportBenchmark.HEAP_TARGET, small.label(), heapRatio <= ImportBenchmark.HEAP_TARGET ? "met" : "not met",
                heapRatio));

        md.append("""
                Each import's counts were checked against what the generator wrote (rows = created + updated + \
                duplicates + rejected):

                | file | bytes | rows | created | updated | duplicates | rejected (invalid + missing email) | quoted `;` / quotes / line breaks |
                |---|---:|---:|---:|---:|---:|---:|---:|
                """);
        for (Import i : imports) {
            ContactFileGenerator.Summary e = i.expected();
            md.append(String.format(Locale.ROOT, "| %s | %,d | %,d | %,d | %,d | %,d | %,d (%,d + %,d) | %,d / %,d / %,d |%n",
                    i.label(), i.bytes(), i.rows(), i.created(), i.updated(), i.duplicates(), i.rejected(),
                    e.invalidEmails(), e.missingEmails(), e.withDelimiter(), e.withQuotes(), e.withLineBreak()));
        }
        md.append('\n');

        md.append("""
                What each phase asked of DynamoDB (calls, and items written or keys read; the time is the sum over \
                concurrent calls of waiting for an answer):

                | phase | BatchWriteItem calls | items written | BatchGetItem calls | keys read | other calls (job, report) | waiting for DynamoDB |
                |---|---:|---:|---:|---:|---:|---:|
                """);
        md.append(callsRow("raw ceiling", raw.calls()));
        for (Import i : imports) {
            md.append(callsRow("import of " + i.label(), i.calls()));
        }
        md.append('\n');

        md.append("""
                - *contacts written*: for an import, created + updated contacts (each person once); the raw loop writes \
                each of its items once. Rows repeating a person in a later window and rejected rows cost the import \
                writes too, which the table above counts as items written.
                - *written/s ÷ raw* compares like with like: contact items stored per second. *rows/s ÷ raw* is the \
                rate a user sees, rejected and repeated rows included.
                - *peak heap after a full GC* is the live heap: sampled after every full collection, one of them forced \
                every few seconds, so that both runs are sampled as densely. *After any GC* also counts garbage \
                promoted and not yet collected: it grows with the run's length towards the heap's size and is not a \
                measure of what the import keeps.
                - *load average*: the machine's, over one minute, as the phase started and as it ended. The \
                emulators and the measured JVM account for up to about 2 of it; more means something else was \
                running, and the rates are lower and less comparable for it.
                - dynalite handles one request at a time: the raw loop measures how fast it can store these items, \
                and the import shares it, its reads included.
                """);
        return md.toString();
    }

    private static String callsRow(String phase, Map<String, PhaseResult.Calls> calls) {
        PhaseResult.Calls none = new PhaseResult.Calls(0, 0, 0, 0, Duration.ZERO);
        PhaseResult.Calls writes = calls.getOrDefault("DynamoDb.BatchWriteItem", none);
        PhaseResult.Calls reads = calls.getOrDefault("DynamoDb.BatchGetItem", none);
        long other = 0;
        Duration waited = Duration.ZERO;
        List<String> others = new ArrayList<>();
        for (Map.Entry<String, PhaseResult.Calls> call : calls.entrySet()) {
            if (call.getKey().startsWith("DynamoDb.")) {
                waited = waited.plus(call.getValue().waited());
                if (!call.getKey().equals("DynamoDb.BatchWriteItem") && !call.getKey().equals("DynamoDb.BatchGetItem")) {
                    other += call.getValue().calls();
                    others.add(call.getKey().substring("DynamoDb.".length()) + " " + call.getValue().calls());
                }
            }
        }
        return String.format(Locale.ROOT, "| %s | %,d | %,d | %,d | %,d | %,d%s | %s |%n", phase, writes.calls(), writes.items(),
                reads.calls(), reads.items(), other, others.isEmpty() ? "" : " (" + String.join(", ", others) + ")",
                secondsText(waited));
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
