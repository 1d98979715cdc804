package org.turnout.bench.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsTest {
    @Test
    void aRunAtTheCommittedSizesWritesTheCommittedResultsAndATrialRunItsWorkDirectory(@TempDir Path root) throws IOException {
        Path workDir = root.resolve("bench/send/target/run");

        Path committed = Results.write(root, workDir, "send.md", "# at size", true);
        Path trial = Results.write(root, workDir, "send.md", "# trial", false);

        assertThat(committed).isEqualTo(root.resolve("bench/results/send.md"));
        assertThat(trial).isEqualTo(workDir.resolve("send.md"));
        assertThat(Files.readString(committed, StandardCharsets.UTF_8)).isEqualTo("# at size");
        assertThat(Files.readString(trial, StandardCharsets.UTF_8)).isEqualTo("# trial");
    }
}
