package org.turnout.api.segment;

import static org.turnout.api.security.AdminRoles.OWNER;
import static org.turnout.api.security.AdminRoles.SCHEME;
import static org.turnout.api.security.AdminRoles.STAFF;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import org.turnout.audit.AuditTrail;
import org.turnout.problem.InvalidInputException;
import org.turnout.segment.SegmentDefinition;
import org.turnout.segment.SegmentPreview;
import org.turnout.segment.SegmentService;

@Path("/v1/admin/orgs/{org}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = SCHEME, scopes = {OWNER, STAFF})
@Tag(name = "Segments", description = "Saved rules over contacts; consent always applies")
public class SegmentResource {
    private final SegmentService segments;
    private final OrgAccess access;
    private final AuditTrail audit;

    public SegmentResource(SegmentService segments, OrgAccess access, AuditTrail audit) {
        this.segments = segments;
        this.access = access;
        this.audit = audit;
    }

    public record SegmentList(List<SegmentDefinition> items) {
    }

    @POST
    @Path("segments")
    @Operation(operationId = "createSegment", summary = "Save a segment", description = "The rule is checked; a bad node is named by its path (rule.all[2].op).")
    @APIResponse(responseCode = "201", description = "Saved", content = @Content(schema = @Schema(implementation = SegmentDefinition.class)))
    public Response create(@PathParam("org") String org, SegmentDefinition definition) {
        SegmentDefinition created = segments.create(org, requireBody(definition));
        audit.record(org, access.actor(), "segment.create", "segment:" + created.id(), created.name());
        return Response.created(URI.create("/v1/admin/orgs/" + org + "/segments/" + created.id())).entity(created).build();
    }

    @GET
    @Path("segments")
    @Operation(operationId = "listSegments", summary = "List the segments, by name")
    public SegmentList list(@PathParam("org") String org) {
        return new SegmentList(segments.list(org));
    }

    @GET
    @Path("segments/{id}")
    @Operation(operationId = "getSegment", summary = "Read a segment")
    @APIResponse(responseCode = "200", description = "The segment", content = @Content(schema = @Schema(implementation = SegmentDefinition.class)))
    @APIResponse(responseCode = "404", description = "No such segment")
    public SegmentDefinition get(@PathParam("org") String org, @PathParam("id") String id) {
        return segments.get(org, id);
    }

    @PUT
    @Path("segments/{id}")
    @Operation(operationId = "updateSegment", summary = "Replace a segment", description = "With the version read; 409 if it changed since.")
    @APIResponse(responseCode = "200", description = "Saved", content = @Content(schema = @Schema(implementation = SegmentDefinition.class)))
    @APIResponse(responseCode = "409", description = "Changed since it was read")
    public SegmentDefinition update(@PathParam("org") String org, @PathParam("id") String id, SegmentDefinition definition) {
        SegmentDefinition updated = segments.update(org, id, requireBody(definition));
        audit.record(org, access.actor(), "segment.update", "segment:" + id, updated.name());
        return updated;
    }

    @DELETE
    @Path("segments/{id}")
    @Consumes(MediaType.WILDCARD) // no body
    @Operation(operationId = "deleteSegment", summary = "Delete a segment")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Response delete(@PathParam("org") String org, @PathParam("id") String id) {
        segments.delete(org, id);
        audit.record(org, access.actor(), "segment.delete", "segment:" + id, null);
        return Response.noContent().build();
    }

    @POST
    @Path("segments/{id}/preview")
    @Consumes(MediaType.WILDCARD) // no body
    @Operation(operationId = "previewSegment", summary = "Count a segment's mailable members and show the first 20")
    @APIResponse(responseCode = "200", description = "The preview", content = @Content(schema = @Schema(implementation = SegmentPreview.class)))
    public SegmentPreview preview(@PathParam("org") String org, @PathParam("id") String id) {
        return segments.preview(org, id);
    }

    @POST
    @Path("segments:preview")
    @Operation(operationId = "previewSegmentRule", summary = "Preview a rule without saving it")
    @APIResponse(responseCode = "200", description = "The preview", content = @Content(schema = @Schema(implementation = SegmentPreview.class)))
    public SegmentPreview previewAdHoc(@PathParam("org") String org, SegmentDefinition definition) {
        return segments.preview(org, requireBody(definition));
    }

    private static SegmentDefinition requireBody(SegmentDefinition definition) {
        if (definition == null) {
            throw InvalidInputException.of("body", "is required");
        }
        return definition;
    }
}
