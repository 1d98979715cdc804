package org.turnout.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.turnout.api.ApiTestSupport.createOrganisation;
import static org.turnout.api.ApiTestSupport.emailsTo;
import static org.turnout.api.ApiTestSupport.uniqueOrg;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.turnout.local.cognito.LocalUserPool;
import org.turnout.member.MemberService;
import org.turnout.testing.LocalStackResource;

/** The members routes against the local user pool, through the SDK, the stack's IAM and the SES emulator's mailbox. */
@QuarkusTest
@QuarkusTestResource(value = LocalStackResource.class, restrictToAnnotatedClass = false)
class MemberApiTest {

    @Test
    void theOperatorInvitesTheFirstOwnerWhoInvitesStaffAndTheInvitationsAreMailed() {
        String org = uniqueOrg("members");
        createOrganisation(org, "fr", List.of());
        String ownerEmail = "owner-" + org + "@example.org";
        given().auth().oauth2(LocalStackResource.operatorToken()).contentType(ContentType.JSON)
                .body(Map.of("email", ownerEmail, "role", "owner"))
                .post("/v1/admin/orgs/{org}/members", org).then().statusCode(200)
                .body("email", equalTo(ownerEmail)).body("role", equalTo("owner")).body("status", equalTo("invited"));
        String staffEmail = "staff-" + org + "@example.org";
        String staffId = given().auth().oauth2(LocalStackResource.ownerToken(org)).contentType(ContentType.JSON)
                .body(Map.of("email", staffEmail, "role", "staff"))
                .post("/v1/admin/orgs/{org}/members", org).then().statusCode(200)
                .body("role", equalTo("staff")).extract().path("id");

        JsonPath members = given().auth().oauth2(LocalStackResource.ownerToken(org)).get("/v1/admin/orgs/{org}/members", org)
                .then().statusCode(200).extract().jsonPath();
        assertThat(members.getList("items.email")).containsExactly(ownerEmail, staffEmail);
        assertThat(members.getList("items.role")).containsExactly("owner", "staff");

        // Cognito's invitation, with the temporary password the user signs in with
        List<JsonNode> invitations = emailsTo(staffEmail);
        assertThat(invitations).hasSize(1);
        String text = invitations.get(0).path("body").path("text").asText();
        assertThat(text).contains(staffEmail);
        LocalUserPool.User staff = LocalStackResource.userPool.find(staffId).orElseThrow();
        assertThat(staff.groups()).containsExactly("org:" + org + ":staff");
        assertThat(staff.status()).isEqualTo(LocalUserPool.FORCE_CHANGE_PASSWORD);

        given().auth().oauth2(LocalStackResource.ownerToken(org)).get("/v1/admin/orgs/{org}/audit", org).then().statusCode(200)
                .body("items.action", hasItems("member.invite"))
                .body("items.target", hasItems("member:" + staffId));
    }

    @Test
    void onlyOwnersInviteAndTheOperatorOnlyInvitesOwners() {
        String org = uniqueOrg("members");
        createOrganisation(org, "fr", List.of());
        Map<String, String> invitation = Map.of("email", "volunteer-" + org + "@example.org", "role", "volunteer");
        given().auth().oauth2(LocalStackResource.staffToken(org)).contentType(ContentType.JSON).body(invitation)
                .post("/v1/admin/orgs/{org}/members", org).then().statusCode(403);
        given().auth().oauth2(LocalStackResource.staffToken(org)).get("/v1/admin/orgs/{org}/members", org).then().statusCode(403);
        given().auth().oauth2(LocalStackResource.ownerToken("other-" + org)).contentType(ContentType.JSON).body(invitation)
                .post("/v1/admin/orgs/{org}/members", org).then().statusCode(403);
        given().auth().oauth2(LocalStackResource.operatorToken()).contentType(ContentType.JSON).body(invitation)
                .post("/v1/admin/orgs/{org}/members", org).then().statusCode(400)
                .body("errors[0].field", equalTo("role"));
        assertThat(LocalStackResource.userPool.find("volunteer-" + org + "@example.org")).isEmpty();
    }

