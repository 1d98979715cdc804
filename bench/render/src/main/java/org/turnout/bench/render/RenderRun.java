package org.turnout.bench.render;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.turnout.bench.support.Machine;
import org.turnout.local.CloudFormationTemplate;
import org.turnout.local.RepositoryRoot;
import org.turnout.sending.MailingSender;
import org.turnout.sending.Recipient;

/**
 * Runs {@link RenderBenchmark} in rounds, each benchmark in a JVM of its own per round, the order reversed from one
 * round to the next so that noise on the machine hits every contender alike; writes {@code bench/results/render.md}
 * and ends with {@code render: N msg/s/core (target 100000)}. Two JIT settings: SendFunction's own
 * {@code JAVA_TOOL_OPTIONS} in template.yaml (full tiered compilation, C2), which gives the figure of record, and the
 * other functions' (template.yaml's Globals: C1 only, also Lambda's default for Java 17), for comparison.
 *
 * <p>Options ({@code -D...}): {@code rounds} (3), {@code warmups} (15 iterations; four times as many for the send path), {@code iterations} (5),
 * {@code seconds} (2 per iteration), {@code jvm} (the forks' heap and collector, {@code -Xmx512m -XX:+UseSerialGC}),
 * {@code out} (the report, {@code bench/results/render.md}).
 */
public final class RenderRun {
    static final int TARGET = 100_000;
    private static final List<String> ALL = List.of("template", "raw", "link", "sendPath");
    /** The JIT settings, by key: SendFunction's, which gives the figure of record, then the other functions'. */
    private static final String SEND = "send";
    private static final String OTHERS = "others";
    /**
     * The send path runs the SDK's whole request pipeline nine times a recipient, some fifty times the code of a
     * rendering, at a few hundred calls a second: on a busy machine its warm-up needs that much more time before
     * the compiler is done with it. Under C2 at a load average of 30, 45 iterations were not always enough (one
     * round in three warm), 60 were.
     */
    private static final int SEND_PATH_WARMUP_FACTOR = 4;
    /** The functions' log manager, the JBoss one, as Quarkus sets it up; {@link SendPath} puts it at INFO. */
    private static final String[] LOGGING = {"-Djava.util.logging.manager=org.jboss.logmanager.LogManager"};

    private RenderRun() {
    }

