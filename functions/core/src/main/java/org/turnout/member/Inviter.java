package org.turnout.member;

import java.util.EnumSet;
import java.util.Set;

/** Who invites, and so which roles they may give: an owner any role of their organisation, the operator its owners. */
public enum Inviter {
    OWNER(EnumSet.allOf(MemberRole.class)),
    OPERATOR(EnumSet.of(MemberRole.OWNER));

    private final Set<MemberRole> mayGive;

    Inviter(Set<MemberRole> mayGive) {
        this.mayGive = Set.copyOf(mayGive);
    }

    public boolean mayGive(MemberRole role) {
        return mayGive.contains(role);
    }
}
