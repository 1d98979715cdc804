package org.turnout.roll;

import java.util.List;
import java.util.Map;
import org.turnout.importing.CsvSource;
import org.turnout.importing.ImportFailedException;

/**
 * What a roll file says, read through {@link CsvSource} (its dialect, row guard and ranged resume):
 * the header mapped to {@link RollColumn}s, checked once for the columns a voter needs, then one
 * {@link RollRow} a row.
 */
final class RollFileReader {
    private final CsvSource.CsvRows rows;
    private final Map<RollColumn, Integer> columns;

    /** A roll whose header is known (read at the start and kept with the checkpoint), from the rows' position on. */
    RollFileReader(CsvSource.CsvRows rows, List<String> header) {
        this.rows = rows;
        this.columns = columns(header);
    }

    /** The header of a file read from its start: its first row. */
    static List<String> header(CsvSource.CsvRows rows) {
        CsvSource.CsvRow header = rows.next();
        if (header == null) {
            throw new ImportFailedException("the file is empty");
        }
        columns(header.values());
        return header.values();
    }

    /** The next row as the file wrote it, or null at the end of the file. */
    CsvSource.CsvRow next() {
        return rows.next();
    }

    RollRow row(CsvSource.CsvRow row) {
        return RollRow.of(row.values(), columns);
    }

    private static Map<RollColumn, Integer> columns(List<String> header) {
        Map<RollColumn, Integer> columns = RollColumn.find(header);
        if (!columns.containsKey(RollColumn.STATION) || !columns.containsKey(RollColumn.BIRTH_NAME)
                || !columns.containsKey(RollColumn.FIRST_NAMES) || !(columns.containsKey(RollColumn.STREET) || columns.containsKey(RollColumn.LOCALITY))) {
            throw new ImportFailedException("an electoral roll needs the columns NoBureauDeVote, NomdeNaissance, Prenoms and LibelleVoie "
                    + "or LieuDit (the Ministry's names; spelled-out headers such as 'Code du bureau de vote' or 'Nom de naissance' too)");
        }
        return columns;
    }
}
