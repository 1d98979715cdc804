package org.turnout.api.console.imports;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.turnout.api.console.ConsoleAssets;
import org.turnout.api.console.ConsolePage;
import org.turnout.api.console.ConsolePages;
import org.turnout.api.security.AdminRoles;
import org.turnout.importing.PresignedUploads;
import org.turnout.precinct.Election;
import org.turnout.precinct.ElectionRequests;
import org.turnout.precinct.ElectionUploadRequest;
import org.turnout.precinct.ElectionView;

/**
 * An organisation's election results in the console: a drop zone that uploads a results file through the
 * pre-signed URL of {@link ElectionRequests} (its import starts when it lands), and the elections with their
 * import's status, stations, warnings and rejected rows, polled by htmx while one is under way. Owners and staff.
 */
@Path("/console/orgs/{org}/elections")
@Produces(MediaType.TEXT_HTML)
@ConsolePage(roles = {AdminRoles.OWNER, AdminRoles.STAFF})
public class ElectionsResource {
    private final ElectionRequests elections;
    private final ConsolePages pages;
    private final ConsoleAssets assets;
    private final Clock clock;

    public ElectionsResource(ElectionRequests elections, ConsolePages pages, ConsoleAssets assets, Clock clock) {
        this.elections = elections;
        this.pages = pages;
        this.assets = assets;
        this.clock = clock;
    }

    @GET
    public Response page(@PathParam("org") String org) {
        Map<String, Object> data = new HashMap<>(listData(org, elections.list(org)));
        data.put("uploadScript", assets.url(UploadStep.SCRIPT));
        data.put("uploadAction", path(org) + "/uploads");
        return pages.page("console-imports-elections", "targeting", data);
    }

    @GET
    @Path("/list")
    public Response list(@PathParam("org") String org) {
        return pages.fragment("console-imports-election-list", listData(org, elections.list(org)));
    }

    /** Creates the election and answers where the browser uploads its file, and the list to load then. */
    @POST
    @Path("/uploads")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public UploadStep upload(@PathParam("org") String org, @FormParam("fileName") String fileName, @FormParam("name") String name,
                             @FormParam("date") String date, @FormParam("commune") String commune) {
        ElectionRequests.ElectionTicket ticket = elections.requestUpload(org,
                new ElectionUploadRequest(fileName, blankToNull(name), blankToNull(date), blankToNull(commune)));
        return new UploadStep(ticket.upload().uploadUrl(), path(org) + "/list");
    }

    /** The list, which asks for itself again while an election is read or its file may still come. */
    private Map<String, Object> listData(String org, List<ElectionView> list) {
        Instant uploadsExpired = clock.instant().minus(PresignedUploads.VALIDITY);
        boolean underWay = list.stream().anyMatch(e -> Election.RUNNING.equals(e.status())
                || Election.AWAITING_UPLOAD.equals(e.status()) && e.createdAt() != null && e.createdAt().isAfter(uploadsExpired));
        return Map.of("back", path(org), "elections", list, "underWay", underWay);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    static String path(String org) {
        return "/console/orgs/" + org + "/elections";
    }
}
