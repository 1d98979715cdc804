package org.turnout.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.turnout.bench.support.Machine;

class ColdStartReportTest {

    private static final Machine MACHINE = new Machine(2, 8L * 1024 * 1024 * 1024, "Linux amd64", "17.0.15+6 (Vendor)");

    @Test
    void tabulatesEachFunctionAndTheRatiosOfTheMedians() {
        FunctionResult baseline = FunctionResult.of("baseline", "a small JSON", List.of(
                coldStart(500, 600), coldStart(400, 450), coldStart(450, 500)));
        FunctionResult api = FunctionResult.of("ApiFunction", "a sign-up", List.of(
                coldStart(1000, 1600), coldStart(900, 1500), coldStart(1350, 2200)));

        String markdown = new ColdStartReport(LocalDate.of(2026, 11, 28), MACHINE, 3, 1024, "-XX:TieredStopAtLevel=1",
                Duration.ofSeconds(135), baseline, api).markdown();

        assertThat(markdown).contains(
                "Measured on 2026-11-28 by `bench/run-coldstart` in 2 min 15 s (after the build): 3 rounds",
                "Machine: 2 processors, 8.0 GiB memory, Linux amd64; Java 17.0.15+6 (Vendor).",
                "Both functions: 1024 MB of memory, `JAVA_TOOL_OPTIONS=-XX:TieredStopAtLevel=1`",
                "| baseline | 450 ms | 400 ms | 500 ms | 500 ms | 450 ms | 600 ms |",
                "| ApiFunction | 1000 ms | 900 ms | 1350 ms | 1600 ms | 1500 ms | 2200 ms |",
                "| **ApiFunction / baseline, medians** | **2.22×** | | | **3.20×** | | |",
                "first request of the baseline (`bench/coldstart-baseline`): a small JSON",
                "first request of ApiFunction: a sign-up",
                "SnapStart");
    }

    private static ColdStart coldStart(long initMillis, long firstResponseMillis) {
        return new ColdStart(Duration.ofMillis(initMillis), Duration.ofMillis(firstResponseMillis));
    }
}
