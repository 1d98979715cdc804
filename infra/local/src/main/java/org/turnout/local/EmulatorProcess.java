package org.turnout.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;

/** One emulator running as a child process, its output going to a log file. */
final class EmulatorProcess {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    private static final Duration GRACE = Duration.ofSeconds(5);
    private static final int LOG_TAIL_LINES = 15;

    private final String name;
    private final List<String> command;
    private final Path log;
    private final Process process;

    private EmulatorProcess(String name, List<String> command, Path log, Process process) {
        this.name = name;
        this.command = command;
        this.log = log;
        this.process = process;
    }

    static EmulatorProcess start(String name, List<String> command, Map<String, String> environment,
                                 Path workingDirectory, Path log) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workingDirectory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        try {
            return new EmulatorProcess(name, command, log, builder.start());
        } catch (IOException e) {
            throw new IllegalStateException(name + " emulator could not be launched (is " + command.get(0)
                    + " installed and on the PATH?); command: " + String.join(" ", command) + ": " + e.getMessage(), e);
        }
    }

    /**
     * Waits until a request to {@code probe} gets an HTTP answer that {@code ready} accepts: an open
     * port alone is not enough, the server must be answering.
     */
    void awaitReady(URI probe, IntPredicate ready, Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest request = HttpRequest.newBuilder(probe).timeout(Duration.ofSeconds(2)).GET().build();
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            if (!process.isAlive()) {
                throw failure("exited with code " + process.exitValue() + " before answering");
            }
            try {
                if (ready.test(http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode())) {
                    return;
                }
            } catch (IOException notYet) {
                // refused, reset or timed out: the server is still starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failure("was interrupted while waiting for it");
            }
            if (Instant.now().isAfter(deadline)) {
                throw failure("did not answer " + probe + " within " + timeout.toSeconds() + " s");
            }
            sleep(POLL_INTERVAL);
        }
    }

    /** Asks the process to stop, then forces it; descendants go too, so nothing keeps a port. */
    void stop() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private IllegalStateException failure(String what) {
        return new IllegalStateException(name + " emulator " + what + "; command: " + String.join(" ", command)
                + "; last output: " + String.join(" | ", lastLogLines()));
    }

    private List<String> lastLogLines() {
        try {
            // decoded leniently: an emulator may print anything
            List<String> lines = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
            return lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
