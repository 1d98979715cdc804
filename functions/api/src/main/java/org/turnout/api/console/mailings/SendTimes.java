package org.turnout.api.console.mailings;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * A mailing's send time as staff read and type it: in the organisation's time zone, with the offset of that day shown
 * (so that a time across a change of summer time says which hour it is), and as a {@code datetime-local} input's value.
 */
public record SendTimes(ZoneId zone) {
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm '(UTC'xxx')'");
    private static final DateTimeFormatter INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    String shown(Instant at) {
        return at == null ? "" : SHOWN.format(at.atZone(zone));
    }

    String input(Instant at) {
        return at == null ? "" : INPUT.format(LocalDateTime.ofInstant(at, zone));
    }
}
