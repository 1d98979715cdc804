package org.turnout.api.security;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Who a token's groups say its bearer is: the deployment's {@value AdminRoles#OPERATOR}, and a role
 * in each organisation named by a group {@code org:<organisation>:<role>} (the Cognito group naming,
 * see docs/access.md). Groups that follow neither form give nothing.
 */
public record Membership(boolean operator, Set<String> orgRoles) {
    private static final Pattern ORG_GROUP = Pattern.compile("org:([^:]+):(owner|staff|volunteer)");

    public Membership {
        orgRoles = Set.copyOf(orgRoles);
    }

    public static Membership of(Collection<String> groups) {
        return new Membership(groups.contains(AdminRoles.OPERATOR), groups.stream()
                .filter(group -> ORG_GROUP.matcher(group).matches()).collect(Collectors.toUnmodifiableSet()));
    }

    /** The group that makes a user {@code role} of {@code org}. */
    public static String group(String org, String role) {
        return "org:" + org + ":" + role;
    }

    /** The organisations this bearer holds a role in, sorted. */
    public List<String> organisations() {
        return orgRoles.stream().map(ORG_GROUP::matcher).filter(Matcher::matches).map(m -> m.group(1))
                .distinct().sorted().toList();
    }

    /** Whether one of {@code allowed} is a role this bearer holds for {@code org} (null: a route of no organisation). */
    public boolean mayAct(String org, Collection<String> allowed) {
        if (operator && allowed.contains(AdminRoles.OPERATOR)) {
            return true;
        }
        if (org == null) {
            return false;
        }
        for (String group : orgRoles) {
            Matcher m = ORG_GROUP.matcher(group);
            if (m.matches() && m.group(1).equals(org) && allowed.contains(m.group(2))) {
                return true;
            }
        }
        return false;
    }
}
