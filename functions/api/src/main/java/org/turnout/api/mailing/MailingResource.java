package org.turnout.api.mailing;

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
import org.turnout.api.security.OrgAccess;
import org.turnout.api.problem.Problem;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.turnout.mailing.MailingContent;
import org.turnout.mailing.MailingDraft;
import org.turnout.mailing.MailingService;
import org.turnout.mailing.MailingStats;
import org.turnout.mailing.MailingView;

@Path("/v1/admin/orgs/{org}/mailings")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = SCHEME, scopes = {OWNER, STAFF})
@Tag(name = "Mailings", description = "Personalised emails to a segment, scheduled, throttled, sent once")
public class MailingResource {
    private final MailingService mailings;
    private final OrgAccess access;

    public MailingResource(MailingService mailings, OrgAccess access) {
        this.mailings = mailings;
        this.access = access;
    }

    public record MailingList(List<MailingView> items) {
    }

    /** {@code sendAt}: ISO-8601, with an offset or in the organisation's time zone; absent: the time the mailing holds. */
    public record ScheduleRequest(String sendAt) {
    }

    /** The contact to render for; absent: a contact with no fields, so that the fallbacks show. */
    public record PreviewRequest(String contactId) {
    }

    public record TestRequest(List<String> addresses, String contactId) {
    }

    public record TestResult(List<String> messageIds) {
    }

    @POST
    @Operation(operationId = "createMailing", summary = "Write a mailing (a draft)", description = "Templates are checked: a syntax error or an unknown merge field "
            + "is refused with its line and column; the sender must be one of the organisation's.")
    @APIResponse(responseCode = "201", description = "Saved", content = @Content(schema = @Schema(implementation = MailingView.class)))
    @APIResponse(responseCode = "400", description = "A field is invalid; the problem names it")
    public Response create(@PathParam("org") String org, MailingDraft draft) {
        MailingView created = mailings.create(org, draft);
        return Response.created(URI.create("/v1/admin/orgs/" + org + "/mailings/" + created.id())).entity(created).build();
    }

    @GET
    @Operation(operationId = "listMailings", summary = "List the mailings, newest first")
    public MailingList list(@PathParam("org") String org) {
        return new MailingList(mailings.list(org));
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getMailing", summary = "Read a mailing, its state and counts")
    @APIResponse(responseCode = "200", description = "The mailing", content = @Content(schema = @Schema(implementation = MailingView.class)))
    @APIResponse(responseCode = "404", description = "No such mailing")
    public MailingView get(@PathParam("org") String org, @PathParam("id") String id) {
        return mailings.get(org, id);
    }

    @GET
    @Path("{id}/stats")
    @Operation(operationId = "getMailingStats", summary = "How a mailing did", description = "Sent, and from SES's events delivered, bounced, complained, opened, clicked, "
            + "unsubscribed, with rates (of those sent; opens and clicks of those delivered).")
    @APIResponse(responseCode = "200", description = "The figures", content = @Content(schema = @Schema(implementation = MailingStats.class)))
    public MailingStats stats(@PathParam("org") String org, @PathParam("id") String id) {
        return mailings.stats(org, id);
    }

    @PUT
    @Path("{id}")
    @Operation(operationId = "updateMailing", summary = "Change a draft or scheduled mailing", description = "With the version read; 409 if it changed since or is under way.")
    @APIResponse(responseCode = "200", description = "Saved", content = @Content(schema = @Schema(implementation = MailingView.class)))
    @APIResponse(responseCode = "409", description = "Changed since it was read, or no longer editable")
    public MailingView update(@PathParam("org") String org, @PathParam("id") String id, MailingDraft draft) {
        return mailings.update(org, id, draft);
    }

    @DELETE
    @Path("{id}")
    @Consumes(MediaType.WILDCARD) // no body
    @Operation(operationId = "deleteMailing", summary = "Delete a draft")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "409", description = "Not a draft: cancel it instead")
    public Response delete(@PathParam("org") String org, @PathParam("id") String id) {
        mailings.delete(org, id);
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/schedule")
    @Consumes(MediaType.WILDCARD) // the body is optional
    @Operation(operationId = "scheduleMailing", summary = "Schedule (or reschedule) a mailing", description = "Creates a one-time schedule in the organisation's time zone "
            + "that starts the dispatch at sendAt.")
    @APIResponse(responseCode = "200", description = "Scheduled", content = @Content(schema = @Schema(implementation = MailingView.class)))
    public MailingView schedule(@PathParam("org") String org, @PathParam("id") String id, ScheduleRequest request) {
        return mailings.schedule(org, id, request == null ? null : request.sendAt());
    }

    @POST
    @Path("{id}/cancel")
    @Consumes(MediaType.WILDCARD) // no body
    @Operation(operationId = "cancelMailing", summary = "Cancel a mailing not yet sent", description = "Deletes its schedule; a sending mailing stops sending.")
    public MailingView cancel(@PathParam("org") String org, @PathParam("id") String id) {
        return mailings.cancel(org, id);
    }

    @POST
    @Path("{id}/pause")
    @Consumes(MediaType.WILDCARD) // no body
    @Operation(operationId = "pauseMailing", summary = "Pause a sending mailing", description = "New sends stop within seconds.")
    public MailingView pause(@PathParam("org") String org, @PathParam("id") String id) {
        return mailings.pause(org, id);
    }

    @POST
    @Path("{id}/resume")
    @Consumes(MediaType.WILDCARD) // no body
    @Operation(operationId = "resumeMailing", summary = "Resume a paused mailing", description = "The dispatch continues where it stopped.")
    public MailingView resume(@PathParam("org") String org, @PathParam("id") String id) {
        return mailings.resume(org, id);
    }

    @POST
    @Path("{id}/preview")
    @Consumes(MediaType.WILDCARD) // the body is optional
    @Operation(operationId = "previewMailing", summary = "Render the mailing for a contact")
    @APIResponse(responseCode = "200", description = "Subject, HTML and text as the contact would receive them",
            content = @Content(schema = @Schema(implementation = MailingContent.RenderedMessage.class)))
    public MailingContent.RenderedMessage preview(@PathParam("org") String org, @PathParam("id") String id, PreviewRequest request) {
        return mailings.preview(org, id, request == null ? null : request.contactId());
    }

    @POST
    @Path("{id}/test")
    @Operation(operationId = "sendTestMailing", summary = "Send the mailing to a few addresses only",
            description = "Up to 5 addresses, none on the suppression list; the subject is marked [Test]. Rate limited per organisation, audited.")
    @APIResponse(responseCode = "200", description = "Sent: the message ids", content = @Content(schema = @Schema(implementation = TestResult.class)))
    @APIResponse(responseCode = "400", description = "Invalid or suppressed addresses, or a template that cannot render, each named in errors[]",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "Too many test sends for the organisation this minute; see Retry-After")
    public TestResult test(@PathParam("org") String org, @PathParam("id") String id, TestRequest request) {
        return new TestResult(mailings.sendTest(org, id, request == null ? null : request.addresses(),
                request == null ? null : request.contactId(), access.actor()));
    }
}
