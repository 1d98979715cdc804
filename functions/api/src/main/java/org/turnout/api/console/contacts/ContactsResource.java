package org.turnout.api.console.contacts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.turnout.api.console.ConsolePage;
import org.turnout.api.console.ConsolePages;
import org.turnout.api.console.ConsoleRequest;
import org.turnout.api.security.AdminRoles;
import org.turnout.contact.Contact;
import org.turnout.contact.EmailAddress;
import org.turnout.contact.browse.ContactMatches;
import org.turnout.contact.browse.ContactProfiles;
import org.turnout.contact.browse.ContactQuery;
import org.turnout.contact.browse.ContactSearch;
import org.turnout.contact.browse.SearchCursor;
import org.turnout.organisation.OrganisationService;
import org.turnout.problem.FieldError;
import org.turnout.problem.InvalidInputException;
import org.turnout.privacy.PrivacyRequest;
import org.turnout.privacy.PrivacyService;

/**
 * An organisation's contacts in the console: the search (owners and staff), a contact's page, and for owners the
 * export and the erasure of a contact, through the API's own privacy service (same checks, same audit entries).
 */
@Path("/console/orgs/{org}/contacts")
@Produces(MediaType.TEXT_HTML)
@ConsolePage(roles = {AdminRoles.OWNER, AdminRoles.STAFF})
public class ContactsResource {
    private final ContactSearch search;
    private final ContactProfiles profiles;
    private final PrivacyService privacy;
    private final OrganisationService organisations;
    private final ConsolePages pages;
    private final ConsoleRequest request;
    private final ObjectMapper json;

    public ContactsResource(ContactSearch search, ContactProfiles profiles, PrivacyService privacy, OrganisationService organisations,
                            ConsolePages pages, ConsoleRequest request, ObjectMapper json) {
        this.search = search;
        this.profiles = profiles;
        this.privacy = privacy;
        this.organisations = organisations;
        this.pages = pages;
        this.request = request;
        this.json = json;
    }

    /** The list's path, the contacts section's home. */
    public static String path(String org) {
        return "/console/orgs/" + org + "/contacts";
    }

    /** The search form, and its results when a text was typed: a page of them, and a link to the next by cursor. */
    @GET
    public Response list(@PathParam("org") String org, @QueryParam("by") String by, @QueryParam("q") String q,
                         @QueryParam("cursor") String cursor, @QueryParam("erased") String erased) {
        ContactQuery.By kind = ContactQuery.By.of(by).orElse(ContactQuery.By.NAME);
        Map<String, Object> data = pageData(org);
        data.put("by", kind.code());
        data.put("q", q == null ? "" : q);
        data.put("erased", erased != null);
        if (q == null || q.isBlank()) {
            return pages.page("console-contacts-list", "contacts", data);
        }
        try {
            ContactMatches matches = search.search(org, new ContactQuery(kind, q), SearchCursor.parse(cursor));
            data.put("matches", matches);
            data.put("totalKnown", matches.total() != null);
            data.put("shown", matches.contacts().size());
            data.put("countUrl", path(org) + "/count?" + query(kind, q, null));
            data.put("nextUrl", matches.next() == null ? "" : path(org) + "?" + query(kind, q, matches.next()));
            return pages.page("console-contacts-list", "contacts", data);
        } catch (InvalidInputException e) {
            data.put("error", e.errors().get(0));
            data.put("nextUrl", "");
            return withStatus(pages.page("console-contacts-list", "contacts", data), Response.Status.BAD_REQUEST);
        }
    }

    /** How many contacts match in all: every contact of the organisation is read, so it is counted only when asked. */
    @GET
    @Path("count")
    public Response count(@PathParam("org") String org, @QueryParam("by") String by, @QueryParam("q") String q) {
        ContactQuery.By kind = ContactQuery.By.of(by).orElse(ContactQuery.By.NAME);
        try {
            return pages.fragment("console-contacts-count", Map.of("total", search.count(org, new ContactQuery(kind, q))));
        } catch (InvalidInputException e) {
            return pages.fragment("console-contacts-count", Map.of("error", e.errors().get(0)));
        }
    }

