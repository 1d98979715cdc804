package org.turnout.local.lambda;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/**
 * Where a function's output goes, as CloudWatch Logs would keep it: a file (appended to across restarts),
 * optionally the console with the function's name before each line, and the last lines in memory for
 * error messages.
 */
public final class FunctionLog implements AutoCloseable {

    private static final int TAIL_LINES = 15;

    private final String functionName;
    private final Path file;
    private final BufferedWriter writer;
    private final Consumer<String> console;
    private final Deque<String> tail = new ArrayDeque<>();

    private FunctionLog(String functionName, Path file, BufferedWriter writer, Consumer<String> console) {
        this.functionName = functionName;
        this.file = file;
        this.writer = writer;
        this.console = console;
    }

    /** {@code console} gets each line prefixed with {@code [functionName]}; pass {@code line -> { }} for none. */
    public static FunctionLog open(String functionName, Path file, Consumer<String> console) {
        try {
            Files.createDirectories(file.getParent());
            return new FunctionLog(functionName, file, Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND), console);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the log of " + functionName + " to " + file, e);
        }
    }

    public Path file() {
        return file;
    }

    public synchronized void line(String line) {
        try {
            writer.write(line);
            writer.newLine();
            writer.flush();
        } catch (IOException e) {
            // the function keeps running even if its log cannot be written; the console still shows it
        }
        console.accept("[" + functionName + "] " + line);
        if (tail.size() == TAIL_LINES) {
            tail.removeFirst();
        }
        tail.addLast(line);
    }

    /** The last lines written, oldest first. */
    public synchronized List<String> tail() {
        return List.copyOf(tail);
    }

    @Override
    public synchronized void close() {
        try {
            writer.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
