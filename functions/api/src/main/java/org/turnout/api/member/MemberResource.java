package org.turnout.api.member;

import static org.turnout.api.security.AdminRoles.OPERATOR;
import static org.turnout.api.security.AdminRoles.OWNER;
import static org.turnout.api.security.AdminRoles.SCHEME;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.turnout.api.problem.Problem;
import org.turnout.api.security.OrgAccess;
import org.turnout.member.Inviter;
import org.turnout.member.Member;
import org.turnout.member.MemberInvitation;
import org.turnout.member.MemberList;
import org.turnout.member.MemberService;

/** Who works for an organisation: owners invite and remove members; the operator invites an organisation's first owner. */
@Path("/v1/admin/orgs/{org}/members")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Members", description = "The organisation's owners, staff and volunteers, kept in the user pool")
public class MemberResource {
    private final MemberService members;
    private final OrgAccess access;

    public MemberResource(MemberService members, OrgAccess access) {
        this.members = members;
        this.access = access;
    }

    @GET
    @SecurityRequirement(name = SCHEME, scopes = {OWNER, OPERATOR})
    @Operation(operationId = "listMembers", summary = "List the organisation's members and their roles")
    @APIResponse(responseCode = "200", description = "The members", content = @Content(schema = @Schema(implementation = MemberList.class)))
    @APIResponse(responseCode = "404", description = "No such organisation, or the deployment's users are not in its own user pool",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public MemberList list(@PathParam("org") String org) {
        return members.list(org);
    }

    @POST
    @SecurityRequirement(name = SCHEME, scopes = {OWNER, OPERATOR})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "inviteMember", summary = "Invite a person by e-mail, or change a member's role",
            description = "A new user gets an e-mail with a temporary password; an existing one (a member of another organisation) "
                    + "gets the role only. The operator invites owners; owners invite any role.")
    @APIResponse(responseCode = "200", description = "The member, in their role", content = @Content(schema = @Schema(implementation = Member.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields, each named in errors[]; role when it would demote the last owner",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such organisation, or the deployment's users are not in its own user pool",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Member invite(@PathParam("org") String org, MemberInvitation invitation) {
        Inviter inviter = access.holds(org, OWNER) ? Inviter.OWNER : Inviter.OPERATOR;
        return members.invite(org, invitation, access.actor(), inviter);
    }

    @DELETE
    @SecurityRequirement(name = SCHEME, scopes = {OWNER})
    @Path("{member}")
    @Operation(operationId = "removeMember", summary = "Remove a member from the organisation",
            description = "A user left in no organisation is deleted from the user pool.")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "400", description = "Not a member id, or the organisation's last owner: errors[] names member",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Not a member of this organisation",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response remove(@PathParam("org") String org, @PathParam("member") String member) {
        members.remove(org, member, access.actor());
        return Response.noContent().build();
    }
}
