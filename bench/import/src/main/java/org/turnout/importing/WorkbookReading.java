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
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.InputSource;
import org.xml.sax.XMLReader;

/**
 * The workbook reader alone, for the import benchmark (in the importing package to reach it): the import's
 * {@link XlsxRows}, whose shared strings are in a temporary file, and, as the control, the same SAX reading
 * with POI's {@link ReadOnlySharedStringsTable}, which keeps every shared string on the heap (what
 * {@code XlsxRows} did before). Both hand each row's values to {@code each}.
 */
public final class WorkbookReading {
    private WorkbookReading() {
    }

    /** The first sheet's rows through the import's reader. */
    public static void importReader(Path file, XlsxRowsConsumer each) {
        XlsxRows.read(file, null, each::row);
    }

    /** The first sheet's rows with POI's in-memory shared-strings table. */
    public static void poiInMemoryTable(Path file, XlsxRowsConsumer each) throws Exception {
        try (OPCPackage workbook = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
            XSSFReader reader = new XSSFReader(workbook);
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(workbook, false);
            try (InputStream sheet = reader.getSheetsData().next()) {
                XMLReader parser = XMLHelper.newXMLReader();
                parser.setContentHandler(new XSSFSheetXMLHandler(reader.getStylesTable(), null, strings, new Rows(each),
                        new DataFormatter(Locale.FRANCE), false));
                parser.parse(new InputSource(sheet));
            }
        }
    }

    /** Receives each row's values and its number. */
    @FunctionalInterface
    public interface XlsxRowsConsumer {
        void row(long rowNumber, List<String> values);
    }

    private static final class Rows implements XSSFSheetXMLHandler.SheetContentsHandler {
        private final XlsxRowsConsumer each;
        private final List<String> values = new ArrayList<>();

        Rows(XlsxRowsConsumer each) {
            this.each = each;
        }

        @Override
        public void startRow(int rowNum) {
            values.clear();
        }

        @Override
        public void cell(String cellReference, String formattedValue, XSSFComment comment) {
            int column = new CellReference(cellReference).getCol();
            values.addAll(Collections.nCopies(Math.max(0, column - values.size()), ""));
            values.add(formattedValue == null ? "" : formattedValue);
        }

        @Override
        public void endRow(int rowNum) {
            each.row(rowNum + 1L, List.copyOf(values));
        }
    }
}
