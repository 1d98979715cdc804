package org.turnout.api.console.segments;

import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import java.text.NumberFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.turnout.api.console.ConsolePage;
import org.turnout.api.console.ConsolePages;
import org.turnout.api.console.ConsoleRequest;
import org.turnout.api.security.AdminRoles;
import org.turnout.audit.AuditTrail;
import org.turnout.problem.ConflictException;
import org.turnout.problem.FieldError;
import org.turnout.problem.InvalidInputException;
import org.turnout.segment.SegmentDefinition;
import org.turnout.segment.SegmentPreview;
import org.turnout.segment.SegmentService;

/**
 * The segments of an organisation in the console: their list with the count of each, and the rule builder, whose
 * count and sample follow the rule as it changes. Everything goes through {@link SegmentService}, as the API's
 * segment routes do: the same checks, the same engine. Owners and staff.
 */
@Path("/console/orgs/{org}/segments")
@Produces(MediaType.TEXT_HTML)
@ConsolePage(roles = {AdminRoles.OWNER, AdminRoles.STAFF})
public class SegmentPagesResource {
    /** How many members the builder shows: enough to see the rule picks the right people. */
    static final int SAMPLE = 10;
    private final SegmentService segments;
    private final ConsolePages pages;
    private final ConsoleRequest request;
    private final AuditTrail audit;

    public SegmentPagesResource(SegmentService segments, ConsolePages pages, ConsoleRequest request, AuditTrail audit) {
        this.segments = segments;
        this.pages = pages;
        this.request = request;
        this.audit = audit;
    }

    /** The path of the segments' list, or of one segment's page. */
    public static String path(String org, String segment) {
        return "/console/orgs/" + org + "/segments" + (segment == null ? "" : "/" + segment);
    }

    @GET
    public Response list(@PathParam("org") String org) {
        return pages.page("console-segments-list", "segments", Map.of("segments", segments.list(org), "back", path(org, null)));
    }

    /** A segment's count now, which its line in the list asks for once shown. */
    @GET
    @Path("{id}/count")
    public Response count(@PathParam("org") String org, @PathParam("id") String id) {
        return pages.fragment("console-segments-count", Map.of("count", number(segments.preview(org, id).count())));
    }

    @GET
    @Path("new")
    public Response create(@PathParam("org") String org) {
        return editor(SegmentDraft.blank(), null, false, path(org, "new"));
    }

    @GET
    @Path("{id}")
    public Response edit(@PathParam("org") String org, @PathParam("id") String id, @QueryParam("saved") String saved) {
        SegmentDraft draft = SegmentDraft.of(segments.get(org, id));
        return editor(draft, check(org, draft), saved != null, path(org, id));
    }

    /** The builder after a button changed the rule's shape, or a field or operator changed, with its count. */
    @POST
    @Path("builder")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response builder(@PathParam("org") String org, MultivaluedMap<String, String> form) {
        SegmentDraft draft = SegmentDraft.of(null, form);
        RuleEdit edit = RuleEdit.apply(draft.rule(), form.getFirst("action"));
        draft = draft.withRule(edit.rule());
        Map<String, Object> data = data(draft, check(org, draft), edit.focus(), List.of());
        data.put("withPreview", true);
        return pages.fragment("console-segments-builder", data);
    }

