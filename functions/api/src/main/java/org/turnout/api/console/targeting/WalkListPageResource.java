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
import org.turnout.api.console.ConsoleAssets;
import org.turnout.api.console.ConsolePage;
import org.turnout.api.console.ConsolePages;
import org.turnout.api.security.AdminRoles;
import org.turnout.canvass.WalkListService;
import org.turnout.organisation.OrganisationService;
import org.turnout.problem.InvalidInputException;

/**
 * A station's walk list as a page to print: the API's walk list ({@link WalkListService}), one section per turf, one
 * block per street side; the console's print style sheet leaves out the navigation and starts each turf on a new sheet.
 * It keeps the targeting page's choice, to lead back to the same ranking.
 */
@Path("/console/orgs/{org}/targeting/walklist")
@Produces(MediaType.TEXT_HTML)
@ConsolePage(roles = {AdminRoles.OWNER, AdminRoles.STAFF})
public class WalkListPageResource {
    /** The print button's script: the console's pages run no inline script. */
    static final String PRINT_SCRIPT = "targeting-print.js";

    private final WalkListService walkLists;
    private final OrganisationService organisations;
    private final ConsolePages pages;
    private final ConsoleAssets assets;

    public WalkListPageResource(WalkListService walkLists, OrganisationService organisations, ConsolePages pages, ConsoleAssets assets) {
        this.walkLists = walkLists;
        this.organisations = organisations;
        this.pages = pages;
        this.assets = assets;
    }

    /** The walk list's address for a station, cut in turfs of {@code turfSize}, keeping the targeting page's choice. */
    public static String path(String org, String station, int turfSize, TargetingChoice choice) {
        String back = choice.query();
        return "/console/orgs/" + org + "/targeting/walklist?" + TargetingChoice.parameter("station", station)
                + "&turfSize=" + turfSize + (back.isEmpty() ? "" : "&" + back);
    }

    @GET
    public Response walkList(@PathParam("org") String org, @QueryParam("station") String station,
                             @QueryParam("turfSize") Integer turfSize, @QueryParam("elections") List<String> electionIds,
                             @QueryParam("side") List<String> side) {
        TargetingChoice choice = new TargetingChoice(electionIds, side);
        Map<String, Object> data = new HashMap<>();
        data.put("organisationName", organisations.get(org).name());
        data.put("back", TargetingPageResource.path(org, new TargetingChoice(List.of(), List.of())));
        data.put("ranking", TargetingPageResource.path(org, choice));
        data.put("choice", choice);
        data.put("station", station == null ? "" : station);
        data.put("turfSize", turfSize == null ? TargetingPageResource.DEFAULT_TURF_SIZE : turfSize);
        data.put("printScript", assets.url(PRINT_SCRIPT));
        try {
            data.put("list", walkLists.walkList(org, station, turfSize));
        } catch (InvalidInputException refused) {
            data.put("errors", refused.errors());
            return Response.fromResponse(pages.page("console-targeting-walklist", "targeting", data))
                    .status(Response.Status.BAD_REQUEST).build();
        }
        return pages.page("console-targeting-walklist", "targeting", data);
    }
}
