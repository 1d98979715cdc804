package org.turnout.api.console.settings;

import io.quarkus.qute.TemplateExtension;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** What the settings pages' templates compute: a time as people of the organisation read it. */
@TemplateExtension
final class SettingsTemplateExtensions {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private SettingsTemplateExtensions() {
    }

    /** {@code {entry.at.local(timeZone)}}: the instant in {@code zone} (the organisation's, valid), to the second. */
    static String local(Instant at, String zone) {
        return at == null ? "" : LOCAL.withZone(ZoneId.of(zone)).format(at);
    }
}
