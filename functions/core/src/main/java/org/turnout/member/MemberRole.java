package org.turnout.member;

import java.util.Locale;
import java.util.Optional;

/** A member's role in an organisation, carried by the user pool group {@code org:<organisation>:<role>}. */
public enum MemberRole {
    OWNER, STAFF, VOLUNTEER;

    /** As the API and the tokens write it: {@code owner}, {@code staff}, {@code volunteer}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The group that gives this role in {@code org}. */
    public String group(String org) {
        return "org:" + org + ":" + id();
    }

    public static Optional<MemberRole> parse(String role) {
        for (MemberRole candidate : values()) {
            if (candidate.id().equals(role)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
