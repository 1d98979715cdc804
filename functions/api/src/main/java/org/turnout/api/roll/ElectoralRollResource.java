package org.turnout.api.roll;

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
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.turnout.api.problem.Problem;
import org.turnout.api.security.OrgAccess;
import org.turnout.importing.UploadTicket;
import org.turnout.precinct.ElectionProblem;
import org.turnout.problem.InvalidInputException;
import org.turnout.roll.ElectoralRollService;
import org.turnout.roll.RetentionSettings;
import org.turnout.roll.RollImport;
import org.turnout.roll.RollRequests;
import org.turnout.roll.RollRetention;
import org.turnout.roll.RollUploadRequest;
import org.turnout.roll.VoterRepository;

/**
 * The electoral roll's upload, retention and deletion. No route lists voters: they reach staff only
 * through a station's walk list. The roll is the most sensitive file the campaign holds: only an
 * owner uploads it.
 */
@Path("/v1/admin/orgs/{org}/electoral-roll")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Electoral roll", description = "The roll as the canvass universe: its election date, retention and deletion")
public class ElectoralRollResource {
    private final ElectoralRollService roll;
    private final VoterRepository voters;
    private final RollRequests uploads;
    private final OrgAccess access;

    public ElectoralRollResource(ElectoralRollService roll, VoterRepository voters, RollRequests uploads, OrgAccess access) {
        this.roll = roll;
        this.voters = voters;
        this.uploads = uploads;
        this.access = access;
    }

    /** The retention (null until an owner sets it) and the reports of the roll files, counts only. */
    public record RollStatus(Retention retention, List<RollFile> imports) {
    }

    public record Retention(String electionDate, Integer retentionDays) {
        static Retention of(RollRetention retention) {
            return new Retention(retention.electionDate(), retention.retentionDays());
        }
    }

    public record RollFile(String importId, String status, String failure, long rows, long voters, long doors, long matched, long rejected,
                           List<ElectionProblem> problems, Instant finishedAt) {
        static RollFile of(RollImport report) {
            return new RollFile(report.importId(), report.status(), report.failure(), report.rows(), report.voters(),
                    report.doors(), report.matched(), report.rejected(), report.problems(), report.finishedAt());
        }
    }

    @GET
    @SecurityRequirement(name = SCHEME, scopes = {OWNER, STAFF})
    @Operation(operationId = "getElectoralRoll", summary = "The election date, the retention after it, and the roll files imported (under rolls/{org}/), newest first")
    public RollStatus status(@PathParam("org") String org) {
        return new RollStatus(roll.retention(org).map(Retention::of).orElse(null), voters.imports(org).stream().map(RollFile::of).toList());
    }

    @PUT
    @SecurityRequirement(name = SCHEME, scopes = {OWNER})
    @Path("retention")
    @Operation(operationId = "setRollRetention", summary = "Set the election date and the days the roll is kept after it",
            description = "Required before a roll is imported; the voters already imported get the new end. Recorded in the audit trail.")
    @APIResponse(responseCode = "200", description = "The retention", content = @Content(schema = @Schema(implementation = Retention.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields, each named in errors[]",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Retention setRetention(@PathParam("org") String org, RetentionSettings settings) {
        return Retention.of(roll.setRetention(org, settings, access.actor()));
    }

    @DELETE
    @SecurityRequirement(name = SCHEME, scopes = {OWNER})
    @Operation(operationId = "deleteElectoralRoll", summary = "Delete the electoral roll now", description = "Every voter of every station; recorded in the audit trail.")
    @APIResponse(responseCode = "200", description = "How many voters were deleted",
            content = @Content(schema = @Schema(implementation = ElectoralRollService.Purge.class)))
    public ElectoralRollService.Purge purge(@PathParam("org") String org) {
        return roll.purge(org, access.actor());
    }

    @POST
    @SecurityRequirement(name = SCHEME, scopes = {OWNER})
    @Path("uploads")
    @Operation(operationId = "requestRollUpload", summary = "Get a pre-signed URL to upload an electoral roll file",
            description = "Owners only: the roll is the most sensitive file the campaign holds. PUT the file to uploadUrl within 15 minutes; "
                    + "the import starts when it lands (an election date must be set), and its report is listed by GET electoral-roll. "
                    + "A newer complete extract replaces the roll.")
    @APIResponse(responseCode = "201", description = "Where to upload the file",
            content = @Content(schema = @Schema(implementation = UploadTicket.class)))
    @APIResponse(responseCode = "400", description = "An invalid file name, named in errors[]",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response requestUpload(@PathParam("org") String org, RollUploadRequest request) {
        if (request == null) {
            throw InvalidInputException.of("body", "is required");
        }
        return Response.status(Response.Status.CREATED).entity(uploads.requestUpload(org, request)).build();
    }
}
