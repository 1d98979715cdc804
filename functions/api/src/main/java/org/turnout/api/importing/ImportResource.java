package org.turnout.api.importing;

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
import org.turnout.api.security.OrgAccess;
import org.turnout.audit.AuditTrail;
import org.turnout.importing.ImportJobView;
import org.turnout.importing.ImportRequests;
import org.turnout.importing.UploadRequest;
import org.turnout.importing.UploadTicket;
import org.turnout.problem.InvalidInputException;

@Path("/v1/admin/orgs/{org}/imports")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = SCHEME, scopes = {OWNER, STAFF})
@Tag(name = "Imports", description = "Contact lists: upload a file, follow its job")
public class ImportResource {
    private final ImportRequests imports;
    private final OrgAccess access;
    private final AuditTrail audit;

    public ImportResource(ImportRequests imports, OrgAccess access, AuditTrail audit) {
        this.imports = imports;
        this.access = access;
        this.audit = audit;
    }

    public record ImportList(List<ImportJobView> items) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "requestImportUpload", summary = "Get a pre-signed URL to upload a contact file",
            description = "PUT the file to uploadUrl within 15 minutes; the import starts when it lands.")
    @APIResponse(responseCode = "201", description = "Where to upload", content = @Content(schema = @Schema(implementation = UploadTicket.class)))
    public Response requestUpload(@PathParam("org") String org, UploadRequest request) {
        if (request == null) {
            throw InvalidInputException.of("body", "is required");
        }
        UploadTicket ticket = imports.requestUpload(org, request);
        audit.record(org, access.actor(), "import.request", "file:" + ticket.key(), request.consentSource());
        return Response.status(Response.Status.CREATED).entity(ticket).build();
    }

    @GET
    @Operation(operationId = "listImports", summary = "List the imports, newest first")
    public ImportList list(@PathParam("org") String org) {
        return new ImportList(imports.list(org));
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getImport", summary = "Read an import job: status and counts, while it runs and after")
    @APIResponse(responseCode = "200", description = "The job", content = @Content(schema = @Schema(implementation = ImportJobView.class)))
    @APIResponse(responseCode = "404", description = "No such import")
    public ImportJobView get(@PathParam("org") String org, @PathParam("id") String id) {
        return imports.get(org, id);
    }

    @GET
    @SecurityRequirement(name = SCHEME, scopes = {OWNER, STAFF})
    @Path("{id}/report")
    @Produces("text/csv")
    @Operation(operationId = "getImportReport", summary = "Download an import's report: its rejected rows and warnings, as CSV")
    @APIResponse(responseCode = "200", description = "The report", content = @Content(mediaType = "text/csv"))
    @APIResponse(responseCode = "404", description = "No such import, not done yet, or its report expired")
    public Response report(@PathParam("org") String org, @PathParam("id") String id) {
        return Response.ok(imports.report(org, id), "text/csv; charset=UTF-8").build();
    }
}
