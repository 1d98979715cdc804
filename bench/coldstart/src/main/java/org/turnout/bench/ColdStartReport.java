package org.turnout.bench;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Locale;
import org.turnout.bench.support.Machine;

/** The results as Markdown: printed at the end of a run and kept in bench/results/coldstart.md. */
record ColdStartReport(LocalDate date, Machine machine, int rounds, int memoryMegabytes, String javaToolOptions,
                       Duration runTime, FunctionResult baseline, FunctionResult api) {

    String markdown() {
        return """
                # Cold start: ApiFunction against a minimal Quarkus function

                Measured on %s by `bench/run-coldstart` in %s (after the build): %d round%s, each launching a \
                fresh JVM for each function, the baseline and ApiFunction alternating.
                Machine: %s.
                Both functions: %d MB of memory, `JAVA_TOOL_OPTIONS=%s` (template.yaml's Globals).

                | function | init median | init min | init max | first response median | first response min | first response max |
                |---|---:|---:|---:|---:|---:|---:|
                %s
                %s
                | **ApiFunction / baseline, medians** | **%s** | | | **%s** | | |

                - *init*: from the launch of the function's JVM to its runtime's first poll of the Runtime API, \
                i.e. Lambda's Init phase.
                - *first response*: from the same launch to the answer to the first event, which was waiting when \
                the runtime first polled: the cold start a user sees.
                - first request of the baseline (`bench/coldstart-baseline`): %s
                - first request of ApiFunction: %s

                These are plain cold starts. In AWS, ApiFunction runs with SnapStart (its `live` alias), which \
                resumes from a snapshot taken after init; that cannot be measured locally.
                """.formatted(date, minutesAndSeconds(runTime), rounds, rounds == 1 ? "" : "s", machine.description(), memoryMegabytes,
                javaToolOptions, row(baseline), row(api), ratio(api.init(), baseline.init()),
                ratio(api.firstResponse(), baseline.firstResponse()), baseline.firstRequest(), api.firstRequest());
    }

    private static String row(FunctionResult function) {
        return "| %s | %s | %s | %s | %s | %s | %s |".formatted(function.name(),
                millis(function.init().median()), millis(function.init().min()), millis(function.init().max()),
                millis(function.firstResponse().median()), millis(function.firstResponse().min()),
                millis(function.firstResponse().max()));
    }

    private static String ratio(DurationSummary numerator, DurationSummary denominator) {
        return String.format(Locale.ROOT, "%.2f×", numerator.medianRatioTo(denominator));
    }

    private static String millis(Duration duration) {
        return duration.toMillis() + " ms";
    }

    private static String minutesAndSeconds(Duration duration) {
        return duration.toMinutes() + " min " + duration.toSecondsPart() + " s";
    }
}
