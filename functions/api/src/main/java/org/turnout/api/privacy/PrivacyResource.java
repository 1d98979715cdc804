package org.turnout.api.privacy;

import static org.turnout.api.security.AdminRoles.OWNER;
import static org.turnout.api.security.AdminRoles.SCHEME;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.turnout.api.problem.Problem;
import org.turnout.api.security.OrgAccess;
import org.turnout.privacy.ErasureReport;
import org.turnout.privacy.PrivacyRequest;
import org.turnout.privacy.PrivacyService;

/** GDPR requests of one person, by address (in the body, never in a path that gets logged). */
@Path("/v1/admin/orgs/{org}/privacy")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Privacy", description = "GDPR: export everything held about a person, or erase it")
@APIResponse(responseCode = "400", description = "Invalid fields, each named in errors[]",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@SecurityRequirement(name = SCHEME, scopes = {OWNER})
public class PrivacyResource {
    private final PrivacyService privacy;
    private final OrgAccess access;

    public PrivacyResource(PrivacyService privacy, OrgAccess access) {
        this.privacy = privacy;
        this.access = access;
    }

    @POST
    @Path("exports")
    @Operation(operationId = "exportContact", summary = "Export everything held about an address, as JSON", description = "Recorded in the audit trail.")
    @APIResponse(responseCode = "200", description = "The export")
    @APIResponse(responseCode = "404", description = "Nothing is held about this address")
    public Map<String, Object> export(@PathParam("org") String org, PrivacyRequest request) {
        return privacy.export(org, request, access.actor());
    }

    @POST
    @Path("erasures")
    @Operation(operationId = "eraseContact", summary = "Erase an address", description = "Deletes the contact and its send records, keeps a keyed hash so "
            + "that no import or sign-up makes it mailable again; recorded in the audit trail. Idempotent.")
    @APIResponse(responseCode = "200", description = "What was erased", content = @Content(schema = @Schema(implementation = ErasureReport.class)))
    public ErasureReport erase(@PathParam("org") String org, PrivacyRequest request) {
        return privacy.erase(org, request, access.actor());
    }
}
