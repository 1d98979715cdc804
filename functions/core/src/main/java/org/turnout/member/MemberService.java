package org.turnout.member;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.turnout.audit.AuditTrail;
import org.turnout.aws.AwsClients;
import org.turnout.contact.EmailAddress;
import org.turnout.organisation.OrganisationService;
import org.turnout.problem.FieldErrors;
import org.turnout.problem.InvalidInputException;
import org.turnout.problem.NotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminGetUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.DeliveryMediumType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.GroupExistsException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.GroupType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserStatusType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UsernameExistsException;

/**
 * The members of an organisation, kept where the tokens come from: the Cognito user pool, one group
 * {@code org:<organisation>:<role>} per role. Inviting creates the user (Cognito e-mails the temporary password) or
 * finds the existing one (a member of another organisation), and makes it a member in exactly one role; removing takes
 * the organisation's groups away, and deletes the user once it belongs to no group. Every change is audited under its
 * username, never its address.
 */
@Singleton
public record MemberService(AwsClients aws, UserPoolSettings pool, OrganisationService organisations, AuditTrail audit) {
    /** A user pool username as the pool makes them (a UUID for sign-in by e-mail); what a path may carry. */
    private static final Pattern MEMBER_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
    /** What the API and the console say when a change would leave the organisation without an owner. */
    public static final String LAST_OWNER = "is the organisation's last owner: make another member owner first";

    public MemberList list(String org) {
        organisations.get(org);
        String poolId = poolId();
        List<Member> members = new ArrayList<>();
        for (MemberRole role : MemberRole.values()) {
            try {
                cognito().listUsersInGroupPaginator(request -> request.userPoolId(poolId).groupName(role.group(org)))
                        .users().forEach(user -> members.add(member(user.username(), user.attributes(), role, user.userStatus())));
            } catch (ResourceNotFoundException noGroupYet) {
                // nobody was ever given this role here
            }
        }
        return new MemberList(members);
    }

    /** Invites {@code invitation.email()} as {@code invitation.role()} of {@code org}, or changes the role of a member. */
    public Member invite(String org, MemberInvitation invitation, String actor, Inviter inviter) {
        FieldErrors errors = new FieldErrors();
        EmailAddress email = EmailAddress.check(errors, "email", invitation == null ? null : invitation.email(), true);
        String roleText = invitation == null ? null : invitation.role();
        Optional<MemberRole> role = MemberRole.parse(roleText);
        if (roleText == null || roleText.isBlank()) {
            errors.add("role", "is required");
        } else if (role.isEmpty()) {
            errors.add("role", "must be one of " + Arrays.stream(MemberRole.values()).map(MemberRole::id).collect(Collectors.joining(", ")));
        } else if (!inviter.mayGive(role.get())) {
            errors.add("role", "the operator invites an organisation's owners; its owners invite the others");
        }
        errors.throwIfAny();
        organisations.get(org);
        String poolId = poolId();
        String group = role.get().group(org);
        createGroupIfMissing(poolId, group);
        AdminGetUserResponse user = createOrFind(poolId, email.value());
        // one role per organisation: inviting a member again changes their role
        List<String> dropped = groupsOf(poolId, user.username()).stream().filter(held -> !held.equals(group) && isRoleGroup(org, held))
                .toList();
        refuseLeavingNoOwner(poolId, org, dropped, "role");
        dropped.forEach(held -> cognito().adminRemoveUserFromGroup(request -> request.userPoolId(poolId)
                .username(user.username()).groupName(held)));
        cognito().adminAddUserToGroup(request -> request.userPoolId(poolId).username(user.username()).groupName(group));
        audit.record(org, actor, "member.invite", "member:" + user.username(), role.get().id());
        return member(user.username(), user.userAttributes(), role.get(), user.userStatus());
    }

    /** Gives a member of {@code org} another role: their address invited again in it (one role per organisation). */
    public Member changeRole(String org, String memberId, String role, String actor) {
        String email = list(org).items().stream().filter(member -> member.id().equals(memberId)).findFirst().map(Member::email)
                .orElseThrow(() -> new NotFoundException("No such member of " + org));
        return invite(org, new MemberInvitation(email, role), actor, Inviter.OWNER);
    }

