package org.turnout.api.console.settings;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.turnout.api.console.ConsolePage;
import org.turnout.api.security.AdminRoles;
import org.turnout.problem.InvalidInputException;
import org.turnout.problem.NotFoundException;
import org.turnout.suppression.SuppressionPage;
import org.turnout.suppression.SuppressionRequest;
import org.turnout.suppression.SuppressionService;

/**
 * The organisation's suppression list: a page at a time (the list's own cursor), one address looked up (the list is
 * keyed by address: one read), an address added or removed with the reason, through the suppression service.
 */
@Path("/console/orgs/{org}/settings/suppressions")
@Produces(MediaType.TEXT_HTML)
@ConsolePage(roles = AdminRoles.OWNER)
public class SuppressionsPage {
    static final String TAB = "suppressions";
    private final SuppressionService suppressions;
    private final SettingsPages pages;

    public SuppressionsPage(SuppressionService suppressions, SettingsPages pages) {
        this.suppressions = suppressions;
        this.pages = pages;
    }

    /** The list from {@code cursor}, or the entry of {@code email} alone when one is searched for. */
    @GET
    public Response show(@PathParam("org") String org, @QueryParam("email") String email, @QueryParam("cursor") String cursor) {
        if (email == null || email.isBlank()) {
            return list(org, cursor, Set.of(), "");
        }
        try {
            SuppressionPage found = new SuppressionPage(suppressions.find(org, email).stream().toList(), null);
            return page(found, Map.of("searched", email, "first", false));
        } catch (InvalidInputException refused) {
            return page(new SuppressionPage(List.of(), null), Map.of("searched", email, "invalid", Set.of("search")));
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response add(@PathParam("org") String org, @FormParam("email") String email, @FormParam("reason") String reason) {
        try {
            suppressions.add(org, new SuppressionRequest(email, reason), pages.actor());
            return list(org, null, Set.of(), "added");
        } catch (InvalidInputException refused) {
            return page(suppressions.list(org, null, null), Map.of("invalid", SettingsPages.invalidFields(refused),
                    "typedEmail", email == null ? "" : email, "typedReason", reason == null ? "" : reason));
        }
    }

    @POST
    @Path("remove")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response remove(@PathParam("org") String org, @FormParam("email") String email, @FormParam("reason") String reason) {
        try {
            suppressions.remove(org, new SuppressionRequest(email, reason), pages.actor());
            return list(org, null, Set.of(), "removed");
        } catch (InvalidInputException refused) {
            // the reason is the one field of a row's form that a user may leave out
            return list(org, null, Set.of("removeReason"), "");
        } catch (NotFoundException notListed) {
            return list(org, null, Set.of(), "notListed");
        }
    }

    private Response list(String org, String cursor, Set<String> invalid, String done) {
        try {
            return page(suppressions.list(org, null, cursor), Map.of("invalid", invalid, "done", done, "first", cursor == null));
        } catch (InvalidInputException badCursor) {
            return page(suppressions.list(org, null, null), Map.of("first", true));
        }
    }

    private Response page(SuppressionPage shown, Map<String, Object> data) {
        Map<String, Object> all = new HashMap<>(Map.of("entries", shown.items(), "next", shown.next() == null ? "" : shown.next(),
                "searched", "", "typedEmail", "", "typedReason", "", "first", true));
        all.putAll(data);
        return pages.page(TAB, all);
    }
}
