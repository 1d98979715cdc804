package org.turnout.api.console;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.turnout.api.security.AdminRoles;
import org.turnout.contact.ContactStatus;
import org.turnout.dashboard.Dashboard;
import org.turnout.dashboard.DashboardService;
import org.turnout.organisation.OrganisationService;

/**
 * An organisation's dashboard: its contacts by status, its last imports, its mailings under way (their counts
 * refreshed every few seconds by htmx from {@code mailings}), and its bounce and complaint rates against AWS's
 * thresholds. Owners and staff; volunteers have pages of their own.
 */
@Path("/console/orgs/{org}")
@Produces(MediaType.TEXT_HTML)
@ConsolePage(roles = {AdminRoles.OWNER, AdminRoles.STAFF})
public class DashboardResource {
    private static final DateTimeFormatter COUNTED_AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);
    private final DashboardService dashboards;
    private final OrganisationService organisations;
    private final ConsolePages pages;

    public DashboardResource(DashboardService dashboards, OrganisationService organisations, ConsolePages pages) {
        this.dashboards = dashboards;
        this.organisations = organisations;
        this.pages = pages;
    }

    /** The dashboard's path, the organisation's home in the console. */
    public static String path(String org) {
        return ConsoleSessions.PATH + "/orgs/" + org + "/";
    }

    @GET
    @Path("/")
    public Response dashboard(@PathParam("org") String org) {
        Dashboard dashboard = dashboards.dashboard(org);
        Map<String, Long> contacts = new LinkedHashMap<>();
        for (ContactStatus status : ContactStatus.values()) {
            contacts.put(status.code(), dashboard.contacts().getOrDefault(status, 0L));
        }
        Locale locale = pages.language().locale();
        return pages.page("console-dashboard", "dashboard", Map.of(
                "back", path(org),
                "organisationName", organisations.get(org).name(),
                "dashboard", dashboard,
                "contacts", contacts,
                "countedAt", COUNTED_AT.format(dashboard.contactsCountedAt()),
                "mailings", dashboard.inProgress(),
                "bouncePercent", percent(dashboard.reputation().bounceRate(), locale),
                "complaintPercent", percent(dashboard.reputation().complaintRate(), locale)));
    }

    /** The mailings under way, as the dashboard shows them: what htmx asks for every few seconds. */
    @GET
    @Path("/mailings-in-progress")
    public Response mailingsInProgress(@PathParam("org") String org) {
        return pages.fragment("console-mailings-in-progress", Map.of("mailings", dashboards.mailingsInProgress(org)));
    }

    /** Two decimals: the complaint threshold is 0.1 %. */
    public static String percent(Double rate, Locale locale) {
        return rate == null ? "–" : String.format(locale, "%.2f %%", rate * 100);
    }

}
