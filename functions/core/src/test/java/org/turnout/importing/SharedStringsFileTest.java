package org.turnout.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.usermodel.XSSFRichTextString;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file-backed table gives every cell the text POI's in-memory table gives it, and leaves no file behind. */
class SharedStringsFileTest {
    @TempDir
    Path dir;

    @Test
    void everyStringReadsBackAsPoiReadsItAndTheFilesGoOnClose() throws Exception {
        Path file = dir.resolve("book.xlsx");
        try (XSSFWorkbook book = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
            Sheet sheet = book.createSheet("Contacts");
            String[] samples = {"Prénom", "Cœur d’Alène", "", "  espaces  ", "ligne\nsuivante", "a & b < c", "日本語", "😀 emoji",
                    "_x000D_ littéral"};
            for (int i = 0; i < 2000; i++) {
                Row row = sheet.createRow(i);
                row.createCell(0).setCellValue(samples[i % samples.length] + (i % 3 == 0 ? "" : " " + i));
                row.createCell(1).setCellValue("Paris"); // repeated: one entry, many cells
            }
            XSSFRichTextString rich = new XSSFRichTextString("gras et normal");
            Font bold = book.createFont();
            bold.setBold(true);
            rich.applyFont(0, 4, bold);
            sheet.createRow(2000).createCell(0).setCellValue(rich);
            book.write(out);
        }

        try (OPCPackage workbook = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
            ReadOnlySharedStringsTable poi = new ReadOnlySharedStringsTable(workbook, false);
            Path tables = Files.createDirectory(dir.resolve("tables"));
            try (SharedStringsFile strings = SharedStringsFile.of(workbook, tables)) {
                assertThat(strings.getUniqueCount()).isEqualTo(poi.getUniqueCount()).isGreaterThan(1300);
                assertThat(strings.getCount()).isEqualTo(poi.getCount());
                // backwards, then forwards: reads by index, not only in the order written
                for (int i = poi.getUniqueCount() - 1; i >= 0; i--) {
                    assertThat(strings.getItemAt(i).getString()).as("string %d", i).isEqualTo(poi.getItemAt(i).getString());
                }
                for (int i = 0; i < poi.getUniqueCount(); i++) {
                    assertThat(strings.getItemAt(i).getString()).as("string %d", i).isEqualTo(poi.getItemAt(i).getString());
                }
                assertThat(strings.getItemAt(poi.getUniqueCount() - 1).getString()).isEqualTo("gras et normal");
                assertThatThrownBy(() -> strings.getItemAt(poi.getUniqueCount())).isInstanceOf(IllegalArgumentException.class);
                try (Stream<Path> files = Files.list(tables)) {
                    assertThat(files).hasSize(2);
                }
            }
            try (Stream<Path> files = Files.list(tables)) {
                assertThat(files).isEmpty();
            }
        }
    }

    @Test
    void phoneticRunsAreLeftOutAsExcelShowsTheCell() throws Exception {
        Path file = dir.resolve("phonetic.xlsx");
        try (XSSFWorkbook book = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
            book.createSheet("S").createRow(0).createCell(0).setCellValue("東京");
            book.write(out);
        }
        Path withPhonetic = dir.resolve("with-phonetic.xlsx");
        rewriteEntry(file, withPhonetic, "xl/sharedStrings.xml", xml -> {
            assertThat(xml).contains("<t>東京</t>");
            return xml.replace("<t>東京</t>", "<t>東京</t><rPh sb=\"0\" eb=\"2\"><t>トウキョウ</t></rPh>");
        });

        try (OPCPackage workbook = OPCPackage.open(withPhonetic.toFile(), PackageAccess.READ);
             SharedStringsFile strings = SharedStringsFile.of(workbook, dir)) {
            // POI's own table adds the reading guide by default ("東京 トウキョウ"); Excel shows the cell without it
            assertThat(strings.getItemAt(0).getString()).isEqualTo(new ReadOnlySharedStringsTable(workbook, false).getItemAt(0).getString())
                    .isEqualTo("東京");
        }
    }

    @Test
    void aWorkbookWithoutSharedStringsHasAnEmptyTable() throws Exception {
        Path file = dir.resolve("numbers.xlsx");
        try (XSSFWorkbook book = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
            book.createSheet("S").createRow(0).createCell(0).setCellValue(12.5);
            book.write(out);
        }
        try (OPCPackage workbook = OPCPackage.open(file.toFile(), PackageAccess.READ);
             SharedStringsFile strings = SharedStringsFile.of(workbook, dir)) {
            assertThat(strings.getUniqueCount()).isZero();
        }
    }

    private static void rewriteEntry(Path from, Path to, String name, java.util.function.UnaryOperator<String> change) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(from));
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(to))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                byte[] bytes = in.readAllBytes();
                if (entry.getName().equals(name)) {
                    bytes = change.apply(new String(bytes, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
                }
                out.putNextEntry(new ZipEntry(entry.getName()));
                out.write(bytes);
                out.closeEntry();
            }
        }
    }
}
