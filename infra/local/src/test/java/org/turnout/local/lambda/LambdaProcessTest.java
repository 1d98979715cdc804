package org.turnout.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.turnout.local.RepositoryRoot;

/** Real execution environments: the runtime interface client in its own JVM, with a small packaged function. */
class LambdaProcessTest {

    /** More than any function's pool today: 2 execution environments, SendFunction's reserved concurrency 4. */
    private static final int ENVIRONMENTS = 8;
    /** Eight JVMs starting at once on a busy 2-core machine. */
    private static final Duration INIT_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration INVOKE_TIMEOUT = Duration.ofSeconds(60);
    private static final String HANDLER_CLASS = TmpReportingHandler.class.getName();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    private final List<LambdaProcess> environments = new ArrayList<>();
    private FunctionLog log;

    @AfterEach
    void stopEverything() {
        environments.forEach(LambdaProcess::close);
        if (log != null) {
            log.close();
        }
    }

    @Test
    void manyEnvironmentsStartedAtOnceEachGetTheirOwnTmpAndNoneCrashes() throws Exception {
        Path taskRoot = work.resolve("functions/ReportingFunction");
        Path tmpRoot = work.resolve("functions/ReportingFunction.tmp");
        FunctionDefinition function = new FunctionDefinition("ReportingFunction", "turnout-local-reporting",
                "arn:aws:lambda:eu-west-3:000000000000:function:turnout-local-reporting", HANDLER_CLASS + "::handle",
                packageOf(TmpReportingHandler.class), 256, INVOKE_TIMEOUT, Map.of());
        log = FunctionLog.open(function.logicalId(), work.resolve("logs/ReportingFunction.log"), line -> { });
        String runtimeClasspath = LambdaProcess.runtimeClasspath(RepositoryRoot.locate());
        for (int i = 0; i < ENVIRONMENTS; i++) {
            environments.add(new LambdaProcess(function, runtimeClasspath, taskRoot, log));
        }

        // all at once, as a burst of SQS batches or S3 events scales a function out
        ExecutorService starter = Executors.newFixedThreadPool(ENVIRONMENTS);
        List<CompletableFuture<Duration>> starts;
        try {
            starts = environments.stream().map(environment -> CompletableFuture.supplyAsync(
                    () -> environment.start(INIT_TIMEOUT), starter)).toList();
            CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).get(INIT_TIMEOUT.toSeconds() + 30, TimeUnit.SECONDS);
        } finally {
            starter.shutdown();
        }
        List<JsonNode> reports = new ArrayList<>();
        for (LambdaProcess environment : environments) {
            byte[] response = environment.invoke("{}".getBytes(StandardCharsets.UTF_8), INVOKE_TIMEOUT)
                    .get(INVOKE_TIMEOUT.toSeconds() + 10, TimeUnit.SECONDS);
            reports.add(JSON.readTree(response));
        }

        List<Path> tmps = reports.stream().map(report -> Path.of(report.path("tmpdir").asText())).toList();
        assertThat(tmps).doesNotHaveDuplicates().allSatisfy(tmp -> {
            assertThat(tmp.getParent()).isEqualTo(tmpRoot);
            assertThat(tmp.resolve("scratch")).hasContent("left by the function");
        });
        assertThat(reports).allSatisfy(report -> {
            String tmp = report.path("tmpdir").asText();
            assertThat(report.path("TMPDIR").asText()).isEqualTo(tmp);
            // the client loaded its library from the environment's own /tmp, not from the machine's
            assertThat(report.path("nativeLibrary").asText()).isEqualTo(tmp + "/" + EphemeralStorage.NATIVE_LIBRARY_FILE);
            assertThat(Path.of(tmp, EphemeralStorage.NATIVE_LIBRARY_FILE)).isRegularFile();
        });
        assertThat(log.tail()).noneMatch(line -> line.contains("exited with code") || line.contains("SIGBUS")
                || line.contains("Failed to load the native runtime interface client library"));

        environments.forEach(LambdaProcess::close);

        assertThat(tmps).allSatisfy(tmp -> assertThat(tmp).doesNotExist());
        try (Stream<Path> left = Files.list(tmpRoot)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void aProcessThatDiesTakesItsTmpWithItAndTheNextOneGetsAFreshOne() throws Exception {
        FunctionDefinition function = new FunctionDefinition("ReportingFunction", "turnout-local-reporting",
                "arn:aws:lambda:eu-west-3:000000000000:function:turnout-local-reporting", HANDLER_CLASS + "::handle",
                packageOf(TmpReportingHandler.class), 256, INVOKE_TIMEOUT, Map.of());
        log = FunctionLog.open(function.logicalId(), work.resolve("logs/ReportingFunction.log"), line -> { });
        LambdaProcess environment = new LambdaProcess(function, LambdaProcess.runtimeClasspath(RepositoryRoot.locate()),
                work.resolve("functions/ReportingFunction"), log);
        environments.add(environment);
        Path first = Path.of(invoke(environment).path("tmpdir").asText());
        assertThat(first.resolve("scratch")).exists();

        ProcessHandle.current().descendants().filter(process -> process.info().arguments()
                        .map(arguments -> String.join(" ", arguments).contains(first.toString())).orElse(false))
                .forEach(ProcessHandle::destroyForcibly);
        awaitGone(first);

        Path second = Path.of(invoke(environment).path("tmpdir").asText());
        assertThat(second).isNotEqualTo(first).exists();
        assertThat(second.resolve("scratch")).hasContent("left by the function");
    }

    private static JsonNode invoke(LambdaProcess environment) throws Exception {
        return JSON.readTree(environment.invoke("{}".getBytes(StandardCharsets.UTF_8), INVOKE_TIMEOUT)
                .get(INVOKE_TIMEOUT.toSeconds() + INIT_TIMEOUT.toSeconds(), TimeUnit.SECONDS));
    }

    /** The environment deletes its /tmp when it sees its process exit, shortly after. */
    private static void awaitGone(Path tmp) throws InterruptedException {
        long deadline = System.nanoTime() + INVOKE_TIMEOUT.toNanos();
        while (Files.exists(tmp) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(tmp).doesNotExist();
    }

    /** A deployment package: the class at the root of the zip, as Maven packages a function. */
    private Path packageOf(Class<?> handler) throws IOException {
        Path zip = work.resolve("function.zip");
        String entry = handler.getName().replace('.', '/') + ".class";
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip));
             InputStream classFile = handler.getClassLoader().getResourceAsStream(entry)) {
            out.putNextEntry(new ZipEntry(entry));
            classFile.transferTo(out);
            out.closeEntry();
        }
        return zip;
    }
}
