package org.turnout.bench.imports;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/** What one forked phase measured, read back from its properties file. */
final class PhaseResult {

    /** One operation's counts, as {@link AwsCalls} kept them. */
    record Calls(long calls, long items, long unprocessed, long failures, Duration waited, long bytes) {
    }

    private final Properties properties;

    PhaseResult(Properties properties) {
        this.properties = properties;
    }

    Duration time() {
        return Duration.ofNanos(number("nanos"));
    }

    long number(String name) {
        String value = properties.getProperty(name);
        if (value == null || value.equals("null")) {
            throw new IllegalStateException("the phase's result has no " + name + ": " + properties);
        }
        return Long.parseLong(value);
    }

    String text(String name) {
        return properties.getProperty(name);
    }

    /** The distinct conditions the phase's PutItem calls carried, their attribute names filled in. */
    List<String> putConditions() {
        String joined = properties.getProperty("putConditions", "");
        return joined.isEmpty() ? List.of() : List.of(joined.split(java.util.regex.Pattern.quote(MeasuredRun.CONDITION_SEPARATOR)));
    }

    /** By "Service.Operation", e.g. "DynamoDb.BatchWriteItem". */
    Map<String, Calls> calls() {
        Map<String, Calls> calls = new TreeMap<>();
        for (String name : properties.stringPropertyNames()) {
            if (name.startsWith("calls.") && name.endsWith(".calls")) {
                String operation = name.substring("calls.".length(), name.length() - ".calls".length());
                String prefix = "calls." + operation + ".";
                calls.put(operation, new Calls(number(prefix + "calls"), number(prefix + "items"), number(prefix + "unprocessed"),
                        number(prefix + "failures"), Duration.ofNanos(number(prefix + "nanos")), number(prefix + "bytes")));
            }
        }
        return calls;
    }

    Calls calls(String operation) {
        return calls().getOrDefault(operation, new Calls(0, 0, 0, 0, Duration.ZERO, 0));
    }
}
