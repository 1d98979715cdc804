package org.turnout.api.audit;

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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.turnout.api.problem.Problem;
import org.turnout.audit.AuditPage;
import org.turnout.audit.AuditTrail;

@Path("/v1/admin/orgs/{org}/audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit", description = "Who did what, when, to what")
public class AuditResource {
    private final AuditTrail audit;

    public AuditResource(AuditTrail audit) {
        this.audit = audit;
    }

    @GET
    @SecurityRequirement(name = SCHEME, scopes = {OWNER, STAFF})
    @Operation(operationId = "listAuditEntries", summary = "The admin actions on this organisation, newest first",
            description = "Pass the answer's next as cursor for the following page. With action, only that action's entries: "
                    + "a page then reads at most 1000 entries and may hold fewer than limit, with next where it stopped.")
    @APIResponse(responseCode = "200", description = "A page", content = @Content(schema = @Schema(implementation = AuditPage.class)))
    @APIResponse(responseCode = "400", description = "A bad limit or cursor",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public AuditPage list(@PathParam("org") String org, @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor,
                          @QueryParam("action") String action) {
        return audit.list(org, limit, cursor, action);
    }
}
