package org.turnout.precinct;

import jakarta.inject.Singleton;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.turnout.organisation.Language;
import org.turnout.template.Templates;

/**
 * The ranking as a printable HTML page: a table, and an inline SVG chart with a bar per station
 * (its potential) and the cumulative share of the total potential as a curve. The geometry is
 * computed here; the template only places it, and escapes every text it shows.
 */
@Singleton
public record TargetingReport(Templates templates) {
    static final int CHART_WIDTH = 760;
    static final int CHART_HEIGHT = 260;
    static final int MARGIN = 40;

    /**
     * A station's line of the table. {@code top50} and {@code top80}: among the fewest top stations holding 50 % and
     * 80 % of the total potential, which makes its {@link #priority()}.
     */
    public record Row(int rank, String station, long registered, String abstentions, String abstentionRate, String sideShare,
                      String potential, String cumulativeShare, String gap, boolean top50, boolean top80) {
        /** {@code high} in the first half of the potential, {@code medium} up to 80 % of it, {@code low} beyond. */
        public String priority() {
            return top50 ? "high" : top80 ? "medium" : "low";
        }
    }

    public record Bar(String x, String y, String width, String height, String station, String potential, boolean top50) {
    }

    /** The chart's geometry; {@code templates/targeting-chart.html} draws it, for this report and the console's page. */
    public record Chart(int width, int height, List<Bar> bars, String curve, String line50, String line80, int left, int right,
                        int top, int bottom) {
        /** The first bar, the station of the highest potential; null for no station. */
        public Bar highest() {
            return bars.isEmpty() ? null : bars.get(0);
        }
    }

    /**
     * The ranking formatted for reading in {@code language}: its rows, its chart, the total potential, the side's
     * candidates or lists, and whether several elections were compared (the gap column).
     */
    public record View(List<Row> rows, Chart chart, String total, String side, boolean several) {
    }

    public String render(Language language, String organisation, String electionName, TargetingResult result) {
        View view = view(language, result);
        Map<String, Object> data = Map.of(
                "organisation", organisation,
                "election", electionName,
                "side", view.side(),
                "several", view.several(),
                "total", view.total(),
                "for50", result.stationsFor50(),
                "for80", result.stationsFor80(),
                "count", result.stations().size(),
                "rows", view.rows(),
                "chart", view.chart());
        return templates.render("targeting-report", language, "html", data);
    }

    /** What this report and the console's targeting page show of a ranking: one formatting for both. */
    public static View view(Language language, TargetingResult result) {
        Locale locale = language == Language.FR ? Locale.FRANCE : Locale.UK;
        NumberFormat percent = NumberFormat.getPercentInstance(locale);
        percent.setMaximumFractionDigits(1);
        percent.setMinimumFractionDigits(1);
        NumberFormat decimal = NumberFormat.getNumberInstance(locale);
        decimal.setMaximumFractionDigits(1);
        decimal.setMinimumFractionDigits(1);
        List<Row> rows = new ArrayList<>();
        for (StationTarget s : result.stations()) {
            rows.add(new Row(s.rank(), s.station(), s.registered(), Long.toString(s.abstentions()), percent.format(s.abstentionRate()),
                    percent.format(s.sideShare()), decimal.format(s.potential()), percent.format(s.cumulativeShare()),
                    s.gap() == null ? "" : percent.format(s.gap()), s.rank() <= result.stationsFor50(),
                    s.rank() <= result.stationsFor80()));
        }
        return new View(rows, chart(result.stations(), result.stationsFor50(), decimal), decimal.format(result.totalPotential()),
                String.join(", ", result.sideCandidates()), result.elections().size() > 1);
    }

    static Chart chart(List<StationTarget> stations, int stationsFor50, NumberFormat decimal) {
        int left = MARGIN;
        int right = CHART_WIDTH - MARGIN;
        int top = 10;
        int bottom = CHART_HEIGHT - 30;
        double max = stations.stream().mapToDouble(StationTarget::potential).max().orElse(0);
        double slot = stations.isEmpty() ? 0 : (double) (right - left) / stations.size();
        List<Bar> bars = new ArrayList<>();
        StringBuilder curve = new StringBuilder();
        curve.append(left).append(',').append(bottom);
        for (int i = 0; i < stations.size(); i++) {
            StationTarget s = stations.get(i);
            double height = max <= 0 ? 0 : s.potential() / max * (bottom - top);
            double x = left + i * slot;
            bars.add(new Bar(fmt(x + slot * 0.1), fmt(bottom - height), fmt(slot * 0.8), fmt(height), s.station(),
                    decimal.format(s.potential()), s.rank() <= stationsFor50));
            curve.append(' ').append(fmt(x + slot)).append(',').append(fmt(bottom - s.cumulativeShare() * (bottom - top)));
        }
        return new Chart(CHART_WIDTH, CHART_HEIGHT, bars, curve.toString(), fmt(bottom - 0.5 * (bottom - top)),
                fmt(bottom - 0.8 * (bottom - top)), left, right, top, bottom);
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
