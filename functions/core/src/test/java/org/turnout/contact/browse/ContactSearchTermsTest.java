package org.turnout.contact.browse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.turnout.contact.Contact;
import org.turnout.contact.ContactBuilder;
import org.turnout.problem.InvalidInputException;

/** What a name search matches, and what a cursor may be. */
class ContactSearchTermsTest {
    @Test
    void aNameIsFoundWithoutCaseNorAccentsAnywhereInFirstThenLastOrLastThenFirst() {
        Contact helene = ContactBuilder.builder().firstName("Anne-Hélène").lastName("Dupont").build();
        assertThat(ContactNames.containing("helene").test(helene)).isTrue();
        assertThat(ContactNames.containing("ANNE-HÉLÈNE dupont").test(helene)).isTrue();
        assertThat(ContactNames.containing("dupont  anne").test(helene)).isTrue();
        assertThat(ContactNames.containing("dupond").test(helene)).isFalse();
        assertThat(ContactNames.containing("x").test(ContactBuilder.builder().build())).isFalse();
    }

    @Test
    void aCursorReadsBackAsWrittenAndAnyOtherIsRefusedNamingTheField() {
        SearchCursor cursor = new SearchCursor(7, "0123456789abcdef0123456789abcdef", 50);
        assertThat(SearchCursor.parse(cursor.toString())).isEqualTo(cursor);
        assertThat(SearchCursor.parse(new SearchCursor(3, null, 0).toString())).isEqualTo(new SearchCursor(3, null, 0));
        assertThat(SearchCursor.parse("")).isEqualTo(SearchCursor.START);
        for (String forged : new String[] {"16..0", "1.ORG#other.0", "-1..0", "1.abc", "1.abc.99999999999"}) {
            assertThatThrownBy(() -> SearchCursor.parse(forged)).isInstanceOf(InvalidInputException.class)
                    .satisfies(e -> assertThat(((InvalidInputException) e).errors().get(0).field()).isEqualTo("cursor"));
        }
    }
}
