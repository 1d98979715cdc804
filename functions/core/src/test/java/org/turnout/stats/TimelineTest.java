package org.turnout.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.turnout.feedback.ActivityPeriod;
import org.turnout.feedback.MailingCounter;

class TimelineTest {
    private static final Instant START = Instant.parse("2026-11-28T09:00:00Z");

    @Test
    void theFirstHoursGoInStepsOfTenMinutesTheQuietOnesIncluded() {
        Timeline timeline = Timeline.of(List.of(
                period(0, Map.of(MailingCounter.DELIVERED, 40L, MailingCounter.BOUNCED, 2L)),
                period(30, Map.of(MailingCounter.DELIVERED, 3L, MailingCounter.OPENED, 12L)),
                period(50, Map.of(MailingCounter.CLICKED, 4L))));

        assertThat(timeline.step()).isEqualTo(Duration.ofMinutes(10));
        assertThat(timeline.points()).containsExactly(
                new Timeline.Point(START, 40, 0, 0),
                new Timeline.Point(START.plusSeconds(600), 0, 0, 0),
                new Timeline.Point(START.plusSeconds(1200), 0, 0, 0),
                new Timeline.Point(START.plusSeconds(1800), 3, 12, 0),
                new Timeline.Point(START.plusSeconds(2400), 0, 0, 0),
                new Timeline.Point(START.plusSeconds(3000), 0, 0, 4));
        assertThat(timeline.top()).isEqualTo(40);
    }

    @Test
    void sixHoursOrMoreGoPerHourAndAWeekOrMorePerDay() {
        Timeline hourly = Timeline.of(List.of(
                period(0, Map.of(MailingCounter.DELIVERED, 5L)),
                period(10, Map.of(MailingCounter.DELIVERED, 6L)),
                period(6 * 60 + 20, Map.of(MailingCounter.OPENED, 1L))));
        assertThat(hourly.step()).isEqualTo(Duration.ofHours(1));
        assertThat(hourly.points()).hasSize(7);
        assertThat(hourly.points().get(0)).isEqualTo(new Timeline.Point(START, 11, 0, 0));
        assertThat(hourly.points().get(6)).isEqualTo(new Timeline.Point(START.plus(Duration.ofHours(6)), 0, 1, 0));

        Timeline daily = Timeline.of(List.of(period(0, Map.of(MailingCounter.DELIVERED, 5L)),
                period(8 * 24 * 60, Map.of(MailingCounter.CLICKED, 1L))));
        assertThat(daily.step()).isEqualTo(Duration.ofDays(1));
        assertThat(daily.points()).hasSize(9);
        assertThat(daily.points().get(0).start()).isEqualTo(Instant.parse("2026-11-28T00:00:00Z"));
    }

    @Test
    void periodsOfBouncesComplaintsAndUnsubscribesAloneMakeNoPoint() {
        assertThat(Timeline.of(List.of(period(0, Map.of(MailingCounter.UNSUBSCRIBED, 1L)))).points()).isEmpty();
        assertThat(Timeline.of(List.of()).top()).isZero();
    }

    private static ActivityPeriod period(int minutes, Map<MailingCounter, Long> counts) {
        return new ActivityPeriod(START.plus(Duration.ofMinutes(minutes)), counts);
    }
}
