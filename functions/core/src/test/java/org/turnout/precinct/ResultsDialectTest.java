package org.turnout.precinct;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.turnout.importing.CsvDialect;

/** A results file as spreadsheets save it: every encoding, delimiter, line end and way of writing a number. */
class ResultsDialectTest {
    private static final Charset LATIN_1 = StandardCharsets.ISO_8859_1;

    /** The municipal 2020 layout, two lists; {@code |} stands for the delimiter. */
    private static final List<String> MUNICIPAL = List.of(
            "Code du département|Libellé de la commune|Code B.Vote|Inscrits|Abstentions|% Abs/Ins|Votants|% Vot/Ins|Blancs|Nuls|Exprimés"
                    + "|N.Pan.|Code Nuance|Sexe|Nom|Prénom|Liste|Voix|% Voix/Ins|% Voix/Exp",
            "33|Saint-Étienne-d'Exemple|0001|1250|450|\"36,00\"|800|\"64,00\"|12|8|780|1|LDVG|F|ESTÈVE|Anaïs|Liste d'union à gauche|500|\"40,00\"|\"64,10\""
                    + "|2|LDVD|M|NOËL|Rémi|Ensemble à droite|280|\"22,40\"|\"35,90\"",
            "33|Saint-Étienne-d'Exemple|0002|900|300|\"33,33\"|600|\"66,67\"|0|0|600|1|LDVG|F|ESTÈVE|Anaïs|Liste d'union à gauche|200|\"22,22\"|\"33,33\""
                    + "|2|LDVD|M|NOËL|Rémi|Ensemble à droite|400|\"44,44\"|\"66,67\"|||");

    static Stream<Arguments> dialects() {
        return Stream.of(LATIN_1, CsvDialect.WINDOWS_1252, StandardCharsets.UTF_8).flatMap(charset -> Stream.of(true, false)
                .filter(bom -> !bom || charset.equals(StandardCharsets.UTF_8))
                .flatMap(bom -> Stream.of(";", ",", "\t")
                        .flatMap(delimiter -> Stream.of("\r\n", "\n").map(eol -> Arguments.of(charset, bom, delimiter, eol)))));
    }

    @ParameterizedTest(name = "{0} BOM={1} delimiter=[{2}]")
    @MethodSource("dialects")
    void everyEncodingDelimiterAndLineEnd(Charset charset, boolean bom, String delimiter, String eol) {
        List<ResultsReader.Row> rows = read(bytes(MUNICIPAL, delimiter, eol, charset, bom));
        assertThat(rows).hasSize(2);
        StationResult first = rows.get(0).result();
        assertThat(first.station()).isEqualTo("0001");
        assertThat(first.registered()).isEqualTo(1250);
        assertThat(first.voters()).isEqualTo(800);
        assertThat(first.expressed()).isEqualTo(780);
        assertThat(first.votes()).isEqualTo(Map.of("1", 500L, "2", 280L));
        assertThat(first.inconsistencies()).isEmpty();
        assertThat(rows.get(0).candidates().get(0).name()).isEqualTo("Anaïs ESTÈVE");
        assertThat(rows.get(0).candidates().get(1).list()).isEqualTo("Ensemble à droite");
        // the second line ends with three more delimiters: no group, no error
        assertThat(rows.get(1).result().votes()).isEqualTo(Map.of("1", 200L, "2", 400L));
        assertThat(rows.get(1).candidates()).hasSize(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1 250", "1\u00A0250", "1\u202F250", "1.250", "\"1,250\"", "1'250", "1250,0", "1250.00", " 1250 "})
    void registeredWrittenAsSpreadsheetsWriteIt(String registered) {
        List<String> lines = List.of(MUNICIPAL.get(0), MUNICIPAL.get(1).replace("|0001|1250|", "|0001|" + registered + "|"));
        assertThat(read(bytes(lines, ";", "\n", StandardCharsets.UTF_8, false)).get(0).result().registered()).isEqualTo(1250);
    }

    @Test
    void aFractionOrAnAmbiguousGroupingIsNoCount() {
        assertThatThrownBy(() -> ResultsReader.parseCount("12,5", "registered", "0001"))
                .isInstanceOf(ResultsReader.RowError.class).hasMessage("registered is not a whole number: '12,5'");
        assertThatThrownBy(() -> ResultsReader.parseCount("1.2345", "voters", "0001")).isInstanceOf(ResultsReader.RowError.class);
        assertThatThrownBy(() -> ResultsReader.parseCount("1.234,5", "voters", "0001")).isInstanceOf(ResultsReader.RowError.class);
        assertThat(ResultsReader.parseCount("12.345.678", "voters", "0001")).isEqualTo(12_345_678L);
        assertThat(ResultsReader.parseCount("00008198", "voters", "0001")).isEqualTo(8198L);
    }

    private static byte[] bytes(List<String> lines, String delimiter, String eol, Charset charset, boolean bom) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (bom) {
            out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        }
        for (String line : lines) {
            out.writeBytes((line.replace("|", delimiter) + eol).getBytes(charset));
        }
        return out.toByteArray();
    }

    private static List<ResultsReader.Row> read(byte[] file) {
        try (CSVParser parser = ElectionImportService.parser(new ByteArrayInputStream(file))) {
            List<CSVRecord> records = parser.getRecords();
            ResultsReader reader = new ResultsReader(ResultsLayout.of(records.get(0).toList()));
            return records.subList(1, records.size()).stream().map(r -> reader.read(r.getRecordNumber(), r.toList())).toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
