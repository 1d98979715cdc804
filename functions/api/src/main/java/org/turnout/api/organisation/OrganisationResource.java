package org.turnout.api.organisation;

import static org.turnout.api.security.AdminRoles.OPERATOR;
import static org.turnout.api.security.AdminRoles.OWNER;
import static org.turnout.api.security.AdminRoles.SCHEME;
import static org.turnout.api.security.AdminRoles.STAFF;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.turnout.api.security.OrgAccess;
import org.turnout.organisation.Organisation;
import org.turnout.organisation.OrganisationService;
import org.turnout.organisation.OrganisationSettings;
import org.turnout.problem.InvalidInputException;

/** Organisations (tenants): operators create them; owners and operators change their settings; staff read their own. */
@Path("/v1/admin/orgs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Organisations", description = "Tenants: operators create them, owners change their settings")
public class OrganisationResource {
    private final OrganisationService organisations;
    private final OrgAccess access;

    public OrganisationResource(OrganisationService organisations, OrgAccess access) {
        this.organisations = organisations;
        this.access = access;
    }

    public record OrganisationList(List<OrganisationSettings> items) {
    }

    @POST
    @SecurityRequirement(name = SCHEME, scopes = {OPERATOR})
    @Operation(operationId = "createOrganisation", summary = "Create an organisation")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = OrganisationSettings.class)))
    @APIResponse(responseCode = "409", description = "An organisation with this id exists")
    public Response create(OrganisationSettings settings) {
        Organisation created = organisations.create(requireBody(settings));
        return Response.created(URI.create("/v1/admin/orgs/" + created.id())).entity(created.settings()).build();
    }

    @GET
    @SecurityRequirement(name = SCHEME, scopes = {OPERATOR})
    @Operation(operationId = "listOrganisations", summary = "List the organisations")
    public OrganisationList list() {
        return new OrganisationList(organisations.list().stream().map(Organisation::settings).toList());
    }

    @GET
    @SecurityRequirement(name = SCHEME, scopes = {OPERATOR, OWNER, STAFF})
    @Path("{org}")
    @Operation(operationId = "getOrganisation", summary = "Read an organisation's settings")
    public OrganisationSettings get(@PathParam("org") String org) {
        return organisations.get(org).settings();
    }

    @PUT
    @SecurityRequirement(name = SCHEME, scopes = {OPERATOR, OWNER})
    @Path("{org}")
    @Operation(operationId = "updateOrganisation", summary = "Replace an organisation's settings", description = "With version, only if nobody changed it since.")
    @APIResponse(responseCode = "200", description = "The new settings", content = @Content(schema = @Schema(implementation = OrganisationSettings.class)))
    @APIResponse(responseCode = "409", description = "The version is not the stored one")
    public OrganisationSettings update(@PathParam("org") String org, OrganisationSettings settings) {
        return organisations.update(org, requireBody(settings), access.actor()).settings();
    }

    private static OrganisationSettings requireBody(OrganisationSettings settings) {
        if (settings == null) {
            throw InvalidInputException.of("body", "is required");
        }
        return settings;
    }
}
