package org.turnout.api.console.settings;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.turnout.api.console.ConsolePage;
import org.turnout.api.security.AdminRoles;
import org.turnout.audit.AuditPage;
import org.turnout.audit.AuditTrail;
import org.turnout.member.Member;
import org.turnout.member.MemberService;
import org.turnout.problem.InvalidInputException;
import org.turnout.problem.NotFoundException;

/**
 * The organisation's audit trail, newest first, a page at a time, of one action if asked (read as the audit trail
 * reads it: see {@link AuditTrail#list(String, Integer, String, String)}). Who acted is shown by address when they
 * are still a member, else by their id, as the trail keeps no address.
 */
@Path("/console/orgs/{org}/settings/audit")
@Produces(MediaType.TEXT_HTML)
@ConsolePage(roles = AdminRoles.OWNER)
public class AuditTrailPage {
    static final String TAB = "audit";
    private final AuditTrail audit;
    private final MemberService members;
    private final SettingsPages pages;

    public AuditTrailPage(AuditTrail audit, MemberService members, SettingsPages pages) {
        this.audit = audit;
        this.members = members;
        this.pages = pages;
    }

    @GET
    public Response show(@PathParam("org") String org, @QueryParam("action") String action, @QueryParam("cursor") String cursor) {
        String filter = action == null || action.isBlank() ? null : action.strip();
        Map<String, Object> data = new HashMap<>(Map.of("action", filter == null ? "" : filter, "first", cursor == null,
                "names", names(org)));
        AuditPage page;
        try {
            page = audit.list(org, null, cursor, filter);
        } catch (InvalidInputException refused) {
            page = new AuditPage(List.of(), null);
            data.put("invalid", SettingsPages.invalidFields(refused));
        }
        data.put("entries", page.items());
        data.put("next", page.next() == null ? "" : page.next());
        return pages.page(TAB, data);
    }

    /** The members' addresses by id, the ids the trail names its actors by. */
    private Map<String, String> names(String org) {
        Map<String, String> names = new HashMap<>();
        try {
            for (Member member : members.list(org).items()) {
                names.put(member.id(), member.email());
            }
        } catch (NotFoundException otherIdentityProvider) {
            // the ids are all there is to show
        }
        return names;
    }
}
