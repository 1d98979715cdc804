package org.turnout.precinct;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One station, however a file writes its code. */
class StationCodeTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0001|1", "1|1", "BV1|1", "BV 01|1", "bv1|1", "B.V. 1|1", "Bureau 1|1", "bureau 0001|1", "Bureau de vote n° 1|1",
            "Bureau n°12|12", "N° 12|12", "0012|12", "0012A|12A", "12 a|12A", "0|0", "0000|0",
            "Nord|NORD", "Mairie annexe|MAIRIE ANNEXE", "École Jules-Ferry|ECOLE JULES-FERRY", "Bvd 3|BVD 3"})
    void writtenDifferentlyTheSameStation(String code, String canonical) {
        assertThat(StationCode.canonical(code)).isEqualTo(canonical);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"0001", "BV1", "Bureau 1", "Bureau de vote n° 1", "N° 12", "12 a", "École Jules-Ferry",
            "Salle l'Orangerie", "B.V. 1"})
    void aCodeAsCommunesWriteIt(String code) {
        assertThat(StationCode.isCode(code)).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"0001;DROP", "1#2", "#", "' '", "<b>1</b>", "1/2"})
    void notACode(String code) {
        assertThat(StationCode.isCode(code)).isFalse();
    }
}
