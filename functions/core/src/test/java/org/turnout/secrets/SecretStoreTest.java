package org.turnout.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.turnout.MovableClock;

class SecretStoreTest {
    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-07T10:00:00Z"));
    private final List<String> reads = new ArrayList<>();
    private String value = "first-value-0123456789";
    private RuntimeException outage;

    private final SecretStore store = new SecretStore(id -> {
        reads.add(id);
        if (outage != null) {
            throw outage;
        }
        return value;
    }, clock);

    @Test
    void aValueIsReadOnceAndServedFromTheCacheUntilItIsDue() {
        assertThat(store.current("arn:one")).isEqualTo("first-value-0123456789");
        value = "second-value-0123456789";
        clock.advance(SecretStore.REFRESH_AFTER.minusSeconds(1));
        assertThat(store.current("arn:one")).isEqualTo("first-value-0123456789");
        assertThat(reads).hasSize(1);

        clock.advance(Duration.ofSeconds(1));
        assertThat(store.current("arn:one")).isEqualTo("second-value-0123456789");
        assertThat(reads).hasSize(2);
    }

    @Test
    void aForcedRefreshReadsAtOnceButNotMoreOftenThanTheMinimumInterval() {
        store.current("arn:one");
        value = "rotated-value-0123456789";
        assertThat(store.refreshed("arn:one")).isEqualTo("rotated-value-0123456789");
        // forged key ids in a burst of requests: one read, then the cache until the interval has passed
        value = "again-0123456789abcdef";
        for (int i = 0; i < 10; i++) {
            assertThat(store.refreshed("arn:one")).isEqualTo("rotated-value-0123456789");
        }
        assertThat(reads).hasSize(2);
        clock.advance(SecretStore.MIN_FORCED_REFRESH_INTERVAL);
        assertThat(store.refreshed("arn:one")).isEqualTo("again-0123456789abcdef");
        assertThat(reads).hasSize(3);
    }

    @Test
    void anOutageKeepsTheCachedValueButAFirstReadFails() {
        store.current("arn:one");
        outage = new IllegalStateException("connection refused");
        clock.advance(SecretStore.REFRESH_AFTER);
        assertThat(store.current("arn:one")).isEqualTo("first-value-0123456789");
        assertThatThrownBy(() -> store.current("arn:two")).hasMessageContaining("arn:two")
                .hasMessageNotContaining("first-value");
    }

    @Test
    void eachSecretHasItsOwnEntry() {
        store.current("arn:one");
        value = "other-value-0123456789";
        assertThat(store.current("arn:two")).isEqualTo("other-value-0123456789");
        assertThat(store.current("arn:one")).isEqualTo("first-value-0123456789");
    }
}
