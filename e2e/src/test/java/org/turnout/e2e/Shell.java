package org.turnout.e2e;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs commands as a user's shell would, from the repository root, each bounded in time. */
final class Shell {

    /** What a command printed (stdout and stderr together) and how it ended. */
    record Result(int exitCode, String output) {
        List<String> lines() {
            return output.strip().lines().toList();
        }

        /** For {@code curl -w '\n%{http_code}'}: the status on the last line. */
        int httpStatus() {
            List<String> lines = lines();
            return Integer.parseInt(lines.get(lines.size() - 1).strip());
        }

        /** For {@code curl -w '\n%{http_code}'}: what came before the status. */
        String httpBody() {
            List<String> lines = lines();
            return String.join("\n", lines.subList(0, lines.size() - 1));
        }
    }

    private final Path directory;
    private final Map<String, String> environment;

    /** @param environment set on top of this JVM's environment */
    Shell(Path directory, Map<String, String> environment) {
        this.directory = directory;
        this.environment = Map.copyOf(environment);
    }

    Result run(Duration timeout, String... command) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        try {
            Path output = Files.createTempFile("turnout-e2e-", ".out");
            try {
                builder.redirectOutput(output.toFile());
                Process process = builder.start();
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                    fail("`%s` did not end within %d s; it printed:%n%s", String.join(" ", command), timeout.toSeconds(),
                            Files.readString(output, StandardCharsets.UTF_8));
                }
                return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + String.join(" ", command), e);
        }
    }

    /**
     * A bash script run after {@code set -a; . <endpoints.env>; set +a}, as the file's own comment says;
     * {@code arguments} are its {@code $1}, {@code $2}...
     */
    Result withEndpoints(Path endpointsFile, Duration timeout, String script, String... arguments) {
        List<String> command = new ArrayList<>(List.of("bash", "-c",
                "set -euo pipefail; set -a; . \"$0\"; set +a; " + script, endpointsFile.toString()));
        command.addAll(List.of(arguments));
        return run(timeout, command.toArray(String[]::new));
    }
}
