package org.turnout.mail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MailAddressTest {

    @Test
    void aSubjectWithoutLineBreaksIsOnlyStripped() {
        assertThat(MailAddress.oneLine("  Bonjour Léa, on vote dimanche à Saint-Denis ")).isEqualTo("Bonjour Léa, on vote dimanche à Saint-Denis");
    }

    @Test
    void controlCharactersAndUnicodeLineSeparatorsBecomeOneSpace() {
        assertThat(MailAddress.oneLine("Bonjour\r\nBcc: x@example.org\u2028\u2029suite\u0000\u007ffin\t"))
                .isEqualTo("Bonjour Bcc: x@example.org suite fin");
    }

    @Test
    void namesWithControlOrNonAsciiCharactersAreEncodedWords() {
        assertThat(MailAddress.withName("Léa\r\nBcc: x", "lea@example.org")).startsWith("=?UTF-8?B?").doesNotContain("\r", "\n");
        assertThat(MailAddress.withName("Camille \"C\"", "c@example.org")).isEqualTo("\"Camille \\\"C\\\"\" <c@example.org>");
    }
}
