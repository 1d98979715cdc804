package org.turnout.bench.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ForkedJvmTest {
    @TempDir
    Path workDir;

    @Test
    void theForkedMainGetsTheOptionsPropertiesAndArgumentsAndItsResultsComeBack() throws Exception {
        ForkedJvm jvm = new ForkedJvm(Echo.class, List.of("-Xmx64m", "-XX:+UseSerialGC"), Map.of("bench.greeting", "bonjour"), workDir);

        Properties result = jvm.run("echo", List.of("one", "two"));

        assertThat(result.getProperty("arguments")).isEqualTo("one two");
        assertThat(result.getProperty("greeting")).isEqualTo("bonjour");
        assertThat(result.getProperty("options")).contains("-Xmx64m", "-XX:+UseSerialGC");
        assertThat(result.getProperty("pid")).isNotEqualTo(Long.toString(ProcessHandle.current().pid()));
        assertThat(workDir.resolve("logs/echo.log")).content().contains("echoing");
    }

    @Test
    void aRunThatFailsOrWritesNoResultsFailsWithItsLog() throws Exception {
        ForkedJvm jvm = new ForkedJvm(Echo.class, List.of(), Map.of(), workDir);
        Files.writeString(workDir.resolve("fail.properties"), "stale=from an earlier run\n");

        assertThatThrownBy(() -> jvm.run("fail", List.of("fail")))
                .hasMessageContaining("fail").hasMessageContaining("exit 3").hasMessageContaining(workDir.resolve("logs/fail.log").toString());
        assertThat(workDir.resolve("fail.properties")).as("an earlier run's results are not taken for this one's").doesNotExist();
    }

    /** A forked main as the benchmarks' are: arguments, then the results file. */
    public static final class Echo {
        public static void main(String[] args) throws IOException {
            System.out.println("echoing " + String.join(" ", args));
            if (args[0].equals("fail")) {
                System.exit(3);
            }
            Properties result = new Properties();
            result.setProperty("arguments", String.join(" ", Arrays.copyOf(args, args.length - 1)));
            result.setProperty("greeting", System.getProperty("bench.greeting"));
            result.setProperty("options", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
            result.setProperty("pid", Long.toString(ProcessHandle.current().pid()));
            try (Writer out = Files.newBufferedWriter(Path.of(args[args.length - 1]), StandardCharsets.UTF_8)) {
                result.store(out, null);
            }
        }
    }
}