    /** The count and sample of the rule as the form holds it, and each node's errors, swapped in beside it. */
    @POST
    @Path("preview")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response preview(@PathParam("org") String org, MultivaluedMap<String, String> form) {
        SegmentDraft draft = SegmentDraft.of(null, form);
        return pages.fragment("console-segments-preview", data(draft, check(org, draft), null, List.of()));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response save(@PathParam("org") String org, MultivaluedMap<String, String> form) {
        SegmentDraft draft = SegmentDraft.of(null, form);
        try {
            SegmentDefinition created = segments.create(org, draft.definition());
            audit.record(org, request.userName(), "segment.create", "segment:" + created.id(), created.name());
            return Response.ok().header("HX-Redirect", path(org, created.id()) + "?saved=1").build();
        } catch (InvalidInputException e) {
            return form(draft, e.errors(), false);
        }
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response save(@PathParam("org") String org, @PathParam("id") String id, MultivaluedMap<String, String> form) {
        SegmentDraft draft = SegmentDraft.of(id, form);
        try {
            SegmentDefinition updated = segments.update(org, id, draft.definition());
            audit.record(org, request.userName(), "segment.update", "segment:" + id, updated.name());
            return form(SegmentDraft.of(updated), List.of(), true);
        } catch (InvalidInputException e) {
            return form(draft, e.errors(), false);
        } catch (ConflictException e) {
            return form(draft, List.of(new FieldError("version", "changed")), false);
        }
    }

    @GET
    @Path("{id}/delete")
    public Response confirmDelete(@PathParam("org") String org, @PathParam("id") String id) {
        return pages.page("console-segments-delete", "segments", Map.of("segment", segments.get(org, id), "back", path(org, id)));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("org") String org, @PathParam("id") String id) {
        segments.delete(org, id);
        audit.record(org, request.userName(), "segment.delete", "segment:" + id, null);
        return Response.ok().header("HX-Redirect", path(org, null)).build();
    }

    /** The preview of a rule, or why it cannot be counted: the API's checks, through the one engine. */
    private Check check(String org, SegmentDraft draft) {
        try {
            return new Check(segments.preview(org, draft.definition()), List.of());
        } catch (InvalidInputException e) {
            return new Check(null, e.errors());
        }
    }

    private record Check(SegmentPreview preview, List<FieldError> errors) {
    }

    /** The builder's page; {@code back} is where the language switch comes back to. */
    private Response editor(SegmentDraft draft, Check check, boolean saved, String back) {
        Map<String, Object> data = data(draft, check, null, List.of());
        data.put("saved", saved);
        data.put("back", back);
        return pages.page("console-segments-editor", "segments", data);
    }

    private Response form(SegmentDraft draft, List<FieldError> errors, boolean saved) {
        List<FieldError> ruleErrors = errors.stream().filter(e -> e.field().startsWith("rule")).toList();
        Map<String, Object> data = data(draft, ruleErrors.isEmpty() ? null : new Check(null, ruleErrors), null,
                errors.stream().filter(e -> !e.field().startsWith("rule")).toList());
        data.put("saved", saved);
        return pages.fragment("console-segments-form", data);
    }

    /**
     * What the builder's templates draw: the rule's lines with their errors, the count and the first members (none
     * before the rule was checked), and the errors of the other fields (name, version).
     */
    private Map<String, Object> data(SegmentDraft draft, Check check, String focus, List<FieldError> otherErrors) {
        SegmentsMessages words = MessageBundles.get(SegmentsMessages.class, Localized.Literal.of(pages.language().code()));
        List<FieldError> ruleErrors = check == null ? List.of() : check.errors();
        SegmentPreview preview = check == null ? null : check.preview();
        Map<String, Object> data = new HashMap<>();
        data.put("draft", draft);
        data.put("rows", BuilderRow.of(draft.rule(), RuleErrors.byNode(draft.rule(), ruleErrors, words), focus));
        data.put("fields", RuleFields.fields());
        data.put("counted", preview != null);
        data.put("count", preview == null ? "" : number(preview.count()));
        data.put("sample", preview == null ? List.of() : preview.sample().subList(0, Math.min(SAMPLE, preview.sample().size())));
        data.put("nameErrors", otherErrors.stream().filter(e -> e.field().equals("name"))
                .map(e -> words.errorAt(words.part("name"), RuleErrors.say(words, e.message()))).toList());
        data.put("conflict", otherErrors.stream().anyMatch(e -> e.field().equals("version")));
        data.put("saved", false);
        data.put("withPreview", false);
        return data;
    }

    private String number(long count) {
        return NumberFormat.getIntegerInstance(pages.language().locale()).format(count);
    }
}
