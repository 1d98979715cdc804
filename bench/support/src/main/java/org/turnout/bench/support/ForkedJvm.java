package org.turnout.bench.support;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Runs one measurement in a JVM of its own, so that its heap holds nothing but what it measures: the same Java
 * as this one, the given JVM options and system properties (the local stack's SDK settings among them), this
 * JVM's classpath, and a main class that takes its arguments and, last, the properties file to write its
 * results to. Its output goes to {@code logs/NAME.log} and its results to {@code NAME.properties} under the
 * working directory; it is killed if this JVM stops first.
 */
public final class ForkedJvm {

    private final Class<?> mainClass;
    private final List<String> jvmOptions;
    private final Map<String, String> systemProperties;
    private final Path workDir;

    /**
     * @param systemProperties passed as {@code -Dkey=value}, after {@code jvmOptions}
     * @param workDir          where the results and, in {@code logs/}, the output go
     */
    public ForkedJvm(Class<?> mainClass, List<String> jvmOptions, Map<String, String> systemProperties, Path workDir) {
        this.mainClass = mainClass;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.systemProperties = new LinkedHashMap<>(systemProperties);
        this.workDir = workDir;
    }

    /** Runs {@code MAIN arguments... RESULT_FILE} to its end and answers the results it wrote. */
    public Properties run(String name, List<String> arguments) throws IOException, InterruptedException {
        Path resultFile = workDir.resolve(name + ".properties");
        Files.deleteIfExists(resultFile);
        Path log = workDir.resolve("logs/" + name + ".log");
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command(arguments, resultFile)).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Thread stop = new Thread(process::destroyForcibly, "stop-" + name);
        Runtime.getRuntime().addShutdownHook(stop);
        try {
            int exit = process.waitFor();
            if (exit != 0 || !Files.isRegularFile(resultFile)) {
                throw new IllegalStateException("The forked run " + name + " failed (exit " + exit + "); see " + log);
            }
        } finally {
            process.destroyForcibly();
            Runtime.getRuntime().removeShutdownHook(stop);
        }
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(resultFile, StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        return properties;
    }

    List<String> command(List<String> arguments, Path resultFile) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        systemProperties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(arguments);
        command.add(resultFile.toString());
        return command;
    }
}
