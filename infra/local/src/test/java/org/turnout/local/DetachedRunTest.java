package org.turnout.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DetachedRunTest {

    @Test
    void theEnvironmentGivesEveryPortTheRunnerNeedsAPortOfItsOwnAndItsStateTheRunDirectory(@TempDir Path runDir) throws IOException {
        Map<String, String> environment = DetachedRun.environment(runDir);

        RunSettings settings = RunSettings.fromEnvironment(environment, RepositoryRoot.locate());
        assertThat(settings.runDir()).isEqualTo(runDir.toAbsolutePath().normalize());
        assertThat(settings.ports()).hasSameSizeAs(RunSettings.DEFAULTS).allSatisfy(port ->
                assertThat(environment).containsEntry(port.variable(), Integer.toString(port.number())));
        assertThat(settings.ports()).extracting(RunSettings.Port::number).doesNotHaveDuplicates();
    }

    @Test
    void theEndpointsAreTheFilesSettingsInOrderWithoutItsComments(@TempDir Path runDir) throws IOException {
        Files.writeString(DetachedRun.endpointsFile(runDir), """
                # Turnout local stack
                TURNOUT_API_URL=http://127.0.0.1:18080
                not a setting
                TURNOUT_TOKEN_ISSUER=http://127.0.0.1:19003/pool?a=b
                """, StandardCharsets.UTF_8);

        assertThat(DetachedRun.endpoints(runDir)).containsExactly(
                Map.entry("TURNOUT_API_URL", "http://127.0.0.1:18080"),
                Map.entry("TURNOUT_TOKEN_ISSUER", "http://127.0.0.1:19003/pool?a=b"));
    }
}
