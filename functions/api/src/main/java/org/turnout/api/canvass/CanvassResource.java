package org.turnout.api.canvass;

import static org.turnout.api.security.AdminRoles.OWNER;
import static org.turnout.api.security.AdminRoles.SCHEME;
import static org.turnout.api.security.AdminRoles.STAFF;
import static org.turnout.api.security.AdminRoles.VOLUNTEER;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.turnout.canvass.CanvassService;
import org.turnout.canvass.CanvassSubmission;
import org.turnout.problem.InvalidInputException;

@Path("/v1/admin/orgs/{org}/canvass")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Door to door", description = "Walk lists per polling station and the address files behind them")
public class CanvassResource {
    private final CanvassService canvass;

    public CanvassResource(CanvassService canvass) {
        this.canvass = canvass;
    }

    @POST
    @SecurityRequirement(name = SCHEME, scopes = {OWNER, STAFF, VOLUNTEER})
    @Operation(operationId = "recordCanvassResults", summary = "Record canvass results: one door, or a batch in results",
            description = "Idempotent per (contact, session): a result sent again is answered duplicate and changes nothing.")
    public CanvassService.Receipts submit(@PathParam("org") String org, CanvassSubmission submission) {
        if (submission == null) {
            throw InvalidInputException.of("body", "is required");
        }
        return canvass.submit(org, submission);
    }
}