    /** Takes {@code memberId}'s role in {@code org} away; a user left in no group at all is deleted. */
    public void remove(String org, String memberId, String actor) {
        if (memberId == null || !MEMBER_ID.matcher(memberId).matches()) {
            throw InvalidInputException.of("member", "is not a member id");
        }
        organisations.get(org);
        String poolId = poolId();
        List<String> groups;
        try {
            groups = groupsOf(poolId, memberId);
        } catch (UserNotFoundException e) {
            throw new NotFoundException("No such member of " + org);
        }
        List<String> ours = groups.stream().filter(group -> isRoleGroup(org, group)).toList();
        if (ours.isEmpty()) {
            // a user of another organisation is no business of this one's owners
            throw new NotFoundException("No such member of " + org);
        }
        refuseLeavingNoOwner(poolId, org, ours, "member");
        ours.forEach(group -> cognito().adminRemoveUserFromGroup(request -> request.userPoolId(poolId).username(memberId)
                .groupName(group)));
        if (groups.size() == ours.size()) {
            cognito().adminDeleteUser(request -> request.userPoolId(poolId).username(memberId));
        }
        audit.record(org, actor, "member.remove", "member:" + memberId, String.join(",", ours));
    }

    /**
     * The one rule that keeps an organisation manageable: a member leaving {@code dropped} groups must not take the
     * last owner away (only an owner invites and removes, and the operator would have to step in).
     */
    private void refuseLeavingNoOwner(String poolId, String org, List<String> dropped, String field) {
        String owners = MemberRole.OWNER.group(org);
        if (dropped.contains(owners) && !hasSecondMember(poolId, owners)) {
            throw InvalidInputException.of(field, LAST_OWNER);
        }
    }

    /** Whether the group holds two users or more; reads at most two. */
    private boolean hasSecondMember(String poolId, String group) {
        return cognito().listUsersInGroupPaginator(request -> request.userPoolId(poolId).groupName(group).limit(2))
                .users().stream().limit(2).count() > 1;
    }

    private List<String> groupsOf(String poolId, String username) {
        return cognito().adminListGroupsForUserPaginator(request -> request.userPoolId(poolId).username(username))
                .groups().stream().map(GroupType::groupName).toList();
    }

    private static boolean isRoleGroup(String org, String group) {
        return Arrays.stream(MemberRole.values()).anyMatch(role -> role.group(org).equals(group));
    }

    private AdminGetUserResponse createOrFind(String poolId, String email) {
        try {
            UserType created = cognito().adminCreateUser(request -> request.userPoolId(poolId).username(email)
                    .userAttributes(attribute("email", email), attribute("email_verified", "true"))
                    .desiredDeliveryMediums(DeliveryMediumType.EMAIL)).user();
            return AdminGetUserResponse.builder().username(created.username()).userAttributes(created.attributes())
                    .userStatus(created.userStatus()).build();
        } catch (UsernameExistsException alreadyAUser) {
            // a member of another organisation (or of this one in another role): no second invitation
            return cognito().adminGetUser(request -> request.userPoolId(poolId).username(email));
        }
    }

    private void createGroupIfMissing(String poolId, String group) {
        try {
            cognito().createGroup(request -> request.userPoolId(poolId).groupName(group));
        } catch (GroupExistsException exists) {
            // made by an earlier invitation
        }
    }

    private static Member member(String username, List<AttributeType> attributes, MemberRole role, UserStatusType status) {
        String email = attributes.stream().filter(attribute -> attribute.name().equals("email")).map(AttributeType::value)
                .findFirst().orElse(null);
        return new Member(username, email, role.id(), status == UserStatusType.FORCE_CHANGE_PASSWORD ? "invited" : "active");
    }

    private static AttributeType attribute(String name, String value) {
        return AttributeType.builder().name(name).value(value).build();
    }

    private String poolId() {
        return pool.id().filter(id -> !id.isBlank()).orElseThrow(() -> new NotFoundException(
                "This deployment's identity provider is not its own Cognito user pool: its members are managed there"));
    }

    private CognitoIdentityProviderClient cognito() {
        return aws.cognito();
    }
}
