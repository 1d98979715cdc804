package org.turnout.member;

import java.util.List;

/** An organisation's members, owners first, then staff, then volunteers. */
public record MemberList(List<Member> items) {
    public MemberList {
        items = List.copyOf(items);
    }
}
