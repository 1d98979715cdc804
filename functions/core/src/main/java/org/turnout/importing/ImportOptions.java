package org.turnout.importing;

import java.util.Map;

/**
 * What staff say about a file, in the API request, the S3 object's metadata or a sidecar
 * {@code name.csv.mapping.json}.
 *
 * @param consentSource where the people gave consent (a sign-up sheet, an event); without it the
 *                      rows are {@code imported}, not {@code subscribed}
 * @param columns       header as written in the file to a field key ({@code email},
 *                      {@code firstName}, ...) or {@code ignore}; overrides the known aliases
 * @param sheet         the sheet of an Excel workbook to read; without it, the first
 */
public record ImportOptions(String consentSource, Map<String, String> columns, String sheet) {
    public static final String IGNORE = "ignore";
    public static final ImportOptions NONE = new ImportOptions(null, Map.of(), null);

    public ImportOptions {
        columns = columns == null ? Map.of() : Map.copyOf(columns);
        consentSource = consentSource == null || consentSource.isBlank() ? null : consentSource.strip();
        sheet = sheet == null || sheet.isBlank() ? null : sheet.strip();
    }

    public ImportOptions(String consentSource, Map<String, String> columns) {
        this(consentSource, columns, null);
    }

    /** These options, with what {@code other} says where these say nothing. */
    public ImportOptions orElse(ImportOptions other) {
        return new ImportOptions(consentSource != null ? consentSource : other.consentSource(),
                columns.isEmpty() ? other.columns() : columns, sheet != null ? sheet : other.sheet());
    }
}
