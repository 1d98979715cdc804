package org.turnout.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RowParserTest {
    private final ColumnLayout layout = ColumnLayout.of(
            List.of("PRÉNOM", "nom", "E-mail", "Code_Postal", "Étiquettes", "Bureau de vote", "Profession"), ImportOptions.NONE);
    private final RowParser parser = new RowParser(layout);

    @Test
    void headersAreRecognisedWhateverTheirCaseAccentsAndPunctuation() {
        assertThat(layout.column(ContactField.FIRST_NAME)).contains(0);
        assertThat(layout.column(ContactField.LAST_NAME)).contains(1);
        assertThat(layout.column(ContactField.EMAIL)).contains(2);
        assertThat(layout.column(ContactField.POSTCODE)).contains(3);
        assertThat(layout.column(ContactField.TAGS)).contains(4);
        assertThat(layout.column(ContactField.STATION)).contains(5);
        assertThat(layout.attributeColumns()).containsExactly(Map.entry(6, "Profession"));
    }

    @Test
    void aGoodRowIsTrimmedAndItsTagsSplit() {
        ParsedRow row = parser.parse(2, List.of(" Léa ", "Dubois", " LEA@Exemple.FR ", "33999", "bénévole, jeunes|jeunes", "0005", "Infirmière"));
        assertThat(row).isInstanceOfSatisfying(ParsedRow.Valid.class, valid -> {
            assertThat(valid.row().firstName()).isEqualTo("Léa");
            assertThat(valid.row().email().value()).isEqualTo("LEA@exemple.fr");
            assertThat(valid.row().tags()).containsExactly("bénévole", "jeunes");
            assertThat(valid.row().attributes()).containsEntry("Profession", "Infirmière");
        });
    }

    @Test
    void badRowsSayWhy() {
        assertThat(reason(List.of("A", "B", "", "", "", "", ""))).isEqualTo("missing email");
        assertThat(reason(List.of("A", "B", "a.example.org", "", "", "", ""))).isEqualTo("invalid email");
        assertThat(reason(List.of("x".repeat(101), "B", "a@example.org", "", "", "", ""))).startsWith("field too long: firstName");
        assertThat(reason(List.of("A", "B", "a@example.org", "", "", "", "y".repeat(70_000)))).isEqualTo("row over 64 KiB");
    }

    @Test
    void aMultiValueCellSplitsOnEverySeparatorWhateverTheFileDelimiter() {
        ParsedRow row = parser.parse(4, List.of("A", "B", "a@example.org", "", "Bénévoles; Porte  à porte|jeunes\r\nJEUNES,  dons ", "", ""));
        assertThat(row).isInstanceOfSatisfying(ParsedRow.Valid.class, valid -> {
            assertThat(valid.row().tags()).containsExactly("bénévoles", "porte-à-porte", "jeunes", "dons");
            assertThat(valid.warnings()).isEmpty();
        });
    }

    @Test
    void aBadTagIsDroppedWithAWarningAndThePersonKept() {
        ParsedRow row = parser.parse(5, List.of("A", "B", "a@example.org", "", "ok; #urgent; " + "t".repeat(51), "", ""));
        assertThat(row).isInstanceOfSatisfying(ParsedRow.Valid.class, valid -> {
            assertThat(valid.row().tags()).containsExactly("ok");
            assertThat(valid.warnings()).extracting(ImportWarning::line, ImportWarning::column, ImportWarning::value)
                    .containsExactly(tuple(5L, "Étiquettes", "#urgent"), tuple(5L, "Étiquettes", "t".repeat(51)));
            assertThat(valid.warnings()).allSatisfy(w -> assertThat(w.reason()).startsWith("invalid tag"));
        });
        ParsedRow tooLong = parser.parse(6, List.of("A", "B", "a@example.org", "", "x,".repeat(600), "", ""));
        assertThat(tooLong).isInstanceOfSatisfying(ParsedRow.Valid.class, valid -> {
            assertThat(valid.row().tags()).isEmpty();
            assertThat(valid.warnings()).singleElement().satisfies(w -> assertThat(w.reason()).startsWith("cell over 1000 characters"));
        });
    }

    @Test
    void everyColumnNamedForTagsGivesTags() {
        ColumnLayout two = ColumnLayout.of(List.of("email", "Groups", "Interests", "Lists"), ImportOptions.NONE);
        assertThat(two.columns(ContactField.TAGS)).containsExactly(1, 2, 3);
        ParsedRow row = new RowParser(two).parse(2, List.of("a@example.org", "a;b", "c", "a|d"));
        assertThat(((ParsedRow.Valid) row).row().tags()).containsExactly("a", "b", "c", "d");
    }

    @Test
    void phoneNumbersAreWrittenInE164AsFrenchUnlessTheySayTheirCountry() {
        ColumnLayout phones = ColumnLayout.of(List.of("email", "Home Phone", "Mobile Phone"), ImportOptions.NONE);
        RowParser parser = new RowParser(phones);
        assertThat(phone(parser, "06 12 34 56 78", "")).isEqualTo("+33612345678");
        assertThat(phone(parser, "06.12.34.56.78", "")).isEqualTo("+33612345678");
        assertThat(phone(parser, "+33 (0)6 12 34 56 78", "")).isEqualTo("+33612345678");
        assertThat(phone(parser, "0033 556 00 00 02", "")).isEqualTo("+33556000002");
        assertThat(phone(parser, "+32 470 12 34 56", "")).as("a Belgian mobile stays Belgian").isEqualTo("+32470123456");
        assertThat(phone(parser, "", "07 98 76 54 32")).isEqualTo("+33798765432");
    }

    @Test
    void anInvalidPhoneNumberIsAWarningThatKeepsThePerson() {
        RowParser parser = new RowParser(ColumnLayout.of(List.of("email", "Home Phone", "Mobile Phone"), ImportOptions.NONE));
        ParsedRow.Valid both = (ParsedRow.Valid) parser.parse(7, List.of("a@example.org", "n/a", "06 12 34 56 78"));
        assertThat(both.row().phone()).isEqualTo("+33612345678");
        assertThat(both.warnings()).singleElement().satisfies(w -> {
            assertThat(List.of(w.column(), w.value())).containsExactly("Home Phone", "n/a");
            assertThat(w.reason()).startsWith("not a valid phone number");
        });
        ParsedRow.Valid none = (ParsedRow.Valid) parser.parse(8, List.of("a@example.org", "", "06 12 34"));
        assertThat(none.row().phone()).isNull();
        assertThat(none.warnings()).extracting(ImportWarning::value).containsExactly("06 12 34");
    }

    @Test
    void aValueTooLongInACustomOrPhoneColumnIsAWarningToo() {
        ParsedRow.Valid row = (ParsedRow.Valid) parser.parse(9, List.of("A", "B", "a@example.org", "", "", "", "p".repeat(501)));
        assertThat(row.row().attributes()).doesNotContainKey("Profession");
        assertThat(row.warnings()).singleElement().satisfies(w -> {
            assertThat(w.column()).isEqualTo("Profession");
            assertThat(w.value()).hasSize(ImportWarning.MAX_VALUE + 1).endsWith("…");
        });
        RowParser phones = new RowParser(ColumnLayout.of(List.of("email", "phone"), ImportOptions.NONE));
        ParsedRow.Valid longPhone = (ParsedRow.Valid) phones.parse(10, List.of("a@example.org", "0".repeat(40)));
        assertThat(longPhone.row().phone()).isNull();
        assertThat(longPhone.warnings()).hasSize(1);
    }

    private static String phone(RowParser parser, String home, String mobile) {
        ParsedRow.Valid row = (ParsedRow.Valid) parser.parse(2, List.of("a@example.org", home, mobile));
        assertThat(row.warnings()).isEmpty();
        return row.row().phone();
    }

    @Test
    void theHeaderAgainIsNotData() {
        assertThat(parser.parse(9, layout.headers())).isInstanceOf(ParsedRow.RepeatedHeader.class);
    }

    @Test
    void aMappingWinsOverTheAliasesAndCanIgnoreAColumn() {
        ColumnLayout mapped = ColumnLayout.of(List.of("Mél", "Nom", "Secteur"),
                new ImportOptions(null, Map.of("Mél", "email", "Nom", "ignore", "Secteur", "station")));
        assertThat(mapped.column(ContactField.EMAIL)).contains(0);
        assertThat(mapped.column(ContactField.LAST_NAME)).isEmpty();
        assertThat(mapped.column(ContactField.STATION)).contains(2);
        assertThat(mapped.attributeColumns()).isEmpty();
    }

    @Test
    void aFileWithoutAnEmailColumnOrWithAnUnknownMappedFieldIsRefused() {
        assertThatThrownBy(() -> ColumnLayout.of(List.of("Nom", "Prénom"), ImportOptions.NONE))
                .isInstanceOf(ImportFailedException.class).hasMessageContaining("no email column");
        assertThatThrownBy(() -> ColumnLayout.of(List.of("Mél"), new ImportOptions(null, Map.of("Mél", "emial"))))
                .hasMessageContaining("unknown field 'emial'");
    }

    private String reason(List<String> values) {
        return ((ParsedRow.Rejected) parser.parse(3, values)).reason();
    }
}