    @GET
    @Path("{id}")
    public Response contact(@PathParam("org") String org, @PathParam("id") String id) {
        Map<String, Object> data = pageData(org);
        return profiles.profile(org, id).map(profile -> {
            // the language switch comes back to this contact
            data.put("back", path(org) + "/" + profile.contact().contactId());
            data.put("profile", profile);
            data.put("c", profile.contact());
            return pages.page("console-contacts-contact", "contacts", data);
        }).orElseGet(() -> withStatus(pages.page("console-contacts-missing", "contacts", data), Response.Status.NOT_FOUND));
    }

    /** Everything held about the contact, as the API's privacy export gives it (and records it in the audit trail). */
    @POST
    @Path("{id}/export")
    @ConsolePage(roles = AdminRoles.OWNER)
    public Response export(@PathParam("org") String org, @PathParam("id") String id) {
        Optional<Contact> contact = addressed(org, id);
        if (contact.isEmpty()) {
            return missingFragment();
        }
        String text;
        try {
            text = json.writerWithDefaultPrettyPrinter().writeValueAsString(
                    privacy.export(org, new PrivacyRequest(contact.get().email(), null), request.userName()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an export of JSON values could not be written as JSON", e);
        }
        return pages.fragment("console-contacts-export", Map.of(
                "export", text,
                "download", "data:application/json;base64," + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)),
                "fileName", "contact-" + contact.get().contactId() + ".json"));
    }

    /** The erasure's confirmation: the address to type again, and the reason the audit trail keeps. */
    @GET
    @Path("{id}/erasure")
    @ConsolePage(roles = AdminRoles.OWNER)
    public Response erasureForm(@PathParam("org") String org, @PathParam("id") String id) {
        return addressed(org, id).map(contact -> erasureForm(contact, "", "", null)).orElseGet(this::missingFragment);
    }

    /**
     * Erases the contact through the API's erasure once the address typed is the contact's: the browser then goes
     * back to the search, which says it is done.
     */
    @POST
    @Path("{id}/erasure")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @ConsolePage(roles = AdminRoles.OWNER)
    public Response erase(@PathParam("org") String org, @PathParam("id") String id,
                          @FormParam("confirm") String confirm, @FormParam("reason") String reason) {
        Optional<Contact> found = addressed(org, id);
        if (found.isEmpty()) {
            return missingFragment();
        }
        Contact contact = found.get();
        boolean same = EmailAddress.parse(confirm).flatMap(typed -> EmailAddress.parse(contact.email()).map(typed::equals)).orElse(false);
        if (!same) {
            return erasureForm(contact, confirm, reason, new FieldError("confirm", "is not the contact's address"));
        }
        try {
            privacy.erase(org, new PrivacyRequest(contact.email(), reason), request.userName());
        } catch (InvalidInputException e) {
            return erasureForm(contact, confirm, reason, e.errors().get(0));
        }
        return Response.ok().header("HX-Redirect", path(org) + "?erased=1").build();
    }

    private Response erasureForm(Contact contact, String confirm, String reason, FieldError error) {
        Map<String, Object> data = new HashMap<>();
        data.put("c", contact);
        data.put("errorField", error == null ? "" : error.field());
        data.put("confirm", confirm == null ? "" : confirm);
        data.put("reason", reason == null ? "" : reason);
        if (error != null) {
            data.put("error", error);
        }
        // an error is answered 200: htmx swaps in only what succeeds, and the form must show what to correct
        return pages.fragment("console-contacts-erasure", data);
    }

    /** The contact, if it exists and has an address: export and erasure are requests about an address. */
    private Optional<Contact> addressed(String org, String id) {
        return profiles.contact(org, id).filter(contact -> contact.email() != null);
    }

    private Response missingFragment() {
        return withStatus(pages.fragment("console-contacts-gone", Map.of()), Response.Status.NOT_FOUND);
    }

    /** A search's query string; every value encoded, so that what was typed stays one parameter. */
    private static String query(ContactQuery.By by, String q, SearchCursor cursor) {
        String query = "by=" + by.code() + "&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8);
        return cursor == null ? query : query + "&cursor=" + URLEncoder.encode(cursor.toString(), StandardCharsets.UTF_8);
    }

    private Map<String, Object> pageData(String org) {
        Map<String, Object> data = new HashMap<>();
        data.put("back", path(org));
        data.put("organisationName", organisations.get(org).name());
        return data;
    }

    private static Response withStatus(Response page, Response.Status status) {
        return Response.fromResponse(page).status(status).build();
    }
}
