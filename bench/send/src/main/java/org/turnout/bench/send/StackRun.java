package org.turnout.bench.send;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.turnout.local.DetachedRun;

/**
 * The local stack as {@code infra/local/run --detach} starts it, every function from its packaged zip, on free
 * ports with a run directory of its own (a stack the developer keeps running is left alone), with the extra
 * settings of a measurement; {@link #close} runs {@code infra/local/stop}.
 */
final class StackRun implements AutoCloseable {
    private static final long START_MINUTES = 10;

    private final Path root;
    private final Path runDir;
    private final Map<String, String> environment;
    private final Map<String, String> endpoints = new LinkedHashMap<>();

    private StackRun(Path root, Path runDir, Map<String, String> environment) {
        this.root = root;
        this.runDir = runDir;
        this.environment = environment;
    }

    /**
     * @param settings {@code TURNOUT_LOCAL_...} variables on top of the ports and run directory
     * @param log      where infra/local/run's own output goes
     */
    static StackRun start(Path root, Path runDir, Map<String, String> settings, Path log) throws IOException, InterruptedException {
        Map<String, String> environment = new LinkedHashMap<>(settings);
        environment.putAll(DetachedRun.environment(runDir));
        StackRun stack = new StackRun(root, runDir, environment);
        try {
            int exit = stack.script("run", log, "--detach");
            if (exit != 0) {
                throw new IllegalStateException("infra/local/run --detach failed (exit " + exit + "); see " + log);
            }
            stack.endpoints.putAll(DetachedRun.endpoints(runDir));
            return stack;
        } catch (IOException | InterruptedException | RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    /** A setting of endpoints.env. */
    String endpoint(String name) {
        String value = endpoints.get(name);
        if (value == null) {
            throw new IllegalStateException(name + " is not in " + DetachedRun.endpointsFile(runDir));
        }
        return value;
    }

    Path runDir() {
        return runDir;
    }

    @Override
    public void close() {
        try {
            script("stop", runDir.resolve("stop.log"), null);
        } catch (IOException | InterruptedException e) {
            System.err.println("infra/local/stop failed: " + e + "; stop the stack with TURNOUT_LOCAL_RUN_DIR=" + runDir + " infra/local/stop");
        }
    }

    private int script(String name, Path log, String argument) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(root.resolve("infra/local/" + name).toString()));
        if (argument != null) {
            command.add(argument);
        }
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(START_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("infra/local/" + name + " did not end within " + START_MINUTES + " minutes; see " + log);
        }
        return process.exitValue();
    }
}
