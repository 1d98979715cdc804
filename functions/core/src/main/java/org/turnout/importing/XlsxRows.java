package org.turnout.importing;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.InputSource;
import org.xml.sax.XMLReader;

/**
 * Reads the rows of one sheet of an Excel workbook ({@code .xlsx}) as event-driven SAX, one row at
 * a time, never the whole workbook in memory: cells as the sheet shows them (dates and numbers in
 * their display format, a formula's cached result), an empty cell kept as {@code ""} in its column.
 * The shared-strings table, which holds every distinct text of the workbook, is kept in a temporary
 * file beside the workbook ({@link SharedStringsFile}), not on the heap.
 */
final class XlsxRows {
    /** French Excel is what the campaigns' staff use: numbers and built-in formats as they see them. */
    private static final Locale DISPLAY = Locale.FRANCE;

    /** Receives each row that has a value, with its row number as Excel shows it (1 for the first). */
    @FunctionalInterface
    interface RowHandler {
        void row(long rowNumber, List<String> values);
    }

    /** Thrown by a {@link RowHandler} to stop reading; it reaches the caller as is. */
    static final class StopReading extends RuntimeException {
        StopReading() {
            super(null, null, false, false);
        }
    }

    private XlsxRows() {
    }

    /**
     * Reads the sheet named {@code sheetName}, or the first sheet when it is null.
     *
     * @throws ImportFailedException when the file is no workbook or has no such sheet
     */
    static void read(Path file, String sheetName, RowHandler handler) {
        try (OPCPackage workbook = OPCPackage.open(file.toFile(), PackageAccess.READ);
             SharedStringsFile strings = SharedStringsFile.of(workbook, file.toAbsolutePath().getParent())) {
            XSSFReader reader = new XSSFReader(workbook);
            XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
            List<String> names = new ArrayList<>();
            while (sheets.hasNext()) {
                try (InputStream sheet = sheets.next()) {
                    String name = sheets.getSheetName();
                    if (sheetName == null || sheetName.equals(name)) {
                        XMLReader parser = XMLHelper.newXMLReader();
                        parser.setContentHandler(new XSSFSheetXMLHandler(reader.getStylesTable(), null, strings,
                                new Rows(handler), new DataFormatter(DISPLAY), false));
                        parser.parse(new InputSource(sheet));
                        return;
                    }
                    names.add(name);
                }
            }
            throw new ImportFailedException(names.isEmpty() ? "the workbook has no sheet"
                    : "the workbook has no sheet named \"" + sheetName + "\" (its sheets: " + String.join(", ", names) + ")");
        } catch (ImportFailedException | StopReading e) {
            throw e;
        } catch (Exception e) {
            // a local file: whatever goes wrong here is the file's fault, not a cut-off download
            throw new ImportFailedException("the file cannot be read as an Excel workbook (.xlsx): " + e.getMessage());
        }
    }

    /** Gathers a row's cells into their columns; a sheet's XML leaves empty cells out. */
    private static final class Rows implements XSSFSheetXMLHandler.SheetContentsHandler {
        private final RowHandler handler;
        private final List<String> values = new ArrayList<>();
        private boolean hasValue;

        Rows(RowHandler handler) {
            this.handler = handler;
        }

        @Override
        public void startRow(int rowNum) {
            values.clear();
            hasValue = false;
        }

        @Override
        public void cell(String cellReference, String formattedValue, XSSFComment comment) {
            int column = cellReference == null ? values.size() : new CellReference(cellReference).getCol();
            if (column < values.size()) {
                return; // the same cell twice: not written by Excel, keep the first
            }
            values.addAll(Collections.nCopies(column - values.size(), ""));
            String value = formattedValue == null ? "" : formattedValue;
            values.add(value);
            hasValue |= !value.isBlank();
        }

        @Override
        public void endRow(int rowNum) {
            if (hasValue) {
                handler.row(rowNum + 1L, List.copyOf(values));
            }
        }
    }
}
