package org.turnout.api.console.settings;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.turnout.api.console.ConsolePage;
import org.turnout.api.security.AdminRoles;
import org.turnout.member.Inviter;
import org.turnout.member.Member;
import org.turnout.member.MemberInvitation;
import org.turnout.member.MemberRole;
import org.turnout.member.MemberService;
import org.turnout.problem.InvalidInputException;
import org.turnout.problem.NotFoundException;

/**
 * The organisation's members as the user pool has them: invited by e-mail in a role, given another role, removed.
 * The member service decides, the API's rules and its last-owner rule included.
 */
@Path("/console/orgs/{org}/settings/members")
@Produces(MediaType.TEXT_HTML)
@ConsolePage(roles = AdminRoles.OWNER)
public class MembersPage {
    static final String TAB = "members";
    private final MemberService members;
    private final SettingsPages pages;

    public MembersPage(MemberService members, SettingsPages pages) {
        this.members = members;
        this.pages = pages;
    }

    @GET
    public Response show(@PathParam("org") String org) {
        return page(org, Set.of(), "", "");
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response invite(@PathParam("org") String org, @FormParam("email") String email, @FormParam("role") String role) {
        return act(org, () -> members.invite(org, new MemberInvitation(email, role), pages.actor(), Inviter.OWNER), "invited", email);
    }

    @PUT
    @Path("{member}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response changeRole(@PathParam("org") String org, @PathParam("member") String member, @FormParam("role") String role) {
        return act(org, () -> members.changeRole(org, member, role, pages.actor()), "changed", "");
    }

    @DELETE
    @Path("{member}")
    public Response remove(@PathParam("org") String org, @PathParam("member") String member) {
        return act(org, () -> {
            members.remove(org, member, pages.actor());
            return null;
        }, "removed", "");
    }

    /** Does what the member service allows, then shows the members as they are now, with what was done or refused. */
    private Response act(String org, Supplier<Object> action, String done, String typedEmail) {
        try {
            action.get();
            return page(org, Set.of(), done, "");
        } catch (InvalidInputException refused) {
            boolean lastOwner = refused.errors().stream().anyMatch(error -> error.message().equals(MemberService.LAST_OWNER));
            return page(org, lastOwner ? Set.of("lastOwner") : SettingsPages.invalidFields(refused), "", typedEmail);
        } catch (NotFoundException gone) {
            return page(org, Set.of("member"), "", "");
        }
    }

    private Response page(String org, Set<String> invalid, String done, String typedEmail) {
        List<Member> list;
        try {
            list = members.list(org).items();
        } catch (NotFoundException otherIdentityProvider) {
            // the deployment's users are in another identity provider: its own tools manage them
            return pages.page(TAB, Map.of("members", List.of(), "roles", List.of(), "elsewhere", true));
        }
        return pages.page(TAB, Map.of("members", list, "roles", MemberRole.values(), "invalid", invalid,
                "done", done, "typedEmail", typedEmail == null ? "" : typedEmail, "elsewhere", false));
    }
}
