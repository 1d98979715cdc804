package org.turnout.bench.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.turnout.bench.support.Machine;

class SendReportTest {

    private static final FunctionProcesses.Gc GC = new FunctionProcesses.Gc(3, 0.02, 0, 0);

    @Test
    void theRatioIsTheMedianOverTheMedianAndMetAtEightTenths() {
        SendReport report = report(List.of(round(1, 100, 90), round(2, 120, 80), round(3, 90, 100)));

        assertThat(report.rawMedian()).isCloseTo(100.0, within(0.01));
        assertThat(report.endToEndMedian()).isCloseTo(90.0, within(0.01));
        assertThat(report.ratio()).isCloseTo(0.9, within(0.001));
        assertThat(report.verdict()).isEqualTo("met");
        assertThat(report.summaryLine()).isEqualTo("end to end: ratio 0.90 (target 0.8)");
        assertThat(report.markdown()).contains("**End to end / raw: 0.900**").contains("| SesV2.SendEmail | 1.000 | 0.000 | 1.000 |");
    }

    @Test
    void aRatioAboveOneIsABrokenCeilingAndNeverMet() {
        SendReport report = report(List.of(round(1, 100, 130)));

        assertThat(report.ratio()).isCloseTo(1.3, within(0.001));
        assertThat(report.verdict()).startsWith("above 1: the raw loop is no ceiling").doesNotContain(", met");
        assertThat(report.markdown()).doesNotContain(": met.\n\n## Calls");
    }

    /** {@code sent} emails at {@code raw} and {@code endToEnd} emails a second, each email one SendEmail. */
    private static SendReport.Round round(int number, double raw, double endToEnd) {
        int sent = 1000;
        return new SendReport.Round(number, "raw",
                new SendReport.Phase(sent, Duration.ofMillis((long) (1000 * sent / raw)), GC, 1, 1, Map.of(), Map.of(), Duration.ZERO,
                        new SendInvocations(0, 0), 0),
                new SendReport.Phase(sent, Duration.ofMillis((long) (1000 * sent / endToEnd)), GC, 1, 1,
                        Map.of("SesV2.SendEmail", (long) sent), Map.of(), Duration.ofSeconds(1), new SendInvocations(sent / 10, sent), 20));
    }

    private static SendReport report(List<SendReport.Round> rounds) {
        return new SendReport(LocalDate.of(2026, 12, 7), new Machine(2, 1L << 34, "Linux amd64", "17"), 1000, 100,
                new SendConcurrency(4, 1, "test"), 100_000, Duration.ofMinutes(5), rounds, rounds.size());
    }
}
