package org.turnout.stats;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.turnout.feedback.ActivityPeriod;
import org.turnout.feedback.MailingActivity;
import org.turnout.feedback.MailingCounter;

/**
 * Deliveries, opens and clicks of a mailing over time, in steps of one size, from its first counted event to
 * its last, the steps with none included. The step is ten minutes while the activity spans less than
 * {@link #FINE_SPAN}: a mailing goes out at the sending rate within minutes, and most of its deliveries and
 * opens come in its first hours, which hourly points would squeeze into two or three. Beyond, an hour (a
 * day beyond {@link #HOURLY_SPAN}), so that a chart keeps a few dozen points, readable on a phone.
 */
public record Timeline(Duration step, List<Point> points) {
    public static final Duration FINE_SPAN = Duration.ofHours(6);
    public static final Duration HOURLY_SPAN = Duration.ofDays(7);

    public record Point(Instant start, long delivered, long opened, long clicked) {
        Point plus(ActivityPeriod period) {
            return new Point(start, delivered + period.count(MailingCounter.DELIVERED), opened + period.count(MailingCounter.OPENED),
                    clicked + period.count(MailingCounter.CLICKED));
        }

        /** The largest of its three figures. */
        public long top() {
            return Math.max(delivered, Math.max(opened, clicked));
        }
    }

    public Timeline {
        points = List.copyOf(points);
    }

    /** The timeline of a mailing's periods ({@link MailingActivity}), oldest first. */
    public static Timeline of(List<ActivityPeriod> periods) {
        List<ActivityPeriod> moving = periods.stream().filter(Timeline::moves).toList();
        if (moving.isEmpty()) {
            return new Timeline(MailingActivity.PERIOD, List.of());
        }
        Instant first = moving.get(0).start();
        Instant last = moving.get(moving.size() - 1).start();
        Duration span = Duration.between(first, last);
        Duration step = span.compareTo(FINE_SPAN) < 0 ? MailingActivity.PERIOD
                : span.compareTo(HOURLY_SPAN) < 0 ? Duration.ofHours(1) : Duration.ofDays(1);
        Instant start = floor(first, step);
        int count = (int) (Duration.between(start, last).toSeconds() / step.toSeconds()) + 1;
        List<Point> points = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            points.add(new Point(start.plus(step.multipliedBy(i)), 0, 0, 0));
        }
        for (ActivityPeriod period : moving) {
            int index = (int) (Duration.between(start, period.start()).toSeconds() / step.toSeconds());
            points.set(index, points.get(index).plus(period));
        }
        return new Timeline(step, points);
    }

    /** The largest figure of any point: the top of a chart's scale. */
    public long top() {
        return points.stream().mapToLong(Point::top).max().orElse(0);
    }

    /** A period with bounces, complaints or unsubscribes only is no point of this timeline. */
    private static boolean moves(ActivityPeriod period) {
        return period.count(MailingCounter.DELIVERED) + period.count(MailingCounter.OPENED) + period.count(MailingCounter.CLICKED) > 0;
    }

    private static Instant floor(Instant at, Duration step) {
        long seconds = step.toSeconds();
        return Instant.ofEpochSecond(Math.floorDiv(at.getEpochSecond(), seconds) * seconds);
    }
}
