package org.turnout.api.suppression;

import static org.turnout.api.security.AdminRoles.OWNER;
import static org.turnout.api.security.AdminRoles.SCHEME;
import static org.turnout.api.security.AdminRoles.STAFF;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.turnout.api.problem.Problem;
import org.turnout.api.security.OrgAccess;
import org.turnout.suppression.SuppressionEntry;
import org.turnout.suppression.SuppressionPage;
import org.turnout.suppression.SuppressionRequest;
import org.turnout.suppression.SuppressionService;

/** The organisation's suppression list; addresses travel in bodies, not in paths (which get logged). */
@Path("/v1/admin/orgs/{org}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Suppressions", description = "Addresses never written to, contacts or not")
public class SuppressionResource {
    private final SuppressionService suppressions;
    private final OrgAccess access;

    public SuppressionResource(SuppressionService suppressions, OrgAccess access) {
        this.suppressions = suppressions;
        this.access = access;
    }

    @GET
    @SecurityRequirement(name = SCHEME, scopes = {OWNER, STAFF})
    @Path("suppressions")
    @Operation(operationId = "listSuppressions", summary = "List the suppression list, a page at a time", description = "Pass the answer's next as cursor for the following page.")
    @APIResponse(responseCode = "200", description = "A page", content = @Content(schema = @Schema(implementation = SuppressionPage.class)))
    @APIResponse(responseCode = "400", description = "A bad limit or cursor",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public SuppressionPage list(@PathParam("org") String org, @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        return suppressions.list(org, limit, cursor);
    }

    @POST
    @SecurityRequirement(name = SCHEME, scopes = {OWNER, STAFF})
    @Path("suppressions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "addSuppression", summary = "Add an address, with the reason", description = "Idempotent: an address already listed keeps its first entry.")
    @APIResponse(responseCode = "200", description = "The entry that stands", content = @Content(schema = @Schema(implementation = SuppressionEntry.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields, each named in errors[]",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public SuppressionEntry add(@PathParam("org") String org, SuppressionRequest request) {
        return suppressions.add(org, request, access.actor());
    }

    @POST
    @SecurityRequirement(name = SCHEME, scopes = {OWNER})
    @Path("suppressions:remove")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "removeSuppression", summary = "Remove an address, with the reason",
            description = "Also lifts an erasure tombstone of the address; a bounced contact gets back its status before the bounce.")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "400", description = "Invalid fields, each named in errors[]",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "The address is not suppressed")
    public Response remove(@PathParam("org") String org, SuppressionRequest request) {
        suppressions.remove(org, request, access.actor());
        return Response.noContent().build();
    }
}
