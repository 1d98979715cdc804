package org.turnout.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

class RunSettingsTest {

    private final RepositoryRoot root = RepositoryRoot.locate();

    @Test
    void defaultsAreTheEmulatorsUsualPortsAndTheRunDirectoryInInfraLocal() {
        RunSettings settings = RunSettings.fromEnvironment(Map.of(), root);

        assertThat(settings.apiPort()).isEqualTo(8080);
        assertThat(settings.lambdaPort()).isEqualTo(9001);
        assertThat(settings.schedulerPort()).isEqualTo(9002);
        assertThat(settings.identityPort()).isEqualTo(9003);
        assertThat(settings.secretsPort()).isEqualTo(9004);
        assertThat(settings.emulatorPorts()).containsExactlyInAnyOrderEntriesOf(Map.of(
                Emulator.DYNAMODB, 8000, Emulator.SES, 8005, Emulator.S3, 9000, Emulator.SQS, 9324));
        assertThat(settings.runDir()).isEqualTo(root.infraLocal().resolve(".run"));
    }

    @Test
    void theEnvironmentMovesPortsAndState() {
        RunSettings settings = RunSettings.fromEnvironment(Map.of("TURNOUT_LOCAL_API_PORT", "18080",
                "TURNOUT_LOCAL_SQS_PORT", " 19324 ", "TURNOUT_LOCAL_LAMBDA_PORT", "19001",
                "TURNOUT_LOCAL_SCHEDULER_PORT", "19002", "TURNOUT_LOCAL_IDENTITY_PORT", "19003", "TURNOUT_LOCAL_SECRETS_PORT", "19004",
                "TURNOUT_LOCAL_RUN_DIR", "/tmp/turnout-run"), root);

        assertThat(settings.apiPort()).isEqualTo(18080);
        assertThat(settings.lambdaPort()).isEqualTo(19001);
        assertThat(settings.schedulerPort()).isEqualTo(19002);
        assertThat(settings.identityPort()).isEqualTo(19003);
        assertThat(settings.secretsPort()).isEqualTo(19004);
        assertThat(settings.emulatorPorts()).containsEntry(Emulator.SQS, 19324).containsEntry(Emulator.S3, 9000);
        assertThat(settings.runDir()).isEqualTo(Path.of("/tmp/turnout-run"));
    }

    @Test
    void aMeasurementRaisesTheSesRateAndGivesEveryFunctionVariablesOnTopOfTheTemplates() {
        RunSettings settings = RunSettings.fromEnvironment(Map.of("TURNOUT_LOCAL_SES_MAX_SEND_RATE", "100000",
                "TURNOUT_LOCAL_FUNCTION_ENV_TURNOUT_CALL_COUNT_DIR", "/tmp/calls",
                "TURNOUT_LOCAL_FUNCTION_ENV_JAVA_TOOL_OPTIONS", "-Xlog:gc"), root);

        assertThat(settings.sesMaxSendRate()).isEqualTo(100_000);
        assertThat(settings.withFunctionEnvironment(Map.of("JAVA_TOOL_OPTIONS", "-XX:TieredStopAtLevel=1", "TURNOUT_TABLE", "t")))
                .containsExactlyInAnyOrderEntriesOf(Map.of("JAVA_TOOL_OPTIONS", "-XX:TieredStopAtLevel=1 -Xlog:gc",
                        "TURNOUT_TABLE", "t", "TURNOUT_CALL_COUNT_DIR", "/tmp/calls"));
        RunSettings plain = RunSettings.fromEnvironment(Map.of(), root);
        assertThat(plain.sesMaxSendRate()).isEqualTo(SesAccount.MAX_SEND_RATE);
        assertThat(plain.withFunctionEnvironment(Map.of("TURNOUT_TABLE", "t"))).containsExactlyEntriesOf(Map.of("TURNOUT_TABLE", "t"));
        assertThatThrownBy(() -> RunSettings.fromEnvironment(Map.of("TURNOUT_LOCAL_SES_MAX_SEND_RATE", "0"), root))
                .hasMessage("TURNOUT_LOCAL_SES_MAX_SEND_RATE=0 is not a send rate (1 or more emails a second)");
    }

    @Test
    void refusesPortsThatAreNoPortsOrTaken() {
        assertThatThrownBy(() -> RunSettings.fromEnvironment(Map.of("TURNOUT_LOCAL_S3_PORT", "ninety"), root))
                .hasMessage("TURNOUT_LOCAL_S3_PORT=ninety is not a port number (1-65535) for S3 (S3Proxy)");
        assertThatThrownBy(() -> RunSettings.fromEnvironment(Map.of("TURNOUT_LOCAL_SQS_PORT", "9000"), root))
                .hasMessage("TURNOUT_LOCAL_S3_PORT and TURNOUT_LOCAL_SQS_PORT are both 9000: give each its own port");
    }

    @Test
    void aPortInUseIsNamedWithWhatItIsForAndHowToMoveIt() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            RunSettings settings = RunSettings.fromEnvironment(Map.of("TURNOUT_LOCAL_API_PORT", String.valueOf(port),
                    "TURNOUT_LOCAL_DYNAMODB_PORT", "1", "TURNOUT_LOCAL_SES_PORT", "2", "TURNOUT_LOCAL_S3_PORT", "3",
                    "TURNOUT_LOCAL_SQS_PORT", "4"), root);

            assertThatThrownBy(settings::checkPortsFree)
                    .hasMessage("Port " + port + " (the HTTP API) is in use: stop what listens there (`ss -ltnp 'sport = :"
                            + port + "'` names it) or choose another port with TURNOUT_LOCAL_API_PORT=<port>");
        }
    }
}
