package org.turnout.api.console.stats;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.turnout.stats.Timeline;

/**
 * Where the stats page's SVG charts put their lines, dots, bars and labels, in the coordinates of their
 * {@code viewBox}; the template draws them with the words of its language. The view boxes are about a phone's
 * width, so that the text stays readable there; larger screens scale them up.
 */
final class StatsCharts {
    static final int WIDTH = 400;
    static final int HEIGHT = 220;
    static final int LEFT = 40;
    static final int RIGHT = 12;
    static final int TOP = 12;
    static final int BOTTOM = 28;
    /** Narrower than the line chart: three bars and their words stay large beside the figures' table. */
    static final int BAR_WIDTH = 320;
    static final int BAR_ROW = 36;
    static final int BAR_LEFT = 140;
    static final int BAR_RIGHT = 40;
    /** Few enough time labels not to overlap at a phone's width. */
    static final int MAX_LABELS = 5;
    /** Dots on each point while they stay apart; beyond, the lines alone. */
    static final int MAX_DOTS = 48;

    record Tick(String y, long value) {
    }

    /** A time under the chart; {@code anchor} keeps the last one inside the view box. */
    record TimeLabel(String x, String text, String anchor) {
    }

    record Dot(String series, String x, String y) {
    }

    /** One point of the timeline as the table beside the chart shows it. */
    record Row(String time, long delivered, long opened, long clicked) {
    }

    /** The over-time chart: a polyline per series, dots, the scale's ticks and the time labels; its view box and margins. */
    record Lines(int width, int height, int left, String delivered, String opened, String clicked, List<Dot> dots, List<Tick> ticks, List<TimeLabel> labels,
                 List<Row> rows, String baseline, String plotRight, String labelY) {
    }

    record Bar(String key, long value, int x, String y, String textY, String width, String valueX) {
    }

    private StatsCharts() {
    }

    static Lines lines(Timeline timeline, ZoneId zone, Locale locale) {
        List<Timeline.Point> points = timeline.points();
        long step = niceStep(timeline.top() / 4.0);
        long top = Math.max(step, step * (long) Math.ceil(timeline.top() / (double) step));
        double plotWidth = WIDTH - LEFT - RIGHT;
        double plotHeight = HEIGHT - TOP - BOTTOM;
        List<Double> xs = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            xs.add(points.size() == 1 ? LEFT + plotWidth / 2 : LEFT + i * plotWidth / (points.size() - 1));
        }
        StringBuilder delivered = new StringBuilder();
        StringBuilder opened = new StringBuilder();
        StringBuilder clicked = new StringBuilder();
        List<Dot> dots = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            Timeline.Point point = points.get(i);
            append(delivered, xs.get(i), y(point.delivered(), top, plotHeight));
            append(opened, xs.get(i), y(point.opened(), top, plotHeight));
            append(clicked, xs.get(i), y(point.clicked(), top, plotHeight));
            if (points.size() <= MAX_DOTS) {
                dots.add(new Dot("delivered", number(xs.get(i)), number(y(point.delivered(), top, plotHeight))));
                dots.add(new Dot("opened", number(xs.get(i)), number(y(point.opened(), top, plotHeight))));
                dots.add(new Dot("clicked", number(xs.get(i)), number(y(point.clicked(), top, plotHeight))));
            }
        }
        List<Tick> ticks = new ArrayList<>();
        for (long value = 0; value <= top; value += step) {
            ticks.add(new Tick(number(y(value, top, plotHeight)), value));
        }
        boolean daily = timeline.step().compareTo(Duration.ofDays(1)) >= 0;
        DateTimeFormatter day = DateTimeFormatter.ofPattern("d MMM", locale).withZone(zone);
        DateTimeFormatter hour = DateTimeFormatter.ofPattern("HH:mm", locale).withZone(zone);
        List<TimeLabel> labels = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        int every = Math.max(1, (int) Math.ceil(points.size() / (double) MAX_LABELS));
        LocalDate lastDay = null;
        for (int i = 0; i < points.size(); i++) {
            Timeline.Point point = points.get(i);
            rows.add(new Row(daily ? day.format(point.start()) : day.format(point.start()) + " " + hour.format(point.start()),
                    point.delivered(), point.opened(), point.clicked()));
            if (i % every == 0) {
                LocalDate today = LocalDate.ofInstant(point.start(), zone);
                String text = daily || !today.equals(lastDay) ? day.format(point.start()) + (daily ? "" : " " + hour.format(point.start()))
                        : hour.format(point.start());
                labels.add(new TimeLabel(number(xs.get(i)), text, xs.get(i) > WIDTH - RIGHT - 40 ? "end" : "middle"));
                lastDay = today;
            }
        }
        return new Lines(WIDTH, HEIGHT, LEFT, delivered.toString().strip(), opened.toString().strip(), clicked.toString().strip(), dots, ticks, labels,
                rows, number(TOP + plotHeight), number(WIDTH - RIGHT), number(HEIGHT - 8.0));
    }

    /** Horizontal bars, one per figure, scaled to the largest (a bar of zero is a line of nothing). */
    static List<Bar> bars(List<String> keys, List<Long> values) {
        long top = Math.max(1, values.stream().mapToLong(Long::longValue).max().orElse(1));
        double room = BAR_WIDTH - BAR_LEFT - BAR_RIGHT;
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            double width = room * values.get(i) / top;
            bars.add(new Bar(keys.get(i), values.get(i), BAR_LEFT, number(i * BAR_ROW + 8.0), number(i * BAR_ROW + 24.0), number(width),
                    number(BAR_LEFT + width + 6)));
        }
        return bars;
    }

    static int barsHeight(int count) {
        return count * BAR_ROW + 4;
    }

    /** A step of 1, 2 or 5 times a power of ten, at least {@code raw} (and at least 1: counts are whole). */
    static long niceStep(double raw) {
        if (raw <= 1) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double normalised = raw / magnitude;
        double nice = normalised <= 1 ? 1 : normalised <= 2 ? 2 : normalised <= 5 ? 5 : 10;
        return Math.round(nice * magnitude);
    }

    private static double y(long value, long top, double plotHeight) {
        return TOP + plotHeight - plotHeight * value / top;
    }

    private static void append(StringBuilder line, double x, double y) {
        line.append(number(x)).append(',').append(number(y)).append(' ');
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
