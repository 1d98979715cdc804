package org.turnout.api.canvass;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.turnout.api.security.OrgAccess;
import org.turnout.canvass.CanvassService;
import org.turnout.canvass.CanvassSubmission;
import org.turnout.problem.InvalidInputException;

@Path("/v1/admin/orgs/{org}/canvass")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({OrgAccess.OPERATOR, OrgAccess.STAFF})
@Tag(name = "Door to door", description = "Walk lists per polling station and the address files behind them")
public class CanvassResource {
    private final CanvassService canvass;
    private final OrgAccess access;

    public CanvassResource(CanvassService canvass, OrgAccess access) {
        this.canvass = canvass;
        this.access = access;
    }

    @POST
    @Operation(summary = "Record canvass results: one door, or a batch in results",
            description = "Idempotent per (contact, session): a result sent again is answered duplicate and changes nothing.")
    public CanvassService.Receipts submit(@PathParam("org") String org, CanvassSubmission submission) {
        access.require(org);
        if (submission == null) {
            throw InvalidInputException.of("body", "is required");
        }
        return canvass.submit(org, submission);
    }
}
