package org.turnout.local.lambda;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import org.turnout.local.RepositoryRoot;

/**
 * One execution environment of a packaged Java function, started the way Lambda's java17 managed runtime
 * starts it: the zip unpacked to a task root, a JVM sized from the function's memory running the runtime
 * interface client, which loads the handler and polls this environment's own {@link LambdaRuntimeApi}.
 * Each process has its own {@code /tmp} ({@link EphemeralStorage}), deleted when it ends. If the process dies, what it was handling fails and the next invocation starts a new process; an
 * invocation that times out discards the process, as Lambda does.
 */
public final class LambdaProcess implements ExecutionEnvironment {

    /** The PATH Lambda's java17 runtime gives functions: not the developer's, which would leak into them. */
    private static final String LAMBDA_PATH = "/usr/local/bin:/usr/bin/:/bin:/opt/bin";
    private static final String RUNTIME_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    /** Lambda's java runtimes give the heap about 85 % of the function's memory. */
    private static final int HEAP_PERCENT = 85;
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);
    private static final Duration OUTPUT_DRAIN = Duration.ofSeconds(2);

    private record Environment(Process process, LambdaRuntimeApi api, EphemeralStorage tmp, Instant started, Thread output) {
    }

    private final FunctionDefinition function;
    private final String runtimeClasspath;
    private final Path taskRoot;
    private final FunctionLog log;
    private Environment current;
    private boolean closed;

    /**
     * @param runtimeClasspath the runtime interface client and its libraries, see {@link #runtimeClasspath}
     * @param taskRoot         where the package is unpacked; processes of one function may share it, each has
     *                         its own {@code /tmp} beside it, in {@code <taskRoot>.tmp/}
     */
    public LambdaProcess(FunctionDefinition function, String runtimeClasspath, Path taskRoot, FunctionLog log) {
        this.function = function;
        this.runtimeClasspath = runtimeClasspath;
        this.taskRoot = taskRoot;
        this.log = log;
    }

    /** The classpath of the runtime interface client that the emulators module resolves from Maven Central. */
    public static String runtimeClasspath(RepositoryRoot root) {
        Path file = root.infraLocal().resolve("emulators/target/lambda-runtime.classpath");
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("Missing " + file + ": build the emulators module first with "
                    + "`mvn -pl infra/local/emulators package`", e);
        }
    }

    /** Starts the process unless one runs, and waits until its runtime asks for the first event. */
    @Override
    public Duration start(Duration initTimeout) {
        Environment environment = running();
        try {
            Instant ready = environment.api().firstPoll().get(initTimeout.toMillis(), TimeUnit.MILLISECONDS);
            return Duration.between(environment.started(), ready);
        } catch (TimeoutException e) {
            stop(environment);
            throw new LambdaInvocationException(function.logicalId() + " was not ready within "
                    + initTimeout.toSeconds() + " s" + lastOutput(environment));
        } catch (ExecutionException e) {
            throw new LambdaInvocationException(e.getCause().getMessage() + lastOutput(environment));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(environment);
            throw new LambdaInvocationException("Interrupted while starting " + function.logicalId());
        }
    }

    @Override
    public CompletableFuture<byte[]> invoke(byte[] event, Duration timeout) {
        return invoke(UUID.randomUUID().toString(), event, timeout);
    }

    @Override
    public CompletableFuture<byte[]> invoke(String requestId, byte[] event, Duration timeout) {
        Environment environment;
        try {
            environment = running();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        // the function's own Timeout bounds every invocation, whatever the caller would wait
        Duration bounded = timeout.compareTo(function.timeout()) < 0 ? timeout : function.timeout();
        return environment.api().invoke(requestId, event, bounded).whenComplete((response, failure) -> {
            Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
            if (cause instanceof LambdaTimeoutException) {
                stop(environment);
            }
        });
    }

    /** The CPU time the running environment's processes (the JVM and any it started) have used so far, if the OS tells. */
    public synchronized Optional<Duration> cpuTime() {
        if (current == null) {
            return Optional.empty();
        }
        Process process = current.process();
        return Stream.concat(Stream.of(process.toHandle()), process.descendants())
                .map(handle -> handle.info().totalCpuDuration())
                .flatMap(Optional::stream)
                .reduce(Duration::plus);
    }

    @Override
    public void close() {
        Environment environment;
        synchronized (this) {
            closed = true;
            environment = current;
        }
        if (environment != null) {
            stop(environment);
        }
    }

    private synchronized Environment running() {
        if (closed) {
            throw new LambdaInvocationException(function.logicalId() + " was stopped");
        }
        if (current == null || !current.process().isAlive()) {
            current = launch();
        }
        return current;
    }

    private Environment launch() {
        FunctionPackage.extractIfNewer(function.codeZip(), taskRoot);
        EphemeralStorage tmp = EphemeralStorage.create(taskRoot.resolveSibling(taskRoot.getFileName() + ".tmp"),
                runtimeClasspath);
        LambdaRuntimeApi api = LambdaRuntimeApi.start(function.logicalId(), function.functionArn(), 0);
        ProcessBuilder builder = new ProcessBuilder(command(tmp))
                .directory(taskRoot.toFile())
                .redirectErrorStream(true);
        // only what Lambda would set: nothing of the caller's shell (AWS profile, endpoints...) leaks in
        builder.environment().clear();
        builder.environment().putAll(environment(api, tmp));
        Instant started = Instant.now();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            api.close();
            tmp.delete();
            throw new LambdaInvocationException(function.logicalId() + " could not be launched: " + e.getMessage());
        }
        log.line("[local] process " + process.pid() + " started, runtime API at " + api.address());
        Thread output = new Thread(() -> copyOutput(process), "output-" + function.logicalId() + "-" + process.pid());
        output.setDaemon(true);
        output.start();
        Environment environment = new Environment(process, api, tmp, started, output);
        process.onExit().thenAccept(exited -> onExit(environment, exited.exitValue()));
        return environment;
    }

    private List<String> command(EphemeralStorage tmp) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + function.memoryMegabytes() * HEAP_PERCENT / 100 + "m");
        command.add("-XX:+UseSerialGC");
        command.add("-Xshare:auto");
        command.add("-Djava.net.preferIPv4Stack=true");
        command.add("-Djava.io.tmpdir=" + tmp.directory());
        command.add("-D" + EphemeralStorage.NATIVE_LIBRARY_PROPERTY + "=" + tmp.nativeLibrary());
        command.add("-cp");
        command.add(String.join(File.pathSeparator, taskRoot.toString(), taskRoot.resolve("lib") + File.separator + "*",
                runtimeClasspath));
        command.add(RUNTIME_MAIN);
        command.add(function.handler());
        return command;
    }

    private Map<String, String> environment(LambdaRuntimeApi api, EphemeralStorage tmp) {
        Map<String, String> environment = new LinkedHashMap<>(function.environment());
        environment.put("PATH", LAMBDA_PATH);
        environment.put("TMPDIR", tmp.directory().toString());
        environment.put("LANG", "C.UTF-8");
        environment.put("TZ", ":UTC");
        environment.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        environment.put("_HANDLER", function.handler());
        environment.put("AWS_LAMBDA_RUNTIME_API", api.address());
        environment.put("AWS_EXECUTION_ENV", "AWS_Lambda_java17");
        environment.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        environment.put("AWS_LAMBDA_FUNCTION_NAME", function.functionName());
        environment.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", String.valueOf(function.memoryMegabytes()));
        environment.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        environment.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + function.functionName());
        environment.put("AWS_LAMBDA_LOG_STREAM_NAME", logStreamName());
        if (environment.containsKey("AWS_REGION")) {
            environment.put("AWS_DEFAULT_REGION", environment.get("AWS_REGION"));
        }
        return environment;
    }

    private static String logStreamName() {
        byte[] id = new byte[16];
        ThreadLocalRandom.current().nextBytes(id);
        return LocalDate.now(ZoneOffset.UTC).toString().replace('-', '/') + "/[$LATEST]" + HexFormat.of().formatHex(id);
    }

    private void copyOutput(Process process) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                log.line(line);
            }
        } catch (IOException e) {
            // the process is gone; its exit is reported by onExit
        }
    }

    private void onExit(Environment environment, int exitCode) {
        synchronized (this) {
            if (current == environment) {
                current = null;
            }
        }
        String reason = function.logicalId() + "'s process " + environment.process().pid() + " exited with code "
                + exitCode + " (log: " + log.file() + ")";
        environment.api().closeWith(reason);
        log.line("[local] process " + environment.process().pid() + " exited with code " + exitCode);
        deleteTmp(environment);
    }

    /** Stops the process and everything it started; its runtime API fails what was pending. */
    private void stop(Environment environment) {
        Process process = environment.process();
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        environment.api().closeWith(function.logicalId() + "'s process " + process.pid() + " was stopped");
        // here too, not only on exit: whoever stops the environment finds its /tmp gone
        if (!process.isAlive()) {
            deleteTmp(environment);
        }
    }

    private void deleteTmp(Environment environment) {
        try {
            environment.tmp().delete();
        } catch (UncheckedIOException e) {
            log.line("[local] " + e.getMessage());
        }
    }

    /** "; last output: a | b" once the process's output is read to its end, for one-line messages. */
    private String lastOutput(Environment environment) {
        try {
            environment.output().join(OUTPUT_DRAIN.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<String> tail = log.tail();
        return tail.isEmpty() ? "" : "; last output: " + String.join(" | ", tail);
    }
}
