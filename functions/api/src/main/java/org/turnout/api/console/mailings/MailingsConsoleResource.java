package org.turnout.api.console.mailings;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.turnout.api.console.ConsolePage;
import org.turnout.api.console.ConsolePages;
import org.turnout.api.console.ConsoleRequest;
import org.turnout.api.security.AdminRoles;
import org.turnout.contact.ContactService;
import org.turnout.contact.ContactView;
import org.turnout.contact.EmailAddress;
import org.turnout.mailing.MailingContent;
import org.turnout.mailing.MailingService;
import org.turnout.mailing.MailingState;
import org.turnout.mailing.MailingView;
import org.turnout.mailing.MergeTemplate;
import org.turnout.organisation.Organisation;
import org.turnout.organisation.OrganisationService;
import org.turnout.problem.ConflictException;
import org.turnout.problem.FieldError;
import org.turnout.problem.FieldErrors;
import org.turnout.problem.InvalidInputException;
import org.turnout.problem.NotFoundException;
import org.turnout.problem.RateLimitedException;
import org.turnout.segment.SegmentDefinition;
import org.turnout.segment.SegmentService;

/**
 * The mailings of an organisation in the console: the list, the editor (with the merge fields, the template errors as
 * the service finds them while staff type, a preview as a contact, a test send), scheduling in the organisation's time
 * zone, pause, resume, cancel, and the progress of a sending mailing that htmx asks for again every few seconds.
 * Every rule is {@link MailingService}'s, as for the API; what the service refuses is shown next to its field.
 */
@Path("/console/orgs/{org}/mailings")
@Produces(MediaType.TEXT_HTML)
@ConsolePage(roles = {AdminRoles.OWNER, AdminRoles.STAFF})
public class MailingsConsoleResource {
    private static final String SECTION = "mailings";
    /**
     * The rendered message's own policy, in its sandboxed frame: its inline styles and images, never a script, a form
     * or a plugin; framed by the console only.
     */
    static final String PREVIEW_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src https: data:; font-src https: data:; "
            + "form-action 'none'; base-uri 'none'; frame-ancestors 'self'; sandbox";
    /** The editor's fields, whose errors a check replaces; any other field's error is shown above the form. */
    private static final List<String> EDITOR_FIELDS = List.of("name", "from.address", "subject", "html", "text", "segmentId");
    private static final List<String> FORM_FIELDS = List.of("sendAt", "contact", "addresses");
    private static final List<String> MERGE_FIELDS = MergeTemplate.FIELDS.stream().sorted().map(f -> "{" + f + "}").toList();

    private final MailingService mailings;
    private final OrganisationService organisations;
    private final SegmentService segments;
    private final ContactService contacts;
    private final ConsolePages pages;
    private final ConsoleRequest request;

    public MailingsConsoleResource(MailingService mailings, OrganisationService organisations, SegmentService segments,
                                   ContactService contacts, ConsolePages pages, ConsoleRequest request) {
        this.mailings = mailings;
        this.organisations = organisations;
        this.segments = segments;
        this.contacts = contacts;
        this.pages = pages;
        this.request = request;
    }

    /** A mailing in the list: its segment's name and its send time in the organisation's zone. */
    public record Row(MailingView mailing, String segment, String sendAt) {
    }

    /** A field's errors, for the element {@code error-<id>} next to it. */
    public record Messages(String id, List<String> messages) {
    }

    public static String path(String org) {
        return "/console/orgs/" + org + "/mailings";
    }

    @GET
    public Response list(@PathParam("org") String org) {
        Organisation organisation = organisations.get(org);
        SendTimes times = new SendTimes(organisation.zone());
        Map<String, String> segmentNames = names(segments.list(org));
        List<Row> rows = mailings.list(org).stream()
                .map(m -> new Row(m, segmentNames.getOrDefault(m.segmentId(), ""), times.shown(m.sendAt()))).toList();
        return pages.page("console-mailings-list", SECTION, Map.of("back", path(org), "organisationName", organisation.name(),
                "rows", rows, "timeZone", organisation.zone().getId()));
    }

