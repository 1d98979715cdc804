package org.turnout.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CsvDialectTest {

    @Test
    void utf8WithBomAndCommas() {
        byte[] file = ("\uFEFFFirst name,Email\nÉmile,e@example.org\n").getBytes(StandardCharsets.UTF_8);
        assertThat(CsvDialect.sniff(file)).isEqualTo(new CsvDialect(StandardCharsets.UTF_8, 3, ','));
    }

    @Test
    void windows1252WithSemicolons() {
        byte[] file = "Prénom;Nom;Courriel\nLéa;Dubois;lea@example.org\n".getBytes(Charset.forName("windows-1252"));
        assertThat(CsvDialect.sniff(file)).isEqualTo(new CsvDialect(CsvDialect.WINDOWS_1252, 0, ';'));
    }

    @Test
    void tabsAndDelimitersInsideQuotesDoNotCount() {
        byte[] file = "\"Nom, prénom\"\t\"a;b\"\temail\n".getBytes(StandardCharsets.UTF_8);
        assertThat(CsvDialect.sniff(file).delimiter()).isEqualTo('\t');
    }

    @Test
    void aUtf8CharacterCutByTheEndOfTheSampleIsStillUtf8() {
        byte[] full = "email;ville\na@example.org;Besançon".getBytes(StandardCharsets.UTF_8);
        byte[] cut = Arrays.copyOf(full, full.length - 5); // inside "ç"
        assertThat(CsvDialect.isUtf8(Arrays.copyOf(cut, cut.length))).isTrue();
        assertThat(CsvDialect.sniff(cut).charset()).isEqualTo(StandardCharsets.UTF_8);
    }

    @Test
    void aSingleColumnFileDefaultsToComma() {
        assertThat(CsvDialect.sniff("email\na@example.org\n".getBytes(StandardCharsets.US_ASCII)).delimiter()).isEqualTo(',');
    }
}
