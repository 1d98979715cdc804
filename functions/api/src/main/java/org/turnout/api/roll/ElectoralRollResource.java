package org.turnout.api.roll;

import static org.turnout.api.security.AdminRoles.OWNER;
import static org.turnout.api.security.AdminRoles.SCHEME;
import static org.turnout.api.security.AdminRoles.STAFF;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
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
import org.turnout.precinct.ElectionProblem;
import org.turnout.roll.ElectoralRollService;
import org.turnout.roll.RetentionSettings;
import org.turnout.roll.RollImport;
import org.turnout.roll.RollRetention;
import org.turnout.roll.VoterRepository;

/**
 * The electoral roll's retention and its deletion. No route lists voters: they reach staff only
 * through a station's walk list.
 */
@Path("/v1/admin/orgs/{org}/electoral-roll")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Electoral roll", description = "The roll as the canvass universe: its election date, retention and deletion")
public class ElectoralRollResource {
    private final ElectoralRollService roll;
    private final VoterRepository voters;
    private final OrgAccess access;

    public ElectoralRollResource(ElectoralRollService roll, VoterRepository voters, OrgAccess access) {
        this.roll = roll;
        this.voters = voters;
        this.access = access;
    }

    /** The retention (null until an owner sets it) and the reports of the roll files, counts only. */
    public record RollStatus(Retention retention, List<RollFile> imports) {
    }

    public record Retention(String electionDate, Integer retentionDays) {
        static Retention of(RollRetention retention) {
            return new Retention(retention.getElectionDate(), retention.getRetentionDays());
        }
    }

    public record RollFile(String importId, String status, String failure, long rows, long voters, long doors, long matched, long rejected,
                           List<ElectionProblem> problems, Instant finishedAt) {
        static RollFile of(RollImport report) {
            return new RollFile(report.getImportId(), report.getStatus(), report.getFailure(), report.getRows(), report.getVoters(),
                    report.getDoors(), report.getMatched(), report.getRejected(), report.getProblems(), report.getFinishedAt());
        }
    }

    @GET
    @SecurityRequirement(name = SCHEME, scopes = {OWNER, STAFF})
    @Operation(summary = "The election date, the retention after it, and the roll files imported (under rolls/{org}/), newest first")
    public RollStatus status(@PathParam("org") String org) {
        return new RollStatus(roll.retention(org).map(Retention::of).orElse(null), voters.imports(org).stream().map(RollFile::of).toList());
    }

    @PUT
    @SecurityRequirement(name = SCHEME, scopes = {OWNER})
    @Path("retention")
    @Operation(summary = "Set the election date and the days the roll is kept after it",
            description = "Required before a roll is imported; the voters already imported get the new end. Recorded in the audit trail.")
    @APIResponse(responseCode = "200", description = "The retention", content = @Content(schema = @Schema(implementation = Retention.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields, each named in errors[]",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Retention setRetention(@PathParam("org") String org, RetentionSettings settings) {
        return Retention.of(roll.setRetention(org, settings, access.actor()));
    }

    @DELETE
    @SecurityRequirement(name = SCHEME, scopes = {OWNER})
    @Operation(summary = "Delete the electoral roll now", description = "Every voter of every station; recorded in the audit trail.")
    @APIResponse(responseCode = "200", description = "How many voters were deleted",
            content = @Content(schema = @Schema(implementation = ElectoralRollService.Purge.class)))
    public ElectoralRollService.Purge purge(@PathParam("org") String org) {
        return roll.purge(org, access.actor());
    }
}