    @GET
    @Path("new")
    public Response newMailing(@PathParam("org") String org) {
        return editor(org, null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(@PathParam("org") String org, MultivaluedMap<String, String> form) {
        return goTo(path(org) + "/" + mailings.create(org, MailingForm.of(form).draft()).id());
    }

    /** What saving the form would refuse, as staff type: every editor field's errors, none where it is right. */
    @POST
    @Path("check")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response check(@PathParam("org") String org, MultivaluedMap<String, String> form) {
        return errors(mailings.check(org, MailingForm.of(form).draft()), EDITOR_FIELDS);
    }

    @GET
    @Path("{id}")
    public Response mailing(@PathParam("org") String org, @PathParam("id") String id) {
        return editor(org, mailings.get(org, id));
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response save(@PathParam("org") String org, @PathParam("id") String id, MultivaluedMap<String, String> form) {
        mailings.update(org, id, MailingForm.of(form).draft());
        return goTo(path(org) + "/" + id);
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("org") String org, @PathParam("id") String id) {
        mailings.delete(org, id);
        return goTo(path(org));
    }

    /**
     * Where it stands now, for htmx to swap in; {@code shown}: the state the page shows. A mailing whose content can
     * no longer change (or now can) reloads the whole page, editor included.
     */
    @GET
    @Path("{id}/status")
    public Response status(@PathParam("org") String org, @PathParam("id") String id, @QueryParam("shown") String shown) {
        MailingView mailing = mailings.get(org, id);
        MailingState state = MailingState.of(mailing.state());
        boolean wasEditable = Arrays.stream(MailingState.values()).filter(s -> s.code().equals(shown))
                .findFirst().map(MailingState::editable).orElse(state.editable());
        if (wasEditable != state.editable()) {
            return reload();
        }
        return pages.fragment("console-mailings-status", Map.of("status", MailingStatus.of(mailing, times(org))));
    }

    /** {@code sendAt}: the local date and time in the organisation's zone, as the API's schedule reads it. */
    @POST
    @Path("{id}/schedule")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response schedule(@PathParam("org") String org, @PathParam("id") String id, @FormParam("sendAt") String sendAt) {
        mailings.schedule(org, id, sendAt == null || sendAt.isBlank() ? null : sendAt);
        return reload();
    }

    /** Pause, resume or cancel: the service refuses what the state does not allow, as the page offers only what it does. */
    @POST
    @Path("{id}/{action: pause|resume|cancel}")
    public Response act(@PathParam("org") String org, @PathParam("id") String id, @PathParam("action") String action) {
        switch (action) {
            case "pause" -> mailings.pause(org, id);
            case "resume" -> mailings.resume(org, id);
            default -> mailings.cancel(org, id);
        }
        return reload();
    }

    /** The mailing as the contact with this address receives it (none: a contact with no fields, so that the fallbacks show). */
    @POST
    @Path("{id}/preview")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response preview(@PathParam("org") String org, @PathParam("id") String id, @FormParam("contact") String address) {
        String contactId = contactId(org, address);
        MailingContent.RenderedMessage message = mailings.preview(org, id, contactId);
        return pages.fragment("console-mailings-preview", Map.of("message", message,
                "frame", path(org) + "/" + id + "/preview.html" + (contactId == null ? "" : "?contact=" + contactId)));
    }

    /**
     * The rendered HTML body alone, for the preview's sandboxed frame, under a policy of its own: the message is the
     * organisation's, but a merge field holds what a contact typed.
     */
    @GET
    @Path("{id}/preview.html")
    public Response previewHtml(@PathParam("org") String org, @PathParam("id") String id, @QueryParam("contact") String contactId) {
        MailingContent.RenderedMessage message = mailings.preview(org, id, contactId);
        return Response.ok(message.html() == null ? "" : message.html(), MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Content-Security-Policy", PREVIEW_POLICY)
                .header("Cache-Control", "no-store")
                .header("Referrer-Policy", "no-referrer")
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }

    /** The API's test send (its limits, its audit), to one address, as the previewed contact if one is named. */
    @POST
    @Path("{id}/test")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response test(@PathParam("org") String org, @PathParam("id") String id, @FormParam("address") String address,
                         @FormParam("contact") String contact) {
        mailings.sendTest(org, id, address == null || address.isBlank() ? List.of() : List.of(address), contactId(org, contact),
                request.userName());
        return pages.fragment("console-mailings-tested", Map.of("address", address.strip()));
    }

    @ServerExceptionMapper
    public Response invalid(InvalidInputException e) {
        return errors(e.errors(), List.of());
    }

    @ServerExceptionMapper
    public Response conflict(ConflictException e) {
        return alert(Response.Status.CONFLICT, e.getMessage(), false);
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return alert(Response.Status.NOT_FOUND, e.getMessage(), false);
    }

    @ServerExceptionMapper
    public Response rateLimited(RateLimitedException e) {
        return alert(Response.Status.TOO_MANY_REQUESTS, "", true);
    }

    private Response editor(String org, MailingView mailing) {
        Organisation organisation = organisations.get(org);
        SendTimes times = new SendTimes(organisation.zone());
        Map<String, Object> data = new HashMap<>();
        data.put("back", path(org) + "/" + (mailing == null ? "new" : mailing.id()));
        data.put("organisationName", organisation.name());
        data.put("saved", mailing != null);
        data.put("form", mailing == null ? MailingForm.EMPTY : MailingForm.of(mailing));
        data.put("editable", mailing == null || MailingState.of(mailing.state()).editable());
        data.put("senders", organisation.senders());
        List<SegmentDefinition> all = segments.list(org);
        data.put("segments", all);
        data.put("mergeFields", MERGE_FIELDS);
        data.put("fallbackExample", "{first_name ?: \"ami\"}");
        data.put("attributeExample", "{attributes.quartier}");
        data.put("timeZone", organisation.zone().getId());
        if (mailing != null) {
            data.put("mailing", mailing);
            data.put("status", MailingStatus.of(mailing, times));
            data.put("sendAtInput", times.input(mailing.sendAt()));
            data.put("sample", sample(org, mailing.segmentId()));
            data.put("segment", names(all).getOrDefault(mailing.segmentId(), ""));
        }
        Response page = pages.page("console-mailings-editor", SECTION, data);
        // the preview's frame is one of ours
        String policy = page.getHeaderString("Content-Security-Policy") + "; frame-src 'self'";
        return Response.fromResponse(page).header("Content-Security-Policy", null).header("Content-Security-Policy", policy).build();
    }

    /** Addresses of the segment's first members, offered when choosing whom to preview as. */
    private List<String> sample(String org, String segmentId) {
        if (segmentId == null) {
            return List.of();
        }
        try {
            return segments.preview(org, segmentId).sample().stream().map(ContactView::email).filter(e -> e != null).toList();
        } catch (NotFoundException gone) {
            return List.of();
        }
    }

    private String contactId(String org, String address) {
        if (address == null || address.isBlank()) {
            return null;
        }
        FieldErrors errors = new FieldErrors();
        EmailAddress.check(errors, "contact", address, true);
        errors.throwIfAny();
        try {
            return contacts.byEmail(org, address).id();
        } catch (NotFoundException e) {
            throw InvalidInputException.of("contact", "no contact of this organisation has this address");
        }
    }

    private static Map<String, String> names(List<SegmentDefinition> segments) {
        return segments.stream().collect(Collectors.toMap(SegmentDefinition::id, SegmentDefinition::name, (a, b) -> a));
    }

    private SendTimes times(String org) {
        return new SendTimes(organisations.get(org).zone());
    }

    /**
     * The errors next to their fields (swapped out of band: {@code error-<field>}), those of {@code cleared} emptied
     * where they are right; a field with no place of its own is named above the form.
     */
    private Response errors(List<FieldError> errors, List<String> cleared) {
        Map<String, List<String>> byId = new LinkedHashMap<>();
        cleared.forEach(field -> byId.put(elementId(field), new ArrayList<>()));
        for (FieldError error : errors) {
            String field = error.field().replaceAll("\\[\\d+]", "");
            boolean placed = EDITOR_FIELDS.contains(field) || FORM_FIELDS.contains(field);
            byId.computeIfAbsent(placed ? elementId(field) : "form", key -> new ArrayList<>())
                    .add(placed ? error.message() : error.field() + ": " + error.message());
        }
        List<Messages> messages = byId.entrySet().stream().map(e -> new Messages(e.getKey(), e.getValue())).toList();
        return Response.fromResponse(pages.fragment("console-mailings-errors", Map.of("fields", messages)))
                .header("HX-Reswap", "none").build();
    }

    private static String elementId(String field) {
        return field.replace('.', '-');
    }

    /**
     * A refusal: in the page's alert area for htmx (which swaps only what succeeds), else a page of its own with the
     * status.
     */
    private Response alert(Response.Status status, String message, boolean rateLimited) {
        Map<String, Object> data = Map.of("message", message, "rateLimited", rateLimited, "list", path(request.org()));
        if (request.headers() != null && request.headers().getHeaderString("HX-Request") != null) {
            return Response.fromResponse(pages.fragment("console-mailings-alert", data))
                    .header("HX-Retarget", "#alert").header("HX-Reswap", "innerHTML").build();
        }
        return Response.fromResponse(pages.page("console-mailings-refused", SECTION, data)).status(status).build();
    }

    /** htmx goes there, as a whole page. */
    private static Response goTo(String path) {
        return Response.ok().header("HX-Redirect", path).build();
    }

    /** The page again: its state, counts and version are all new. */
    private static Response reload() {
        return Response.ok().header("HX-Refresh", "true").build();
    }
}
