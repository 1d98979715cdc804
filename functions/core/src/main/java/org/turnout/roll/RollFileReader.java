package org.turnout.roll;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.turnout.importing.CsvDialect;
import org.turnout.importing.ImportFailedException;

/**
 * The reading loop of a roll file: the project's CSV dialect (UTF-8 as the Ministry's format
 * prescribes, or the Windows-1252 a spreadsheet saves; {@code ;}, {@code ,} or tab), the header
 * mapped to {@link RollColumn}s, then one {@link RollRow} a record with its line number.
 */
final class RollFileReader {
    private static final int HEAD = 64 * 1024;

    interface RowSink {
        void accept(long line, RollRow row);
    }

    private RollFileReader() {
    }

    static void read(InputStream object, RowSink sink) throws IOException {
        BufferedInputStream in = new BufferedInputStream(object, HEAD);
        in.mark(HEAD);
        byte[] head = in.readNBytes(HEAD);
        in.reset();
        if (head.length == 0) {
            throw new ImportFailedException("the file is empty");
        }
        CsvDialect dialect = CsvDialect.sniff(head);
        in.skipNBytes(dialect.bomLength());
        CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(dialect.delimiter()).setIgnoreEmptyLines(true)
                .setLenientEof(true).setTrailingData(true).get();
        try (CSVParser parser = CSVParser.builder().setFormat(format).setReader(new InputStreamReader(in, dialect.charset())).get()) {
            Iterator<CSVRecord> records = parser.iterator();
            if (!records.hasNext()) {
                throw new ImportFailedException("the file is empty");
            }
            Map<RollColumn, Integer> columns = RollColumn.find(records.next().toList());
            if (!columns.containsKey(RollColumn.STATION) || !columns.containsKey(RollColumn.BIRTH_NAME)
                    || !columns.containsKey(RollColumn.FIRST_NAMES) || !(columns.containsKey(RollColumn.STREET) || columns.containsKey(RollColumn.LOCALITY))) {
                throw new ImportFailedException("an electoral roll needs the columns NoBureauDeVote, NomdeNaissance, Prenoms and LibelleVoie "
                        + "or LieuDit (the Ministry's names; spelled-out headers such as 'Code du bureau de vote' or 'Nom de naissance' too)");
            }
            while (records.hasNext()) {
                List<String> values = records.next().toList();
                sink.accept(parser.getCurrentLineNumber(), RollRow.of(values, columns));
            }
        }
    }
}
