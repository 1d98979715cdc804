package org.turnout.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MembershipTest {
    private static final List<String> STAFF_ROUTE = List.of(AdminRoles.OWNER, AdminRoles.STAFF);

    @Test
    void aGroupGivesItsRoleInItsOrganisationOnly() {
        Membership member = Membership.of(List.of("org:lyon:staff", "org:paris:volunteer"));

        assertThat(member.mayAct("lyon", STAFF_ROUTE)).isTrue();
        assertThat(member.mayAct("paris", STAFF_ROUTE)).isFalse();
        assertThat(member.mayAct("paris", List.of(AdminRoles.VOLUNTEER))).isTrue();
        // the organisation is matched whole, not as a prefix
        assertThat(member.mayAct("lyon-2", STAFF_ROUTE)).isFalse();
        assertThat(member.mayAct("lyo", STAFF_ROUTE)).isFalse();
        // a route of no organisation is the operator's
        assertThat(member.mayAct(null, List.of(AdminRoles.OPERATOR, AdminRoles.OWNER, AdminRoles.STAFF))).isFalse();
    }

    @Test
    void theOperatorPassesOnlyWhereTheRouteListsOperator() {
        Membership operator = Membership.of(List.of("operator"));

        assertThat(operator.mayAct(null, List.of(AdminRoles.OPERATOR))).isTrue();
        assertThat(operator.mayAct("lyon", List.of(AdminRoles.OPERATOR, AdminRoles.OWNER))).isTrue();
        assertThat(operator.mayAct("lyon", STAFF_ROUTE)).isFalse();
    }

    @Test
    void groupsOfOtherShapesGiveNothing() {
        for (String group : List.of("staff", "owner", "org:lyon", "org:lyon:admin", "org:lyon:staff:extra", "ORG:lyon:staff",
                "org::staff", "lyon:staff", "Operator")) {
            Membership member = Membership.of(List.of(group));
            assertThat(member.mayAct("lyon", List.of(AdminRoles.OPERATOR, AdminRoles.OWNER, AdminRoles.STAFF, AdminRoles.VOLUNTEER)))
                    .as(group).isFalse();
        }
        assertThat(Membership.group("lyon", AdminRoles.OWNER)).isEqualTo("org:lyon:owner");
    }
}
