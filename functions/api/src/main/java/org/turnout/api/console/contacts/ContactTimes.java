package org.turnout.api.console.contacts;

import io.quarkus.qute.TemplateExtension;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Moments on the contacts pages, to the minute in UTC, as the dashboard shows them: {@code {moment:of(c.createdAt)}} (Qute has a namespace {@code time} of its own). */
@TemplateExtension(namespace = "moment")
final class ContactTimes {
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private ContactTimes() {
    }

    /** The moment, or a dash when there is none. */
    static String of(Instant at) {
        return at == null ? "–" : MINUTES.format(at);
    }
}
