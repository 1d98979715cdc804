package org.turnout.bench.send;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

import org.turnout.bench.support.Machine;

/** The end-to-end send benchmark's report: the rounds, their medians and spread, the calls per email, the cost per million. */
record SendReport(LocalDate date, Machine machine, int recipients, int warm, SendConcurrency concurrency, int raisedRate,
                  Duration took, List<Round> rounds, int roundsPlanned) {

    /** One side of a round: what was sent, in what time, with which collections and load, and the functions' calls. */
    record Phase(int sent, Duration time, FunctionProcesses.Gc gc, double loadBefore, double loadAfter,
                 Map<String, Long> sendCalls, Map<String, Long> dispatchCalls, Duration dispatchTime, SendInvocations invocations,
                 double functionCpuSeconds) {
        double rate() {
            return sent / (time.toNanos() / 1e9);
        }
    }

    record Round(int number, String first, Phase raw, Phase endToEnd) {
        double ratio() {
            return endToEnd.rate() / raw.rate();
        }
    }

    double rawMedian() {
        return median(rounds, round -> round.raw().rate());
    }

    double endToEndMedian() {
        return median(rounds, round -> round.endToEnd().rate());
    }

    /** End to end over raw, median over median. */
    double ratio() {
        return endToEndMedian() / rawMedian();
    }

    String verdict() {
        if (ratio() > 1) {
            return "above 1: the raw loop is no ceiling (look at its GC, the load, and the messages' size), not met";
        }
        return ratio() >= SendBenchmark.RATE_TARGET ? "met" : "not met";
    }

    /** The line bench/run-send reads. */
    String summaryLine() {
        return String.format(Locale.ROOT, "end to end: ratio %.2f (target %.1f)", ratio(), SendBenchmark.RATE_TARGET);
    }

    /** Every measured round's calls of both functions, per email. */
    Map<String, Double> callsPerEmail() {
        Map<String, Double> perEmail = new TreeMap<>();
        long emails = (long) recipients * rounds.size();
        for (Round round : rounds) {
            round.endToEnd().sendCalls().forEach((key, calls) -> perEmail.merge(key, (double) calls / emails, Double::sum));
            round.endToEnd().dispatchCalls().forEach((key, calls) -> perEmail.merge(key, (double) calls / emails, Double::sum));
        }
        return perEmail;
    }

    private double perEmail(String key, boolean send) {
        long emails = (long) recipients * rounds.size();
        return rounds.stream().mapToLong(round -> (send ? round.endToEnd().sendCalls() : round.endToEnd().dispatchCalls())
                .getOrDefault(key, 0L)).sum() / (double) emails;
    }

    /** SendFunction's invocations over the measured rounds, as the local runner's poller made them. */
    SendInvocations sendInvocations() {
        return rounds.stream().map(round -> round.endToEnd().invocations())
                .reduce(new SendInvocations(0, 0), (a, b) -> new SendInvocations(a.invocations() + b.invocations(), a.messages() + b.messages()));
    }

    /**
     * Lambda's own share, which no interceptor sees: SendFunction's invocations (one per SQS batch, counted from the
     * local runner's log), DispatchFunction's first invocation and the ones it makes itself (counted); billed time:
     * every SendFunction instance busy for the whole send and DispatchFunction until its dispatch is complete, at
     * the template's memory (an upper bound: locally the instances share two cores with the emulators).
     */
    SendCost.Inputs costInputs() {
        return costInputs(false);
    }

    /**
     * @param cpuOnly billed time as the functions' own CPU time per email (their processes' user and system time):
     *                what they would be billed if they never waited on a call, the floor
     */
    SendCost.Inputs costInputs(boolean cpuOnly) {
        long emails = (long) recipients * rounds.size();
        double invocations = (double) sendInvocations().invocations() / emails + (1 + perEmail("Lambda.Invoke", false) * recipients) / recipients;
        double gbSeconds = median(rounds, round -> (cpuOnly ? round.endToEnd().functionCpuSeconds()
                : concurrency.instances() * SendBenchmark.seconds(round.endToEnd().time()) + SendBenchmark.seconds(round.endToEnd().dispatchTime()))
                * SendBenchmark.FUNCTION_GB / recipients);
        // Lambda's poller: a ReceiveMessage and a DeleteMessageBatch per batch
        double pollerRequests = 2.0 * sendInvocations().invocations() / emails;
        return new SendCost.Inputs(callsPerEmail(), invocations, gbSeconds, pollerRequests);
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Send benchmark: end to end against raw SendEmail\n\n");
        if (rounds.size() < roundsPlanned) {
            md.append(String.format(Locale.ROOT, "**Partial: %d of the %d rounds were done when this was written.**\n\n", rounds.size(), roundsPlanned));
        }
        md.append(String.format(Locale.ROOT, "%s, %s. Run by `bench/run-send` (`-Drecipients=%d`, %d rounds, a warm-up of %,d on each side), "
                        + "%.0f minutes in all.\n\n", date, machine.description(), recipients, rounds.size(), warm, took.toSeconds() / 60.0));
        md.append(String.format(Locale.ROOT, "A mailing to %,d contacts, dispatched and sent by the packaged DispatchFunction and SendFunction "
                        + "on the local stack (local Lambda, ElasticMQ, the SES emulator), timed from the moment it is due to its last send; "
                        + "against SES `SendEmail` alone, the same number of messages of the same shape, %d calls in flight "
                        + "(SendFunction's %d instances x %d call%s each: %s). The account's MaxSendRate and the organisation's rate were raised "
                        + "to %,d a second, out of the way. Functions' GC: `jstat -gc` on their JVMs (serial collector, as Lambda's java17), "
                        + "the raw loop's: this JVM's MXBeans.\n\n", recipients, concurrency.calls(), concurrency.instances(),
                concurrency.callsPerInstance(), concurrency.callsPerInstance() == 1 ? "" : "s", concurrency.callsSource(), raisedRate));
        md.append("| round | first | raw s | raw /s | raw GC | end to end s | end to end /s | dispatched s | functions' CPU s | functions' GC | ratio | load before -> after (raw / end to end) |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Round round : rounds) {
            md.append(String.format(Locale.ROOT, "| %d | %s | %.1f | %,.0f | %s | %.1f | %,.0f | %.1f | %.1f | %s | %.3f | %.2f -> %.2f / %.2f -> %.2f |\n",
                    round.number(), round.first(), SendBenchmark.seconds(round.raw().time()), round.raw().rate(), round.raw().gc().text(),
                    SendBenchmark.seconds(round.endToEnd().time()), round.endToEnd().rate(), SendBenchmark.seconds(round.endToEnd().dispatchTime()),
                    round.endToEnd().functionCpuSeconds(), round.endToEnd().gc().text(), round.ratio(), round.raw().loadBefore(), round.raw().loadAfter(),
                    round.endToEnd().loadBefore(), round.endToEnd().loadAfter()));
        }
        md.append(String.format(Locale.ROOT, "\n**Raw** median %,.0f emails/s (%,.0f-%,.0f); **end to end** median %,.0f emails/s (%,.0f-%,.0f).\n\n",
                rawMedian(), min(rounds, r -> r.raw().rate()), max(rounds, r -> r.raw().rate()),
                endToEndMedian(), min(rounds, r -> r.endToEnd().rate()), max(rounds, r -> r.endToEnd().rate())));
        md.append(String.format(Locale.ROOT, "**End to end / raw: %.3f** (median over median; rounds %.3f-%.3f), target %.1f: %s.\n\n",
                ratio(), min(rounds, Round::ratio), max(rounds, Round::ratio), SendBenchmark.RATE_TARGET, verdict()));

        md.append("## Calls per email\n\n");
        md.append("Counted by the product's `CallCounter` in every AWS client of the two functions, over the measured rounds "
                + "(`.items`: the items of DynamoDB's batch calls).\n\n");
        md.append("| call | SendFunction | DispatchFunction | per email |\n|---|---|---|---|\n");
        Map<String, Double> perEmail = callsPerEmail();
        for (String key : new TreeSet<>(perEmail.keySet())) {
            md.append(String.format(Locale.ROOT, "| %s | %.3f | %.3f | %.3f |\n", key, perEmail(key, true), perEmail(key, false), perEmail.get(key)));
        }
        SendCost.Inputs inputs = costInputs();
        Map<String, Double> cost = SendCost.perMillion(inputs);
        SendInvocations invocations = sendInvocations();
        md.append(String.format(Locale.ROOT, "\nNot seen by the interceptor, and added: %.3f Lambda invocations per email (SendFunction's "
                        + "batches: %,d for %,d messages, %.1f a batch, from the runner's log), %.4f GB-s per email (median round), "
                        + "%.2f SQS requests per email by Lambda's poller (a receive and a delete per batch).\n\n",
                inputs.lambdaInvocationsPerEmail(), invocations.invocations(), invocations.messages(),
                invocations.invocations() == 0 ? 0 : (double) invocations.messages() / invocations.invocations(),
                inputs.lambdaGbSecondsPerEmail(), inputs.sqsPollerRequestsPerEmail()));
        SendCost.Inputs floorInputs = costInputs(true);
        Map<String, Double> floor = SendCost.perMillion(floorInputs);
        md.append(String.format(Locale.ROOT, "## Cost per million emails (eu-west-3, on demand)\n\nLambda's billed time two ways: every "
                + "SendFunction instance busy for the whole send (%.4f GB-s per email here, an upper bound on a loaded machine), and the "
                + "functions' own CPU time (%.4f s per email, the floor: what they would be billed if they never waited on a call).\n\n",
                inputs.lambdaGbSecondsPerEmail(), floorInputs.lambdaGbSecondsPerEmail()));
        md.append("| service | $ per million (instances busy throughout) | $ per million (CPU time) |\n|---|---|---|\n");
        cost.forEach((service, dollars) -> md.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f |\n", service, dollars, floor.get(service))));
        double besides = SendCost.besidesSes(cost);
        double besidesFloor = SendCost.besidesSes(floor);
        double budget = SendCost.TARGET_SHARE_OF_SES * cost.get("SES");
        md.append(String.format(Locale.ROOT, "\n**All but SES: $%.2f per million (%.1f %% of SES's $%.0f) with the instances' whole time, $%.2f "
                        + "(%.1f %%) with their CPU time** (target at most %.0f %%, $%.2f): %s.\n",
                besides, 100 * besides / cost.get("SES"), cost.get("SES"), besidesFloor, 100 * besidesFloor / cost.get("SES"),
                100 * SendCost.TARGET_SHARE_OF_SES, budget,
                besides <= budget ? "met" : besidesFloor <= budget ? "met at the CPU-time floor only" : "not met"));
        return md.toString();
    }

    static <T> double median(List<T> values, ToDoubleFunction<T> of) {
        double[] sorted = values.stream().mapToDouble(of).sorted().toArray();
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static <T> double min(List<T> values, ToDoubleFunction<T> of) {
        return values.stream().mapToDouble(of).min().orElse(0);
    }

    private static <T> double max(List<T> values, ToDoubleFunction<T> of) {
        return values.stream().mapToDouble(of).max().orElse(0);
    }
}
