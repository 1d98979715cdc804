package org.turnout.api.console.stats;

import static org.turnout.api.console.DashboardResource.percent;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.turnout.api.console.ConsolePage;
import org.turnout.api.console.ConsolePages;
import org.turnout.api.security.AdminRoles;
import org.turnout.mailing.MailingStats;
import org.turnout.organisation.Organisation;
import org.turnout.organisation.OrganisationService;
import org.turnout.problem.NotFoundException;
import org.turnout.stats.MailingReport;
import org.turnout.stats.MailingReportService;
import org.turnout.stats.Timeline;

/**
 * A mailing's stats: its figures with their rates, deliveries, opens and clicks over time, and bars of
 * bounces, complaints and unsubscribes, as SVG drawn here (no chart script). While the mailing is under way,
 * htmx asks for the figures again every few seconds ({@code figures}), and stops once it is done.
 */
@Path("/console/orgs/{org}/mailings/{id}/stats")
@Produces(MediaType.TEXT_HTML)
@ConsolePage(roles = {AdminRoles.OWNER, AdminRoles.STAFF})
public class MailingStatsResource {
    /** One figure of the table: its count and its rate of what it is a part of (none for the recipients). */
    public record Figure(String key, long count, String rate, String of) {
    }

    private static final List<String> BAR_KEYS = List.of("bounced", "complained", "unsubscribed");

    private final MailingReportService reports;
    private final OrganisationService organisations;
    private final ConsolePages pages;

    public MailingStatsResource(MailingReportService reports, OrganisationService organisations, ConsolePages pages) {
        this.reports = reports;
        this.organisations = organisations;
        this.pages = pages;
    }

    public static String path(String org, String mailingId) {
        return "/console/orgs/" + org + "/mailings/" + mailingId + "/stats";
    }

    @GET
    public Response page(@PathParam("org") String org, @PathParam("id") String id) {
        Organisation organisation = organisations.get(org);
        try {
            Map<String, Object> data = figures(organisation, id);
            data.put("organisationName", organisation.name());
            data.put("back", path(org, id));
            return pages.page("console-stats-mailing", "mailings", data);
        } catch (NotFoundException e) {
            return Response.fromResponse(pages.page("console-stats-missing", "mailings",
                    Map.of("organisationName", organisation.name(), "back", path(org, id)))).status(Response.Status.NOT_FOUND).build();
        }
    }

    /** The figures and charts, which htmx swaps in while the mailing is under way. */
    @GET
    @Path("figures")
    public Response figures(@PathParam("org") String org, @PathParam("id") String id) {
        return pages.fragment("console-stats-figures", figures(organisations.get(org), id));
    }

    private Map<String, Object> figures(Organisation organisation, String id) {
        MailingReport report = reports.report(organisation.id(), id);
        MailingStats stats = report.stats();
        Locale locale = pages.language().locale();
        ZoneId zone = ZoneId.of(organisation.timeZone() == null ? "Europe/Paris" : organisation.timeZone());
        List<Figure> figures = List.of(
                new Figure("recipients", report.recipients(), "", ""),
                new Figure("sent", stats.sent(), percent(MailingStats.rate(stats.sent(), report.recipients()), locale), "recipients"),
                new Figure("delivered", stats.delivered(), percent(stats.rates().delivery(), locale), "sent"),
                new Figure("opened", stats.opened(), percent(stats.rates().open(), locale), "delivered"),
                new Figure("clicked", stats.clicked(), percent(stats.rates().click(), locale), "delivered"),
                new Figure("bounced", stats.bounced(), percent(stats.rates().bounce(), locale), "sent"),
                new Figure("complained", stats.complained(), percent(stats.rates().complaint(), locale), "sent"),
                new Figure("unsubscribed", stats.unsubscribed(), percent(stats.rates().unsubscribe(), locale), "sent"),
                new Figure("failed", report.failed(), percent(report.failedRate(), locale), "recipients"),
                new Figure("skipped", report.skipped(), percent(report.skippedRate(), locale), "recipients"));
        Timeline timeline = report.timeline();
        Map<String, Object> data = new HashMap<>();
        data.put("report", report);
        data.put("figures", figures);
        data.put("step", stepKey(timeline.step()));
        data.put("lines", StatsCharts.lines(timeline, zone, locale));
        data.put("bars", StatsCharts.bars(BAR_KEYS, List.of(stats.bounced(), stats.complained(), stats.unsubscribed())));
        data.put("barsWidth", StatsCharts.BAR_WIDTH);
        data.put("barsHeight", StatsCharts.barsHeight(BAR_KEYS.size()));
        data.put("zone", zone.getId());
        data.put("figuresPath", path(organisation.id(), id) + "/figures");
        return data;
    }

    private static String stepKey(Duration step) {
        return step.compareTo(Duration.ofDays(1)) >= 0 ? "day" : step.compareTo(Duration.ofHours(1)) >= 0 ? "hour" : "tenMinutes";
    }
}