    @Test
    void badInvitationsAreRefusedFieldByField() {
        String org = uniqueOrg("members");
        createOrganisation(org, "fr", List.of());
        given().auth().oauth2(LocalStackResource.ownerToken(org)).contentType(ContentType.JSON)
                .body(Map.of("email", "not an address<script>", "role", "admin"))
                .post("/v1/admin/orgs/{org}/members", org).then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("email", "role")));
        given().auth().oauth2(LocalStackResource.ownerToken(org)).contentType(ContentType.JSON).body(Map.of())
                .post("/v1/admin/orgs/{org}/members", org).then().statusCode(400)
                .body("errors.field", equalTo(List.of("email", "role")));
        given().auth().oauth2(LocalStackResource.ownerToken(org)).delete("/v1/admin/orgs/{org}/members/{member}", org, "a b")
                .then().statusCode(400).body("errors[0].field", equalTo("member"));
    }

    @Test
    void removingTakesTheRoleAwayAndDeletesAUserLeftInNoOrganisation() {
        String org = uniqueOrg("members");
        String other = uniqueOrg("members");
        createOrganisation(org, "fr", List.of());
        createOrganisation(other, "fr", List.of());
        String both = "both-" + org + "@example.org";
        String once = "once-" + org + "@example.org";
        String bothId = invite(org, both, "volunteer");
        assertThat(invite(other, both, "staff")).isEqualTo(bothId);
        String onceId = invite(org, once, "staff");

        // an owner of the other organisation cannot remove this one's members
        given().auth().oauth2(LocalStackResource.ownerToken(other)).delete("/v1/admin/orgs/{org}/members/{member}", other, onceId)
                .then().statusCode(404);
        given().auth().oauth2(LocalStackResource.staffToken(org)).delete("/v1/admin/orgs/{org}/members/{member}", org, onceId)
                .then().statusCode(403);

        given().auth().oauth2(LocalStackResource.ownerToken(org)).delete("/v1/admin/orgs/{org}/members/{member}", org, onceId)
                .then().statusCode(204);
        given().auth().oauth2(LocalStackResource.ownerToken(org)).delete("/v1/admin/orgs/{org}/members/{member}", org, bothId)
                .then().statusCode(204);
        assertThat(LocalStackResource.userPool.find(onceId)).isEmpty();
        assertThat(LocalStackResource.userPool.find(bothId).orElseThrow().groups()).containsExactly("org:" + other + ":staff");
        given().auth().oauth2(LocalStackResource.ownerToken(org)).get("/v1/admin/orgs/{org}/members", org).then().statusCode(200)
                .body("items", equalTo(List.of()));
        given().auth().oauth2(LocalStackResource.ownerToken(org)).delete("/v1/admin/orgs/{org}/members/{member}", org, onceId)
                .then().statusCode(404);
    }

    @Test
    void theLastOwnerCanBeNeitherRemovedNorDemotedUntilThereIsAnother() {
        String org = uniqueOrg("members");
        createOrganisation(org, "fr", List.of());
        String first = "first-" + org + "@example.org";
        String firstId = invite(org, first, "owner");

        given().auth().oauth2(LocalStackResource.ownerToken(org)).delete("/v1/admin/orgs/{org}/members/{member}", org, firstId)
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("member")).body("errors[0].message", equalTo(MemberService.LAST_OWNER));
        given().auth().oauth2(LocalStackResource.ownerToken(org)).contentType(ContentType.JSON)
                .body(Map.of("email", first, "role", "staff"))
                .post("/v1/admin/orgs/{org}/members", org).then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("role"));
        assertThat(LocalStackResource.userPool.find(firstId).orElseThrow().groups()).containsExactly("org:" + org + ":owner");

        // with a second owner, the first may go
        invite(org, "second-" + org + "@example.org", "owner");
        assertThat(invite(org, first, "staff")).isEqualTo(firstId);
        given().auth().oauth2(LocalStackResource.ownerToken(org)).delete("/v1/admin/orgs/{org}/members/{member}", org, firstId)
                .then().statusCode(204);
        given().auth().oauth2(LocalStackResource.ownerToken(org)).get("/v1/admin/orgs/{org}/members", org).then().statusCode(200)
                .body("items.role", equalTo(List.of("owner")));
    }

    private static String invite(String org, String email, String role) {
        return given().auth().oauth2(LocalStackResource.ownerToken(org)).contentType(ContentType.JSON)
                .body(Map.of("email", email, "role", role))
                .post("/v1/admin/orgs/{org}/members", org).then().statusCode(200).extract().path("id");
    }
}
