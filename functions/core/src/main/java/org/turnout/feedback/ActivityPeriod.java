package org.turnout.feedback;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/** What happened to a mailing's messages in one period: how many of each counted event came in it. */
public record ActivityPeriod(Instant start, Map<MailingCounter, Long> counts) {

    public ActivityPeriod {
        counts = counts.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(counts));
    }

    public long count(MailingCounter counter) {
        return counts.getOrDefault(counter, 0L);
    }
}
