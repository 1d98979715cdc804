package org.turnout.bench.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipFile;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.turnout.importing.ColumnLayout;
import org.turnout.importing.CsvDialect;
import org.turnout.importing.ImportOptions;
import org.turnout.importing.ParsedRow;
import org.turnout.importing.RowParser;
import org.turnout.importing.WorkbookReading;

class ContactFileGeneratorTest {

    private static final int ROWS = 20_000;

    @TempDir
    Path dir;

    @Test
    void writesAWindows1252SemicolonFileWithTheFrenchHeaderAndSaysWhatItHolds() throws IOException {
        Path file = dir.resolve("contacts.csv");
        ContactFileGenerator.Summary summary = new ContactFileGenerator(7).write(file, ROWS);
        byte[] bytes = Files.readAllBytes(file);

        // every byte is a Windows-1252 character, the accents are single bytes, and the import sniffs it as such
        String text = ContactFileGenerator.WINDOWS_1252.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        assertThat(text).startsWith("Prénom;Nom;Courriel;Adresse;Code postal;Ville;Bureau de vote;Étiquettes;Téléphone\r\n");
        assertThat(text).contains("é", "è", "ç", "’", "œ");
        CsvDialect dialect = CsvDialect.sniff(java.util.Arrays.copyOf(bytes, 64 * 1024));
        assertThat(dialect.charset()).isEqualTo(ContactFileGenerator.WINDOWS_1252);
        assertThat(dialect.delimiter()).isEqualTo(';');

        assertThat(summary.rows()).isEqualTo(ROWS);
        assertThat(summary.contacts() + summary.duplicates() + summary.rejected()).isEqualTo(ROWS);
        assertThat((double) summary.rejected() / ROWS).isCloseTo(0.01, within(0.003));
        assertThat((double) summary.duplicates() / ROWS).isCloseTo(0.02, within(0.005));
        assertThat(summary.invalidEmails()).isPositive();
        assertThat(summary.missingEmails()).isPositive();
        assertThat(summary.withDelimiter()).isPositive();
        assertThat(summary.withQuotes()).isPositive();
        assertThat(summary.withLineBreak()).isPositive();

        // the import's own parser agrees with the summary, row by row
        Counted counted = countAsTheImportDoes(new StringReader(text));
        assertThat(counted.rows).isEqualTo(summary.rows());
        assertThat(counted.contacts).isEqualTo(summary.contacts());
        assertThat(counted.duplicates).isEqualTo(summary.duplicates());
        assertThat(counted.invalid).isEqualTo(summary.invalidEmails());
        assertThat(counted.missing).isEqualTo(summary.missingEmails());
        assertThat(counted.otherRejections).isEmpty();
        assertThat(counted.multiline).isEqualTo(summary.withLineBreak());
    }

    @Test
    void theSameSeedWritesTheSameFileAndAnotherSeedAnother() throws IOException, NoSuchAlgorithmException {
        Path a = dir.resolve("a.csv");
        Path b = dir.resolve("b.csv");
        Path c = dir.resolve("c.csv");
        ContactFileGenerator.Summary first = new ContactFileGenerator(11).write(a, 3_000);
        ContactFileGenerator.Summary again = new ContactFileGenerator(11).write(b, 3_000);
        new ContactFileGenerator(12).write(c, 3_000);

        assertThat(again).isEqualTo(first);
        assertThat(sha256(b)).isEqualTo(sha256(a));
        assertThat(sha256(c)).isNotEqualTo(sha256(a));
    }

    @Test
    void theRecordsWithoutAFileAreTheFilesRows() throws IOException {
        Path file = dir.resolve("rows.csv");
        new ContactFileGenerator(3).write(file, 500);
        List<List<String>> fromFile = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(file, ContactFileGenerator.WINDOWS_1252);
             CSVParser csv = CSVParser.builder().setReader(in).setFormat(format()).get()) {
            csv.stream().skip(1).forEach(record -> fromFile.add(record.toList()));
        }
        List<List<String>> generated = new ArrayList<>();
        new ContactFileGenerator(3).records(500).forEachRemaining(generated::add);
        assertThat(generated).isEqualTo(fromFile);
    }

    @Test
    void theWorkbookHoldsTheSameRowsInSharedStringsAsExcelSavesThem() throws Exception {
        Path file = dir.resolve("rows.xlsx");
        ContactFileGenerator.Summary summary = new ContactFileGenerator(3).writeWorkbook(file, 500);
        assertThat(summary).isEqualTo(new ContactFileGenerator(3).write(dir.resolve("same.csv"), 500));

        // text cells point into the shared-strings table (t="s"), none is an inline string, empty values have no cell
        String sheet;
        String strings;
        try (ZipFile zip = new ZipFile(file.toFile())) {
            sheet = new String(zip.getInputStream(zip.getEntry("xl/worksheets/sheet1.xml")).readAllBytes(), StandardCharsets.UTF_8);
            strings = new String(zip.getInputStream(zip.getEntry("xl/sharedStrings.xml")).readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(sheet).contains("t=\"s\"").doesNotContain("inlineStr");
        assertThat(strings).contains("<si><t>Prénom</t></si>", "Étiquettes");

        // read back by the import's own workbook reader: the generator's rows, an empty cell as ""
        List<List<String>> fromWorkbook = new ArrayList<>();
        WorkbookReading.importReader(file, (rowNumber, values) -> fromWorkbook.add(values));
        List<List<String>> generated = new ArrayList<>();
        generated.add(ContactFileGenerator.HEADER);
        new ContactFileGenerator(3).records(500).forEachRemaining(generated::add);
        assertThat(fromWorkbook).hasSameSizeAs(generated);
        for (int i = 0; i < generated.size(); i++) {
            List<String> expected = new ArrayList<>(generated.get(i));
            while (!expected.isEmpty() && expected.get(expected.size() - 1).isEmpty()) {
                expected.remove(expected.size() - 1); // a row ends at its last cell with a value
            }
            assertThat(fromWorkbook.get(i)).as("row %d", i + 1).isEqualTo(expected);
        }
    }

    private static final class Counted {
        long rows;
        long contacts;
        long duplicates;
        long invalid;
        long missing;
        long multiline;
        final List<String> otherRejections = new ArrayList<>();
    }

    private static Counted countAsTheImportDoes(Reader in) throws IOException {
        Counted counted = new Counted();
        Set<String> people = new HashSet<>();
        try (CSVParser csv = CSVParser.builder().setReader(in).setFormat(format()).get()) {
            Iterator<CSVRecord> records = csv.iterator();
            RowParser parser = new RowParser(ColumnLayout.of(records.next().toList(), ImportOptions.NONE));
            while (records.hasNext()) {
                CSVRecord record = records.next();
                counted.rows++;
                if (record.get(3).contains("\n")) {
                    counted.multiline++;
                }
                ParsedRow parsed = parser.parse(record.getRecordNumber(), record.toList());
                if (parsed instanceof ParsedRow.Valid valid) {
                    if (people.add(valid.row().email().key())) {
                        counted.contacts++;
                    } else {
                        counted.duplicates++;
                    }
                } else if (parsed instanceof ParsedRow.Rejected rejected && rejected.reason().equals("invalid email")) {
                    counted.invalid++;
                } else if (parsed instanceof ParsedRow.Rejected rejected && rejected.reason().equals("missing email")) {
                    counted.missing++;
                } else {
                    counted.otherRejections.add(parsed.toString());
                }
            }
        }
        return counted;
    }

    private static CSVFormat format() {
        return CSVFormat.RFC4180.builder().setDelimiter(';').get();
    }

    private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
