package org.turnout.contact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TagsTest {
    @Test
    void oneSpellingPerTag() {
        String decomposed = "Be\u0301ne\u0301vole";
        assertThat(List.of("Bénévole", "bénévole ", "BÉNÉVOLE", " bénévole", decomposed))
                .allSatisfy(v -> assertThat(Tags.normalise(v)).isEqualTo("bénévole"));
        assertThat(Tags.normalise("Porte  à\tporte")).isEqualTo("porte-à-porte");
        assertThat(Tags.normalise(null)).isNull();
    }

    @Test
    void aNormalisedValueIsATagOnlyByThePattern() {
        assertThat(Tags.valid(Tags.normalise("Porte à porte"))).isTrue();
        assertThat(Tags.valid("quartier_nord.2")).isTrue();
        assertThat(Tags.valid(Tags.normalise("#urgent"))).isFalse();
        assertThat(Tags.valid(Tags.normalise("ok!"))).isFalse();
        assertThat(Tags.valid(Tags.normalise(" "))).isFalse();
        assertThat(Tags.valid("a".repeat(51))).isFalse();
        assertThat(Tags.valid(null)).isFalse();
    }

    @Test
    void normaliseAllKeepsTheOrderAndEachTagOnce() {
        assertThat(Tags.normaliseAll(Arrays.asList("Bénévole", null, "donateur", "BÉNÉVOLE")))
                .containsExactly("bénévole", "donateur");
        assertThat(Tags.normaliseAll(null)).isEmpty();
    }
}
