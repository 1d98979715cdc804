package org.turnout.bench.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CountsTest {
    @Test
    void roundThousandsAndMillionsAreShortAndAnythingElseIsItsNumber() {
        assertThat(Counts.label(100_000)).isEqualTo("100k");
        assertThat(Counts.label(2_000_000)).isEqualTo("2M");
        assertThat(Counts.label(1_500_000)).isEqualTo("1500k");
        assertThat(Counts.label(1_300)).isEqualTo("1300");
    }
}
