package org.turnout.importing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The first rows of a file as the import will read them, before it starts: the dialect told from the file (the
 * same {@link CsvDialect} the import uses) and the one staff chose over it, the header row, and which field each
 * column goes to ({@link ColumnLayout}'s rule, with staff's mapping). A workbook shows its first sheet (or the
 * sheet chosen).
 *
 * @param format           {@code csv} or {@code xlsx}
 * @param detected         the dialect told from the file; null for a workbook
 * @param dialect          the dialect the import will read with; null for a workbook
 * @param columns          each column's header and field
 * @param rows             up to {@link #ROWS} rows after the header, as many cells as the header
 * @param problem          why the import would fail at once (no email column, a file that cannot be read); null if none
 */
public record ImportPreview(String format, CsvDialect detected, CsvDialect dialect, List<Column> columns,
                            List<List<String>> rows, String problem) {
    public static final int ROWS = 10;
    public static final String CSV = "csv";

    public ImportPreview {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }

    /**
     * A column of the file.
     *
     * @param field the key of the field it fills ({@code email}, ...), {@link ImportOptions#IGNORE}, or null when it is
     *              kept as a custom attribute
     */
    public record Column(int index, String header, String field) {
    }

    /** Reads the head of the download: a workbook if it is a ZIP, else CSV in staff's dialect over the detected one. */
    static ImportPreview of(CsvSource.Download download, ImportOptions options) {
        try {
            if (download.isZip()) {
                return ofWorkbook(download.stream(), options);
            }
            CsvDialect detected = download.detectDialect();
            CsvDialect dialect = options.dialect(detected);
            List<List<String>> rows = new ArrayList<>();
            try (CsvSource.CsvRows csv = download.rowsFrom(dialect)) {
                CsvSource.CsvRow row;
                while (rows.size() <= ROWS && (row = csv.next()) != null) {
                    rows.add(row.values());
                }
            }
            return of(CSV, detected, dialect, rows, options);
        } catch (ImportFailedException e) {
            return new ImportPreview(CSV, null, null, List.of(), List.of(), e.getMessage());
        }
    }

    private static ImportPreview ofWorkbook(InputStream in, ImportOptions options) {
        List<List<String>> rows = new ArrayList<>();
        Path file = null;
        try {
            file = Files.createTempFile("preview-", ".xlsx");
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            try {
                XlsxRows.read(file, options.sheet(), (rowNumber, values) -> {
                    rows.add(values);
                    if (rows.size() > ROWS) {
                        throw new XlsxRows.StopReading();
                    }
                });
            } catch (XlsxRows.StopReading e) {
                // the rows shown are read
            }
            return of(ImportJob.XLSX, null, null, rows, options);
        } catch (IOException e) {
            throw new CsvSource.DownloadCutOff(e);
        } finally {
            deleteQuietly(file);
        }
    }

    private static ImportPreview of(String format, CsvDialect detected, CsvDialect dialect, List<List<String>> read,
                                    ImportOptions options) {
        if (read.isEmpty()) {
            return new ImportPreview(format, detected, dialect, List.of(), List.of(), "the file is empty");
        }
        List<String> headers = read.get(0).stream().map(h -> h == null ? "" : h.strip()).toList();
        List<Column> columns = new ArrayList<>();
        String problem = null;
        for (int i = 0; i < headers.size(); i++) {
            String header = headers.get(i);
            columns.add(new Column(i, header, ColumnLayout.isIgnored(header, options) ? ImportOptions.IGNORE
                    : ColumnLayout.field(header, options).map(ContactField::key).orElse(null)));
        }
        try {
            ColumnLayout.of(headers, options);
        } catch (ImportFailedException e) {
            problem = e.getMessage();
        }
        List<List<String>> rows = read.subList(1, read.size()).stream().map(r -> cells(r, headers.size())).toList();
        return new ImportPreview(format, detected, dialect, columns, rows, problem);
    }

    /** The columns' headers, in file order: staff's mapping comes back by column. */
    public List<String> headers() {
        return columns.stream().map(Column::header).toList();
    }

    /** A row cut or padded to the header's width, so that the table is square. */
    private static List<String> cells(List<String> row, int width) {
        List<String> cells = new ArrayList<>(width);
        for (int i = 0; i < width; i++) {
            cells.add(i < row.size() && row.get(i) != null ? row.get(i) : "");
        }
        return cells;
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a temporary file; the function's /tmp goes with it
            }
        }
    }
}
