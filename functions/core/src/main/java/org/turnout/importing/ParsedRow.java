package org.turnout.importing;

import java.util.List;

/** What one record of a file turned out to be. */
public sealed interface ParsedRow {
    record Valid(ImportRow row) implements ParsedRow {
    }

    /** A row that cannot be imported, reported with its line and why; nothing of it is written. */
    record Rejected(long line, String reason, List<String> values) implements ParsedRow {
    }

    /** The header again, as when two exports were glued together: skipped. */
    record RepeatedHeader() implements ParsedRow {
    }
}
