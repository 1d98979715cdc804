package org.turnout.csv;

/**
 * Values written to a CSV that people open in a spreadsheet: one that starts like a formula
 * ({@code = + - @}, or a tab or carriage return that some spreadsheets skip) is prefixed with a
 * quote, so the spreadsheet shows it as text instead of running it (OWASP "CSV injection").
 */
public final class SpreadsheetSafe {
    private SpreadsheetSafe() {
    }

    public static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + value : value;
    }
}
