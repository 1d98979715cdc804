package org.turnout.api.precinct;

import static org.turnout.api.security.AdminRoles.OWNER;
import static org.turnout.api.security.AdminRoles.SCHEME;
import static org.turnout.api.security.AdminRoles.STAFF;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.turnout.precinct.ElectionRequests;
import org.turnout.precinct.ElectionUploadRequest;
import org.turnout.precinct.ElectionView;
import org.turnout.problem.InvalidInputException;

@Path("/v1/admin/orgs/{org}/elections")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = SCHEME, scopes = {OWNER, STAFF})
@Tag(name = "Elections", description = "Past results by polling station: upload a file, read its import report")
public class ElectionResource {
    private final ElectionRequests elections;

    public ElectionResource(ElectionRequests elections) {
        this.elections = elections;
    }

    public record ElectionList(List<ElectionView> items) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createElection", summary = "Create an election and get a pre-signed URL to upload its results file",
            description = "PUT the file to upload.uploadUrl within 15 minutes; the import starts when it lands.")
    @APIResponse(responseCode = "201", description = "The election and where to upload its file",
            content = @Content(schema = @Schema(implementation = ElectionRequests.ElectionTicket.class)))
    public Response requestUpload(@PathParam("org") String org, ElectionUploadRequest request) {
        if (request == null) {
            throw InvalidInputException.of("body", "is required");
        }
        return Response.status(Response.Status.CREATED).entity(elections.requestUpload(org, request)).build();
    }

    @GET
    @Operation(operationId = "listElections", summary = "List the elections, newest first, with their import reports")
    public ElectionList list(@PathParam("org") String org) {
        return new ElectionList(elections.list(org));
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getElection", summary = "Read an election: status, candidates or lists, warnings and rejected rows")
    @APIResponse(responseCode = "200", description = "The election", content = @Content(schema = @Schema(implementation = ElectionView.class)))
    @APIResponse(responseCode = "404", description = "No such election")
    public ElectionView get(@PathParam("org") String org, @PathParam("id") String id) {
        return elections.get(org, id);
    }
}
