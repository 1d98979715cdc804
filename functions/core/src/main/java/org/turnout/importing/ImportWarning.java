package org.turnout.importing;

/**
 * A value of an imported row that could not be used, and why: the row is imported without it.
 * {@code value} is cut to {@link #MAX_VALUE} characters; it reaches the report only through
 * the report's spreadsheet-safe cells.
 */
public record ImportWarning(long line, String column, String value, String reason) {
    static final int MAX_VALUE = 100;

    public ImportWarning {
        value = value != null && value.length() > MAX_VALUE ? value.substring(0, MAX_VALUE) + "…" : value;
    }
}
