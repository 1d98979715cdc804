package org.turnout.contact;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressTest {

    @Test
    void trimsAndLowerCasesTheDomainButKeepsTheLocalPartForSending() {
        EmailAddress address = EmailAddress.parse("  Jean.Dupont@Exemple.FR \t").orElseThrow();
        assertThat(address.value()).isEqualTo("Jean.Dupont@exemple.fr");
        assertThat(address.key()).isEqualTo("jean.dupont@exemple.fr");
    }

    @Test
    void internationalDomainsBecomeAscii() {
        EmailAddress address = EmailAddress.parse("marie@Élysée.fr").orElseThrow();
        assertThat(address.value()).isEqualTo("marie@xn--lyse-9oad.fr");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "plain", "@exemple.fr", "jean@", "jean@exemple", "jean dupont@exemple.fr",
            "jean@@exemple.fr", "jean@-exemple-.fr", "jean@exemple..fr"})
    void rejectsWhatCannotBeAnAddress(String raw) {
        assertThat(EmailAddress.parse(raw)).isEmpty();
    }

    @Test
    void rejectsNullAndOverlongAddresses() {
        assertThat(EmailAddress.parse(null)).isEmpty();
        assertThat(EmailAddress.parse("a".repeat(64) + "@" + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(63) + ".fr")).isEmpty();
    }
}
