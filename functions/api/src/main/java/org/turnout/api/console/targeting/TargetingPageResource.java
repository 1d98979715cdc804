package org.turnout.api.console.targeting;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.turnout.api.console.ConsolePage;
import org.turnout.api.console.ConsolePages;
import org.turnout.api.security.AdminRoles;
import org.turnout.organisation.OrganisationService;
import org.turnout.precinct.Election;
import org.turnout.precinct.ElectionRequests;
import org.turnout.precinct.ElectionView;
import org.turnout.precinct.TargetingReport;
import org.turnout.precinct.TargetingResult;
import org.turnout.precinct.TargetingService;
import org.turnout.problem.InvalidInputException;

/**
 * The targeting page: staff tick imported elections and the candidates or lists of their side, and see the polling
 * stations ranked by the API's own ranking ({@link TargetingService}), as a table and a chart formatted as the
 * printable report formats them ({@link TargetingReport#view}); htmx asks for the ranking again ({@code ranking})
 * whenever a box changes. Each station leads to its walk list ({@link WalkListPageResource}).
 */
@Path("/console/orgs/{org}/targeting")
@Produces(MediaType.TEXT_HTML)
@ConsolePage(roles = {AdminRoles.OWNER, AdminRoles.STAFF})
public class TargetingPageResource {
    /** The turf size a walk list opens with; the page lets staff change it. */
    static final int DEFAULT_TURF_SIZE = 40;

    private final ElectionRequests elections;
    private final TargetingService targeting;
    private final OrganisationService organisations;
    private final ConsolePages pages;

    public TargetingPageResource(ElectionRequests elections, TargetingService targeting, OrganisationService organisations,
                                 ConsolePages pages) {
        this.elections = elections;
        this.targeting = targeting;
        this.organisations = organisations;
        this.pages = pages;
    }

    /** An election as the page offers it: tickable once imported, else shown with why not. */
    public record ElectionChoice(ElectionView election, boolean chosen, List<SideOption> candidates) {
        public boolean selectable() {
            return Election.DONE.equals(election.status());
        }
    }

    /** A candidate or list to tick as the side: {@code value} is what names it to the targeting service. */
    public record SideOption(String value, String label, boolean chosen) {
    }

    /** A ranked station's line, with the address of its walk list. */
    public record RankedStation(TargetingReport.Row row, String walkList) {
    }

    /** The page's path, with the query that shows {@code choice} again. */
    public static String path(String org, TargetingChoice choice) {
        String path = "/console/orgs/" + org + "/targeting";
        return choice.elections().isEmpty() && choice.side().isEmpty() ? path : path + "?" + choice.query();
    }

    @GET
    public Response page(@PathParam("org") String org, @QueryParam("elections") List<String> electionIds,
                         @QueryParam("side") List<String> side) {
        TargetingChoice choice = new TargetingChoice(electionIds, side);
        List<ElectionChoice> offered = elections.list(org).stream().map(e -> offer(e, choice)).toList();
        Map<String, Object> data = ranking(org, choice);
        data.put("organisationName", organisations.get(org).name());
        data.put("back", path(org, new TargetingChoice(List.of(), List.of())));
        data.put("elections", offered);
        data.put("selectable", offered.stream().filter(ElectionChoice::selectable).toList());
        Response page = pages.page("console-targeting", "targeting", data);
        return data.containsKey("errors") ? Response.fromResponse(page).status(Response.Status.BAD_REQUEST).build() : page;
    }

    /**
     * The ranking for the boxes ticked, which htmx swaps into the page; answered 200 even for a choice the service
     * refuses (htmx swaps no error), the refusal shown in its place. The address bar follows the choice.
     */
    @GET
    @Path("ranking")
    public Response ranking(@PathParam("org") String org, @QueryParam("elections") List<String> electionIds,
                            @QueryParam("side") List<String> side) {
        TargetingChoice choice = new TargetingChoice(electionIds, side);
        return Response.fromResponse(pages.fragment("console-targeting-ranking", ranking(org, choice)))
                .header("HX-Replace-Url", path(org, choice)).build();
    }

    /** What the ranking part shows: nothing chosen yet, the service's refusal ({@code errors}), or the ranking. */
    private Map<String, Object> ranking(String org, TargetingChoice choice) {
        Map<String, Object> data = new HashMap<>();
        if (!choice.complete()) {
            return data;
        }
        try {
            TargetingResult result = targeting.rank(org, choice.electionIds(), choice.sideNames());
            TargetingReport.View view = TargetingReport.view(pages.language(), result);
            data.put("ranking", view);
            data.put("result", result);
            data.put("reference", targeting.electionName(org, result.reference()));
            data.put("stations", view.rows().stream()
                    .map(row -> new RankedStation(row, WalkListPageResource.path(org, row.station(), DEFAULT_TURF_SIZE, choice))).toList());
            data.put("chart", view.chart());
        } catch (InvalidInputException refused) {
            data.put("errors", refused.errors());
        }
        return data;
    }

    private static ElectionChoice offer(ElectionView election, TargetingChoice choice) {
        List<SideOption> candidates = election.candidates().stream()
                .map(c -> new SideOption(c.identifier(), c.label(), choice.side().contains(c.identifier()))).toList();
        return new ElectionChoice(election, choice.elections().contains(election.id()), candidates);
    }
}
