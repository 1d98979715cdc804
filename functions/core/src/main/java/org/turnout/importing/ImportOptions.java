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
 * @param delimiter     a CSV file's delimiter ({@code ;}, {@code ,} or a tab); without it, the one
 *                      {@link CsvDialect} tells from the header line
 * @param encoding      a CSV file's encoding ({@code UTF-8} or {@code windows-1252}); without it,
 *                      the one {@link CsvDialect} tells from the first bytes
 */
public record ImportOptions(String consentSource, Map<String, String> columns, String sheet, String delimiter, String encoding) {
    public static final String IGNORE = "ignore";
    public static final ImportOptions NONE = new ImportOptions(null, Map.of(), null);

    public ImportOptions {
        columns = columns == null ? Map.of() : Map.copyOf(columns);
        consentSource = blankToNull(consentSource);
        sheet = blankToNull(sheet);
        delimiter = delimiter == null || delimiter.isEmpty() ? null : delimiter;
        encoding = blankToNull(encoding);
    }

    public ImportOptions(String consentSource, Map<String, String> columns, String sheet) {
        this(consentSource, columns, sheet, null, null);
    }

    public ImportOptions(String consentSource, Map<String, String> columns) {
        this(consentSource, columns, null);
    }

    /** These options, with what {@code other} says where these say nothing. */
    public ImportOptions orElse(ImportOptions other) {
        return new ImportOptions(consentSource != null ? consentSource : other.consentSource(),
                columns.isEmpty() ? other.columns() : columns, sheet != null ? sheet : other.sheet(),
                delimiter != null ? delimiter : other.delimiter(), encoding != null ? encoding : other.encoding());
    }

    /** The dialect staff chose, over the one told from the file. */
    public CsvDialect dialect(CsvDialect detected) {
        return detected.overriddenBy(CsvDialect.encodingOf(encoding).orElse(null),
                CsvDialect.delimiterOf(delimiter).orElse(null));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