    public static void main(String[] args) throws RunnerException, IOException {
        int rounds = Integer.getInteger("rounds", 3);
        int warmups = Integer.getInteger("warmups", 15);
        int iterations = Integer.getInteger("iterations", 5);
        int seconds = Integer.getInteger("seconds", 2);
        String[] heap = System.getProperty("jvm", "-Xmx512m -XX:+UseSerialGC").trim().split("\\s+");
        RepositoryRoot root = RepositoryRoot.locate();
        Map<String, String> jits = new LinkedHashMap<>();
        jits.put(SEND, javaToolOptions(root.template(), "SendFunction"));
        jits.put(OTHERS, javaToolOptions(root.template(), null));
        Path out = Path.of(System.getProperty("out", root.path().resolve("bench/results/render.md").toString()));

        Instant began = Instant.now();
        double loadBefore = Machine.loadAverage();
        Map<String, Map<String, List<Round>>> results = new LinkedHashMap<>();
        jits.keySet().forEach(jit -> results.put(jit, new LinkedHashMap<>()));
        for (int round = 1; round <= rounds; round++) {
            for (String jit : jits.keySet()) {
                List<String> order = new ArrayList<>(ALL);
                if (round % 2 == 0) {
                    java.util.Collections.reverse(order);
                }
                for (String benchmark : order) {
                    String[] jvm = concat(jits.get(jit).isEmpty() ? heap : concat(heap, jits.get(jit).split("\\s+")), LOGGING);
                    double load = Machine.loadAverage();
                    int warmup = benchmark.equals("sendPath") ? SEND_PATH_WARMUP_FACTOR * warmups : warmups;
                    RunResult result = run(benchmark, jvm, warmup, iterations, seconds);
                    Round measured = Round.of(round, result, load, Machine.loadAverage());
                    System.out.printf(Locale.ROOT, "round %d, %s, %s: %,.0f msg per CPU-second; wall %,.0f ± %,.0f msg/s%n", round, jit,
                            benchmark, measured.perCpuSecond(), measured.score(), measured.error());
                    results.get(jit).computeIfAbsent(benchmark, b -> new ArrayList<>()).add(measured);
                }
            }
        }
        Map<String, Long> calls = callsPerRecipient();
        String report = report(began, Duration.between(began, Instant.now()), loadBefore, Machine.loadAverage(), rounds, warmups,
                iterations, seconds, String.join(" ", heap), jits, results, calls);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, report, StandardCharsets.UTF_8);
        System.out.println(report);
        System.out.println("Written to " + out);
        System.out.printf(Locale.ROOT, "render: %d msg/s/core (target %d)%n", Math.round(median(results.get(SEND).get("template"))), TARGET);
    }

    private static RunResult run(String benchmark, String[] jvm, int warmups, int iterations, int seconds) throws RunnerException {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(RenderBenchmark.class.getName() + "\\." + benchmark + "$")
                .forks(1)
                .warmupIterations(warmups).warmupTime(TimeValue.seconds(seconds))
                .measurementIterations(iterations).measurementTime(TimeValue.seconds(seconds))
                .threads(1)
                .jvmArgs(jvm)
                .addProfiler(GCProfiler.class)
                .addProfiler(CpuTimeProfiler.class)
                .shouldFailOnError(true);
        Collection<RunResult> results = new Runner(options.build()).run();
        return results.iterator().next();
    }

    /** The calls one recipient costs on the send path, in the steady state (the mailing and organisation cached). */
    private static Map<String, Long> callsPerRecipient() {
        try (SendPath path = new SendPath(101)) {
            path.sender.deliver(new Recipient(SendPath.ORG, SendPath.MAILING, path.contacts.get(0).contactId()), 1);
            path.aws.resetCalls();
            for (int i = 1; i <= 100; i++) {
                MailingSender.Delivery delivery = path.sender.deliver(new Recipient(SendPath.ORG, SendPath.MAILING, path.contacts.get(i).contactId()), 1);
                if (delivery != MailingSender.Delivery.DONE) {
                    throw new IllegalStateException("the send path did not send: " + delivery);
                }
            }
            Map<String, Long> per = new LinkedHashMap<>();
            path.aws.calls().forEach((operation, count) -> per.put(operation, count / 100));
            return per;
        }
    }

    /** The function's own {@code JAVA_TOOL_OPTIONS} in template.yaml, else the Globals' ({@code function} null: the Globals'). */
    static String javaToolOptions(Path template, String function) {
        CloudFormationTemplate loaded = CloudFormationTemplate.load(template);
        Object own = function == null ? null : variables(loaded.resource(function)
                .orElseThrow(() -> new IllegalStateException("template.yaml has no " + function)).properties()).get("JAVA_TOOL_OPTIONS");
        return String.valueOf(own != null ? own : variables(loaded.globals("Function")).getOrDefault("JAVA_TOOL_OPTIONS", "")).trim();
    }

    private static Map<String, Object> variables(Map<String, Object> properties) {
        Map<String, Object> environment = CloudFormationTemplate.mapOf(properties.getOrDefault("Environment", Map.of()), "Environment");
        return CloudFormationTemplate.mapOf(environment.getOrDefault("Variables", Map.of()), "Variables");
    }

    /** One benchmark in one round: JMH's score and error, the allocation per message, the collections. */
    record Round(int round, double score, double error, double perCpuSecond, double bytesPerOp, double gcCount, double gcMillis, double loadBefore,
                 double loadAfter) {
        static Round of(int round, RunResult result, double loadBefore, double loadAfter) {
            Result<?> primary = result.getPrimaryResult();
            Map<String, Result> secondary = result.getSecondaryResults();
            return new Round(round, primary.getScore(), primary.getScoreError(), secondary(secondary, CpuTimeProfiler.MSG_PER_CPU_SECOND),
                    secondary(secondary, "gc.alloc.rate.norm"),
                    secondary(secondary, "gc.count"), secondary(secondary, "gc.time"), loadBefore, loadAfter);
        }

        private static double secondary(Map<String, Result> results, String name) {
            return results.entrySet().stream().filter(e -> e.getKey().endsWith(name)).mapToDouble(e -> e.getValue().getScore())
                    .findFirst().orElse(Double.NaN);
        }
    }

    /** The median over the rounds of msg per second of CPU: the figure per core. */
    static double median(List<Round> rounds) {
        return median(rounds, Round::perCpuSecond);
    }

    static double median(List<Round> rounds, java.util.function.ToDoubleFunction<Round> value) {
        double[] scores = rounds.stream().mapToDouble(value).sorted().toArray();
        int n = scores.length;
        return n % 2 == 1 ? scores[n / 2] : (scores[n / 2 - 1] + scores[n / 2]) / 2;
    }

    private static String report(Instant began, Duration took, double loadBefore, double loadAfter, int rounds, int warmups,
                                 int iterations, int seconds, String heap, Map<String, String> jits,
                                 Map<String, Map<String, List<Round>>> results, Map<String, Long> calls) {
        StringBuilder md = new StringBuilder();
        md.append("# Rendering: a French mailing through the product's renderer, against the same message assembled by hand\n\n");
        md.append(String.format(Locale.ROOT, "Measured on %s by `bench/run-render` in %d min %d s (after the build); load average %.1f at the start, %.1f at the end.%n",
                DateTimeFormatter.ISO_LOCAL_DATE.format(began.atOffset(ZoneOffset.UTC)), took.toMinutes(), took.toSecondsPart(), loadBefore, loadAfter));
        md.append("Machine: ").append(Machine.current().description()).append(".\n");
        md.append(String.format(Locale.ROOT, "JMH 1.37, throughput on one thread, %d rounds; in each round every benchmark runs in a fresh JVM "
                + "(`%s`), %d warm-up (%d for the send path) and %d measured iterations of %d s, the order reversed every other round. "
                + "*SendFunction's* JIT adds its own `JAVA_TOOL_OPTIONS` in template.yaml (`%s`); *C1 only* adds the Globals' (`%s`), which the "
                + "other functions run with and which Lambda's Java 17 runtime applies when nothing is set.%n%n",
                rounds, heap, warmups, SEND_PATH_WARMUP_FACTOR * warmups, iterations, seconds, jits.get(SEND), jits.get(OTHERS)));
        md.append("The message: a subject, 3.2 KB of HTML and 1.5 KB of text, six merge fields (first name with its fallback, "
                + "polling station, street, city, organisation, unsubscribe link), one `{#if}`; 1,024 contacts in turn (accented names, one in ten "
                + "without a first name, one in five without a polling station, streets holding `'` and `&`). Every message carries its own "
                + "unsubscribe link, signed by the product's `LinkSigner` (HS256).\n\n");
        md.append("*per CPU-second*: messages per second of CPU the benchmark's JVM used (all its threads: the measured one, the pools it "
                + "hands work to, the collector, the compiler), the figure per core whatever else the machine runs. *wall*: JMH's own score, "
                + "messages per second of elapsed time on one thread, which falls as other processes take the cores; its error is JMH's "
                + "99.9 % interval over the measured iterations of each round.\n\n");
        md.append("| JIT | benchmark | per CPU-second, median | lowest – highest | µs of CPU/msg | wall msg/s, median | JMH error by round | allocated/msg | GC: collections, time | load average |\n");
        md.append("|---|---|---:|---:|---:|---:|---|---:|---:|---:|\n");
        for (var jit : results.entrySet()) {
            for (var benchmark : jit.getValue().entrySet()) {
                List<Round> measured = benchmark.getValue();
                double median = median(measured);
                md.append(String.format(Locale.ROOT, "| %s | %s | **%,.0f** | %,.0f – %,.0f | %.1f | %,.0f | %s | %s | %s | %s |%n",
                        label(jit.getKey()), name(benchmark.getKey()), median,
                        measured.stream().mapToDouble(Round::perCpuSecond).min().orElse(0),
                        measured.stream().mapToDouble(Round::perCpuSecond).max().orElse(0),
                        1e6 / median, median(measured, Round::score),
                        String.join(", ", measured.stream().map(r -> String.format(Locale.ROOT, "%,.0f ± %,.0f", r.score(), r.error())).toList()),
                        String.join(", ", measured.stream().map(r -> String.format(Locale.ROOT, "%,.0f B", r.bytesPerOp())).toList()),
                        String.join(", ", measured.stream().map(r -> String.format(Locale.ROOT, "%.0f, %.0f ms", r.gcCount(), nan0(r.gcMillis()))).toList()),
                        String.join(", ", measured.stream().map(r -> String.format(Locale.ROOT, "%.1f→%.1f", r.loadBefore(), r.loadAfter())).toList())));
            }
        }
        md.append('\n');
        for (var jit : results.entrySet()) {
            Map<String, List<Round>> byBenchmark = jit.getValue();
            String label = label(jit.getKey()) + " JIT";
            double template = median(byBenchmark.get("template"));
            double raw = median(byBenchmark.get("raw"));
            md.append(String.format(Locale.ROOT, "- %s: template ÷ raw ceiling, per CPU-second (medians): **%.2f**; round by round %s "
                    + "(wall: %.2f).%n", label, template / raw, String.join(", ", perRound(byBenchmark.get("template"), byBenchmark.get("raw"))),
                    median(byBenchmark.get("template"), Round::score) / median(byBenchmark.get("raw"), Round::score)));
            if (byBenchmark.containsKey("link")) {
                double link = median(byBenchmark.get("link"));
                md.append(String.format(Locale.ROOT, "- %s: of a rendered message's %.1f µs of CPU, signing its link takes %.1f µs; the templates "
                        + "%.1f µs, against %.1f µs for the raw assembly.%n", label, 1e6 / template, 1e6 / link,
                        1e6 / template - 1e6 / link, 1e6 / raw - 1e6 / link));
            }
            if (byBenchmark.containsKey("sendPath")) {
                double path = median(byBenchmark.get("sendPath"));
                md.append(String.format(Locale.ROOT, "- %s: the whole send path of one recipient besides I/O: **%.0f µs of CPU** "
                        + "(%,.0f recipients per CPU-second); rendering, link included, is %.1f %% of it.%n", label, 1e6 / path, path,
                        100 * path / template));
            }
        }
        md.append("- Calls of one recipient on the send path (steady state; answered from memory in the benchmark): ")
                .append(String.join(", ", calls.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList())).append(".\n");
        double record = median(results.get(SEND).get("template"));
        md.append(String.format(Locale.ROOT, "%nRendering: **%,d msg/s/core** (per CPU-second, SendFunction's JIT; target %,d): **%s**.%n",
                Math.round(record), TARGET, record >= TARGET ? "met" : "not met"));
        return md.toString();
    }

    private static String label(String jit) {
        return jit.equals(SEND) ? "SendFunction's" : "C1 only";
    }

    private static double nan0(double value) {
        return Double.isNaN(value) ? 0 : value;
    }

    private static List<String> perRound(List<Round> template, List<Round> raw) {
        List<String> ratios = new ArrayList<>();
        for (Round t : template) {
            raw.stream().filter(r -> r.round() == t.round()).findFirst()
                    .ifPresent(r -> ratios.add(String.format(Locale.ROOT, "%.2f", t.perCpuSecond() / r.perCpuSecond())));
        }
        return ratios;
    }

    private static String name(String benchmark) {
        return switch (benchmark) {
            case "template" -> "template (product)";
            case "raw" -> "raw ceiling";
            case "link" -> "signed link alone";
            case "sendPath" -> "send path, one recipient";
            default -> benchmark;
        };
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
