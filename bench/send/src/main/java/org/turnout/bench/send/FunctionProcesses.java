package org.turnout.bench.send;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The function processes of the local stack as the benchmark sees them from outside: the AWS calls each counted
 * ({@code <function>-<pid>.properties}, written by the product's {@code CallCounter}) and the collections of each
 * JVM ({@code jstat -gc}).
 */
final class FunctionProcesses {
    private static final Pattern FILE = Pattern.compile("(.+)-(\\d+)\\.properties");
    /** How long the counts must stay the same to be the last of a run: several of the counter's flushes. */
    private static final Duration QUIET = Duration.ofSeconds(2);

    /** One process's calls, {@code Service.Operation} to calls. */
    record Process(String function, long pid, Map<String, Long> calls) {
    }

    /** A JVM's collections so far. */
    record Gc(long young, double youngSeconds, long full, double fullSeconds) {
        Gc minus(Gc before) {
            return new Gc(young - before.young, youngSeconds - before.youngSeconds, full - before.full, fullSeconds - before.fullSeconds);
        }

        Gc plus(Gc other) {
            return new Gc(young + other.young, youngSeconds + other.youngSeconds, full + other.full, fullSeconds + other.fullSeconds);
        }

        static final Gc NONE = new Gc(0, 0, 0, 0);

        String text() {
            return String.format(Locale.ROOT, "%d young (%.2f s), %d full (%.2f s)", young, youngSeconds, full, fullSeconds);
        }
    }

    private final Path directory;

    FunctionProcesses(Path directory) {
        this.directory = directory;
    }

    /** Every process's counts, once they have stopped changing. */
    List<Process> settledCalls() throws IOException, InterruptedException {
        List<Process> previous = calls();
        while (true) {
            Thread.sleep(QUIET.toMillis());
            List<Process> now = calls();
            if (now.equals(previous)) {
                return now;
            }
            previous = now;
        }
    }

    List<Process> calls() throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            List<Path> counted = files.filter(file -> FILE.matcher(file.getFileName().toString()).matches()).sorted().toList();
            List<Process> processes = new java.util.ArrayList<>();
            for (Path file : counted) {
                Matcher name = FILE.matcher(file.getFileName().toString());
                name.matches();
                Properties properties = new Properties();
                try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    properties.load(in);
                } catch (NoSuchFileException replacedMeanwhile) {
                    continue;
                }
                Map<String, Long> calls = new TreeMap<>();
                properties.forEach((key, value) -> calls.put((String) key, Long.parseLong(((String) value).strip())));
                processes.add(new Process(name.group(1), Long.parseLong(name.group(2)), calls));
            }
            return processes;
        }
    }

    /** The calls of the processes of functions whose name contains {@code part}, summed. */
    static Map<String, Long> sum(List<Process> processes, String part) {
        Map<String, Long> sum = new TreeMap<>();
        processes.stream().filter(process -> process.function().contains(part))
                .forEach(process -> process.calls().forEach((key, count) -> sum.merge(key, count, Long::sum)));
        return sum;
    }

    /** {@code after - before}, per key. */
    static Map<String, Long> difference(Map<String, Long> after, Map<String, Long> before) {
        Map<String, Long> difference = new TreeMap<>();
        after.forEach((key, count) -> {
            long added = count - before.getOrDefault(key, 0L);
            if (added != 0) {
                difference.put(key, added);
            }
        });
        return difference;
    }

    /** The collections of the JVMs of the functions whose name contains one of {@code parts}, summed. */
    static Gc gc(List<Process> processes, List<String> parts) throws IOException, InterruptedException {
        Gc sum = Gc.NONE;
        for (Process process : processes) {
            // a process that ended (an environment replaced) has no collections left to read
            if (parts.stream().anyMatch(process.function()::contains) && ProcessHandle.of(process.pid()).map(ProcessHandle::isAlive).orElse(false)) {
                sum = sum.plus(jstat(process.pid()));
            }
        }
        return sum;
    }

    /** Linux's clock ticks a second, in which /proc gives a process's CPU time. */
    private static final double TICKS_PER_SECOND = 100;

    /** The CPU time a process used so far, user and system, from /proc; zero for one that ended. */
    static double cpuSeconds(long pid) throws IOException {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        String text;
        try {
            text = Files.readString(stat, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException ended) {
            return 0;
        }
        // after the command's name in parentheses: state is field 3, utime 14 and stime 15
        String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
    }

    /** {@code jstat -gc}: the collections of a running JVM of this user. */
    static Gc jstat(long pid) throws IOException, InterruptedException {
        java.lang.Process jstat = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jstat").toString(), "-gc",
                Long.toString(pid)).redirectErrorStream(true).start();
        String output = new String(jstat.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!jstat.waitFor(30, TimeUnit.SECONDS) || jstat.exitValue() != 0) {
            throw new IllegalStateException("jstat -gc " + pid + " failed: " + output);
        }
        String[] lines = output.strip().split("\\R");
        String[] names = lines[0].strip().split("\\s+");
        String[] values = lines[lines.length - 1].strip().split("\\s+");
        Map<String, String> columns = new TreeMap<>();
        for (int i = 0; i < names.length && i < values.length; i++) {
            columns.put(names[i], values[i]);
        }
        return new Gc(Long.parseLong(columns.get("YGC")), Double.parseDouble(columns.get("YGCT")),
                Long.parseLong(columns.get("FGC")), Double.parseDouble(columns.get("FGCT")));
    }
}
