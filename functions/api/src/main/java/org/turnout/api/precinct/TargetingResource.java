package org.turnout.api.precinct;

import static org.turnout.api.security.AdminRoles.OWNER;
import static org.turnout.api.security.AdminRoles.SCHEME;
import static org.turnout.api.security.AdminRoles.STAFF;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.turnout.organisation.Organisation;
import org.turnout.organisation.OrganisationRepository;
import org.turnout.precinct.TargetingReport;
import org.turnout.precinct.TargetingResult;
import org.turnout.precinct.TargetingService;
import org.turnout.problem.NotFoundException;

@Path("/v1/admin/orgs/{org}/targeting")
@SecurityRequirement(name = SCHEME, scopes = {OWNER, STAFF})
@Tag(name = "Targeting", description = "Priority polling stations: where likely supporters stayed home")
public class TargetingResource {
    private final TargetingService targeting;
    private final TargetingReport report;
    private final OrganisationRepository organisations;

    public TargetingResource(TargetingService targeting, TargetingReport report, OrganisationRepository organisations) {
        this.targeting = targeting;
        this.report = report;
        this.organisations = organisations;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "rankStations", summary = "Rank the polling stations by potential (abstentions x the side's share of expressed votes)",
            description = "elections: ids from the elections list, comma-separated (the newest is the reference); side: panel numbers, "
                    + "list names, candidate names or nuance codes, comma-separated, whatever the case and accents.")
    public TargetingResult rank(@PathParam("org") String org, @QueryParam("elections") String elections, @QueryParam("side") String side) {
        return targeting.rank(org, elections, side);
    }

    @GET
    @Path("report.html")
    @Produces(MediaType.TEXT_HTML + ";charset=utf-8")
    @Operation(operationId = "getTargetingReport", summary = "The ranking as a printable HTML page: a table and a chart of the potential per station with its cumulative curve")
    public String report(@PathParam("org") String org, @QueryParam("elections") String elections, @QueryParam("side") String side) {
        Organisation organisation = organisations.find(org).orElseThrow(() -> new NotFoundException("no organisation " + org));
        TargetingResult result = targeting.rank(org, elections, side);
        return report.render(organisation.languageOrDefault(), organisation.name() == null ? org : organisation.name(),
                targeting.electionName(org, result.reference()), result);
    }
}
