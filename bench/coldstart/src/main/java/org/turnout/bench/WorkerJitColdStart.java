package org.turnout.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.turnout.bench.support.Machine;
import org.turnout.local.Emulator;
import org.turnout.local.LocalAwsStack;
import org.turnout.local.RepositoryRoot;
import org.turnout.local.lambda.FunctionDefinition;
import org.turnout.local.lambda.LambdaProcess;
import org.turnout.local.secrets.SecretsManagerApi;

/**
 * What the JIT setting costs SendFunction's cold start: the packaged function (DispatchFunction runs the same package
 * and start-up, another handler) launched in a fresh JVM as Lambda launches it, alternately with the C1 cap (Lambda's
 * default for Java 17, and template.yaml's Globals) and with full tiered compilation (C2), its first event an SQS batch
 * with no records. {@code -Drounds=N} (5). Writes {@code bench/results/coldstart-workers.md}. Run by
 * {@code bench/run-coldstart --workers}.
 */
public final class WorkerJitColdStart {
    static final String C1_ONLY = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1";
    static final String FULL_TIERED = "-XX:+TieredCompilation -XX:TieredStopAtLevel=4";
    private static final byte[] EMPTY_BATCH = "{\"Records\":[]}".getBytes(StandardCharsets.UTF_8);
    private static final ObjectMapper JSON = new ObjectMapper();

    private WorkerJitColdStart() {
    }

    public static void main(String[] args) throws InterruptedException, IOException {
        int rounds = Integer.getInteger("rounds", 5);
        long began = System.nanoTime();
        System.setProperty("slf4j.internal.verbosity", "ERROR");
        RepositoryRoot root = RepositoryRoot.locate();
        Path workDir = root.path().resolve("bench/coldstart/target/run-workers");
        ColdStartProbe probe = new ColdStartProbe(LambdaProcess.runtimeClasspath(root), workDir);
        Map<String, List<ColdStartProbe.Result>> measured = new LinkedHashMap<>();
        measured.put(C1_ONLY, new ArrayList<>());
        measured.put(FULL_TIERED, new ArrayList<>());
        System.out.println("Starting the emulators SendFunction is configured with (DynamoDB, SES, SQS)...");
        try (LocalAwsStack stack = LocalAwsStack.start(EnumSet.of(Emulator.DYNAMODB, Emulator.SES, Emulator.SQS));
             SecretsManagerApi secrets = SecretsManagerApi.forTemplate(stack, line -> { })) {
            FunctionDefinition deployed = FunctionDefinition.fromTemplate(root, stack.resources(), "SendFunction", Map.of());
            // not measured: unpacks the package and warms the OS file cache, so that no measured launch pays for it
            coldStart(probe, withJit(deployed, stack, secrets, C1_ONLY));
            for (int round = 1; round <= rounds; round++) {
                List<String> order = round % 2 == 1 ? List.of(C1_ONLY, FULL_TIERED) : List.of(FULL_TIERED, C1_ONLY);
                for (String jit : order) {
                    ColdStartProbe.Result result = coldStart(probe, withJit(deployed, stack, secrets, jit));
                    measured.get(jit).add(result);
                    System.out.printf(Locale.ROOT, "round %d/%d  %-48s init %5d ms   first response %5d ms   CPU %5d ms%n", round, rounds,
                            jit, result.coldStart().init().toMillis(), result.coldStart().firstResponse().toMillis(), result.cpu().toMillis());
                }
            }
        }
        String report = report(rounds, Duration.ofNanos(System.nanoTime() - began), measured);
        Path results = root.path().resolve("bench/results/coldstart-workers.md");
        Files.writeString(results, report, StandardCharsets.UTF_8);
        System.out.println();
        System.out.println(report);
        System.out.println("Written to " + root.path().relativize(results));
    }

    /** SendFunction as template.yaml deploys it on the local stack, but with these JVM options. */
    private static FunctionDefinition withJit(FunctionDefinition deployed, LocalAwsStack stack, SecretsManagerApi secrets, String jit) {
        Map<String, String> environment = new LinkedHashMap<>(deployed.environment());
        environment.putAll(stack.environment());
        environment.put("AWS_ENDPOINT_URL_SECRETS_MANAGER", secrets.endpoint().toString());
        environment.put("JAVA_TOOL_OPTIONS", jit);
        return deployed.withEnvironment(environment);
    }

    private static ColdStartProbe.Result coldStart(ColdStartProbe probe, FunctionDefinition function) throws InterruptedException {
        ColdStartProbe.Result result = probe.coldStart(function, EMPTY_BATCH);
        String answer = new String(result.response(), StandardCharsets.UTF_8);
        try {
            JsonNode json = JSON.readTree(answer);
            if (json != null && json.path("batchItemFailures").isArray() && json.path("batchItemFailures").isEmpty()) {
                return result;
            }
        } catch (IOException notJson) {
            // reported below
        }
        throw new IllegalStateException("SendFunction gave an unexpected answer: " + answer + " (log: " + probe.logFile(function) + ")");
    }

    private static String report(int rounds, Duration took, Map<String, List<ColdStartProbe.Result>> measured) {
        StringBuilder md = new StringBuilder("# Cold start of SendFunction: C1 only against full tiered compilation\n\n");
        md.append(String.format(Locale.ROOT, "Measured on %s by `bench/run-coldstart --workers` in %d min %d s (after the build): %d rounds, "
                        + "each launching SendFunction in a fresh JVM once with each setting, the order alternating; load average %.1f at the end.%n",
                LocalDate.now(), took.toMinutes(), took.toSecondsPart(), rounds, java.lang.management.ManagementFactory
                        .getOperatingSystemMXBean().getSystemLoadAverage()));
        md.append("Machine: ").append(Machine.current().description()).append(". First event: an SQS batch with no records.\n\n");
        md.append("| `JAVA_TOOL_OPTIONS` | CPU to first response, median | min – max | init median | init min – max | first response median | first response min – max |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|\n");
        for (Map.Entry<String, List<ColdStartProbe.Result>> entry : measured.entrySet()) {
            DurationSummary cpu = DurationSummary.of(entry.getValue().stream().map(ColdStartProbe.Result::cpu).toList());
            DurationSummary init = DurationSummary.of(entry.getValue().stream().map(r -> r.coldStart().init()).toList());
            DurationSummary first = DurationSummary.of(entry.getValue().stream().map(r -> r.coldStart().firstResponse()).toList());
            md.append(String.format(Locale.ROOT, "| `%s` | **%d ms** | %d – %d ms | %d ms | %d – %d ms | %d ms | %d – %d ms |%n", entry.getKey(),
                    cpu.median().toMillis(), cpu.min().toMillis(), cpu.max().toMillis(),
                    init.median().toMillis(), init.min().toMillis(), init.max().toMillis(),
                    first.median().toMillis(), first.min().toMillis(), first.max().toMillis()));
        }
        md.append("\n- *init*: from the JVM's launch to the runtime's first poll of the Runtime API, Lambda's Init phase; "
                + "*first response*: to the answer to the first event, which was waiting at that poll; *CPU*: the CPU time the "
                + "function's processes had used by that answer (all threads, the compilers' included), which other processes on "
                + "the machine do not inflate as they do the wall times, and which a Lambda environment's share of a vCPU (about "
                + "0.6 at 1024 MB) turns into wall time.\n");
        return md.toString();
    }
}
