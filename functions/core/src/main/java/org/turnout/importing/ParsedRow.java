package org.turnout.importing;

import java.util.List;

/** What one record of a file turned out to be. */
public sealed interface ParsedRow {
    /**
     * A row to import, with what of it had to be left out; {@code values} (the row as read) only
     * when there are warnings, for the report.
     */
    record Valid(ImportRow row, List<ImportWarning> warnings, List<String> values) implements ParsedRow {
        public Valid {
            warnings = List.copyOf(warnings);
            values = warnings.isEmpty() ? List.of() : values;
        }

        public Valid(ImportRow row) {
            this(row, List.of(), List.of());
        }
    }

    /** A row that cannot be imported, reported with its line and why; nothing of it is written. */
    record Rejected(long line, String reason, List<String> values) implements ParsedRow {
    }

    /** The header again, as when two exports were glued together: skipped. */
    record RepeatedHeader() implements ParsedRow {
    }
}
