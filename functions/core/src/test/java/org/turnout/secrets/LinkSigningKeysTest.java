package org.turnout.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LinkSigningKeysTest {
    private static final String INITIAL = "{\"kid\":\"initial\",\"secret\":\"Abcdefghij0123456789Abcdefghij0123456789\"}";
    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private static final Duration YEAR = Duration.ofDays(365);

    @Test
    void theTemplatesGeneratedValueIsAValidFirstKey() {
        LinkSigningKeys keys = LinkSigningKeys.parse(INITIAL);
        assertThat(keys.currentKeyId()).isEqualTo("initial");
        assertThat(keys.keyIds()).containsExactly("initial");
    }

    @Test
    void aRotationPutsTheNewKeyOnTopAndKeepsTheOldOneUntilItsLinksHaveExpired() {
        LinkSigningKeys once = LinkSigningKeys.parse(INITIAL).rotatedTo("k2", "second-secret-0123456789abcdef012345", NOW, YEAR);
        assertThat(once.currentKeyId()).isEqualTo("k2");
        assertThat(once.keyIds()).containsExactly("k2", "initial");
        assertThat(LinkSigningKeys.parse(once.toJson()).keyIds()).containsExactly("k2", "initial");

        LinkSigningKeys twice = LinkSigningKeys.parse(once.toJson())
                .rotatedTo("k3", "third-secret-0123456789abcdef0123456", NOW.plus(Duration.ofDays(30)), YEAR);
        assertThat(twice.keyIds()).containsExactly("k3", "k2", "initial");

        // a year after "initial" was retired, no link it signed is valid any more: it goes
        LinkSigningKeys later = LinkSigningKeys.parse(twice.toJson())
                .rotatedTo("k4", "fourth-secret-0123456789abcdef012345", NOW.plus(YEAR), YEAR);
        assertThat(later.keyIds()).containsExactly("k4", "k3", "k2");
        assertThat(later.key("initial")).isEmpty();
    }

    @Test
    void aKeyIdUsedTwiceOrAShortSecretIsRefusedWithoutQuotingTheValue() {
        assertThatThrownBy(() -> LinkSigningKeys.parse(INITIAL).rotatedTo("initial", "another-secret-0123456789abcdef0123", NOW, YEAR))
                .hasMessageContaining("appears twice");
        assertThatThrownBy(() -> LinkSigningKeys.parse("{\"kid\":\"k\",\"secret\":\"tiny-secret\"}"))
                .hasMessageContaining("at least 32 bytes").hasMessageNotContaining("tiny-secret");
        assertThatThrownBy(() -> LinkSigningKeys.parse("{\"kid\":\"k\",\"secret\":\"Abcdefghij0123456789Abcdefghij0123456789\","
                + "\"previous\":[{\"kid\":\"old\",\"secret\":\"Abcdefghij0123456789Abcdefghij0123456789\"}]}"))
                .hasMessageContaining("retired");
    }
}
