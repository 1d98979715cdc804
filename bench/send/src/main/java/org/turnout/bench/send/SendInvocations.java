package org.turnout.bench.send;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SendFunction's invocations, which no interceptor in the function sees: the local runner's SQS poller logs each
 * batch it hands the function ({@code [SQS] <queue>: N message(s) -> SendFunction (request ...)}), as Lambda's
 * event source mapping would invoke it once per batch.
 */
record SendInvocations(long invocations, long messages) {

    private static final Pattern BATCH = Pattern.compile("\\[SQS] \\S+: (\\d+) message\\(s\\) -> " + SendConcurrency.FUNCTION + " \\(request ");

    static SendInvocations in(Path runnerLog) throws IOException {
        return Files.isRegularFile(runnerLog) ? of(Files.readAllLines(runnerLog, StandardCharsets.UTF_8)) : new SendInvocations(0, 0);
    }

    static SendInvocations of(List<String> lines) {
        long invocations = 0;
        long messages = 0;
        for (String line : lines) {
            Matcher batch = BATCH.matcher(line);
            if (batch.find()) {
                invocations++;
                messages += Long.parseLong(batch.group(1));
            }
        }
        return new SendInvocations(invocations, messages);
    }

    SendInvocations minus(SendInvocations before) {
        return new SendInvocations(invocations - before.invocations, messages - before.messages);
    }
}
