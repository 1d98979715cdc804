package org.turnout.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.turnout.api.ApiTestSupport.emailsTo;
import static org.turnout.api.ApiTestSupport.newOrganisation;
import static org.turnout.api.ApiTestSupport.uniqueOrg;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.turnout.contact.Contact;
import org.turnout.contact.ContactBuilder;
import org.turnout.contact.ContactOptOut;
import org.turnout.contact.ContactRepository;
import org.turnout.contact.ContactStatus;
import org.turnout.contact.ContactIds;
import org.turnout.contact.EmailAddress;
import org.turnout.suppression.SuppressionService;
import org.turnout.testing.LocalStackResource;

@QuarkusTest
@QuarkusTestResource(value = LocalStackResource.class, restrictToAnnotatedClass = false)
class SuppressionApiTest {
    private static final ContactIds IDS = new ContactIds(LocalStackResource.CONTACT_ID_KEY);
    @Inject
    SuppressionService suppressions;
    @Inject
    ContactRepository contacts;
    @Inject
    ContactOptOut optOut;

    @Test
    void staffAddAndListAddressesOwnersRemoveThemAndTheAuditTrailSaysWhoDidWhat() {
        String org = newOrganisation("supp");
        String token = LocalStackResource.staffToken(org);
        String owner = LocalStackResource.ownerToken(org);
        for (String email : List.of("a@example.org", "B@Example.ORG", "c@example.org")) {
            given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("email", email, "reason", "asked by phone"))
                    .post("/v1/admin/orgs/{org}/suppressions", org).then().statusCode(200)
                    .body("contactId", equalTo(IDS.forEmail(EmailAddress.parse(email).orElseThrow())))
                    .body("source", equalTo("staff"))
                    .body("addedBy", equalTo("staff@" + org));
        }
        // adding again keeps the first entry
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("email", "a@example.org", "reason", "another reason"))
                .post("/v1/admin/orgs/{org}/suppressions", org).then().statusCode(200).body("reason", equalTo("asked by phone"));

        JsonPath first = given().auth().oauth2(token).queryParam("limit", 2).get("/v1/admin/orgs/{org}/suppressions", org)
                .then().statusCode(200).body("items", hasSize(2)).body("next", notNullValue()).extract().jsonPath();
        JsonPath second = given().auth().oauth2(token).queryParam("limit", 2).queryParam("cursor", first.getString("next"))
                .get("/v1/admin/orgs/{org}/suppressions", org).then().statusCode(200).body("items", hasSize(1)).extract().jsonPath();
        List<String> emails = new java.util.ArrayList<>(first.getList("items.email"));
        emails.addAll(second.getList("items.email"));
        assertThat(emails).containsExactlyInAnyOrder("a@example.org", "B@example.org", "c@example.org");

        String listed = IDS.forEmail(EmailAddress.parse("b@example.org").orElseThrow());
        assertThat(suppressions.isSuppressed(org, listed)).isTrue();
        // lifting a suppression is the owner's
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("email", "b@example.org", "reason", "mistake"))
                .urlEncodingEnabled(false).post("/v1/admin/orgs/" + org + "/suppressions:remove").then().statusCode(403);
        assertThat(suppressions.isSuppressed(org, listed)).isTrue();
        given().auth().oauth2(owner).contentType(ContentType.JSON).body(Map.of("email", "b@example.org", "reason", "mistake"))
                .urlEncodingEnabled(false).post("/v1/admin/orgs/" + org + "/suppressions:remove").then().statusCode(204);
        given().auth().oauth2(owner).contentType(ContentType.JSON).body(Map.of("email", "b@example.org", "reason", "mistake"))
                .urlEncodingEnabled(false).post("/v1/admin/orgs/" + org + "/suppressions:remove").then().statusCode(404);

        given().auth().oauth2(token).queryParam("limit", 2).get("/v1/admin/orgs/{org}/audit", org).then().statusCode(200)
                .body("items", hasSize(2))
                .body("items[0].action", equalTo("suppression.remove"))
                .body("items[0].actor", equalTo("owner@" + org))
                .body("items[0].target", equalTo("contact:" + listed))
                .body("items[0].detail", equalTo("mistake"))
                .body("items[1].action", equalTo("suppression.add"))
                .body("next", notNullValue());
    }

    @Test
    void badInputIsNamedAndOtherOrganisationsAreClosed() {
        String org = newOrganisation("supp-bad");
        String token = LocalStackResource.staffToken(org);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("email", "not-an-address"))
                .post("/v1/admin/orgs/{org}/suppressions", org).then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("email", "reason")));
        given().auth().oauth2(token).queryParam("limit", 0).get("/v1/admin/orgs/{org}/suppressions", org)
                .then().statusCode(400).body("errors[0].field", equalTo("limit"));
        given().auth().oauth2(token).queryParam("cursor", "../../x").get("/v1/admin/orgs/{org}/suppressions", org)
                .then().statusCode(400).body("errors[0].field", equalTo("cursor"));
        given().auth().oauth2(token).queryParam("cursor", "bm9wZQ").get("/v1/admin/orgs/{org}/audit", org)
                .then().statusCode(400).body("errors[0].field", equalTo("cursor"));
        given().auth().oauth2(LocalStackResource.staffToken(uniqueOrg("other"))).get("/v1/admin/orgs/{org}/suppressions", org)
                .then().statusCode(403);
        given().auth().oauth2(LocalStackResource.staffToken(uniqueOrg("other"))).get("/v1/admin/orgs/{org}/audit", org)
                .then().statusCode(403);
        given().get("/v1/admin/orgs/{org}/audit", org).then().statusCode(401);
    }

    @Test
    void aSuppressedAddressSigningUpGetsTheSameAnswerAndNothingElse() {
        String org = newOrganisation("supp-signup");
        given().auth().oauth2(LocalStackResource.staffToken(org)).contentType(ContentType.JSON)
                .body(Map.of("email", "quiet@example.org", "reason", "legal request"))
                .post("/v1/admin/orgs/{org}/suppressions", org).then().statusCode(200);

        given().contentType(ContentType.JSON).body(Map.of("email", "quiet@example.org", "consentVersion", "v1"))
                .post("/v1/orgs/{org}/signups", org).then().statusCode(202).body("status", equalTo("accepted"));

        assertThat(contacts.find(org, IDS.forEmail(EmailAddress.parse("quiet@example.org").orElseThrow()))).isEmpty();
        assertThat(emailsTo("quiet@example.org")).isEmpty();
    }

    @Test
    void suppressedCountsOptedOutAndMissingContactsAndRemovingABounceRestoresTheStatusBefore() {
        String org = newOrganisation("supp-status");
        String subscribed = contact(org, "ok@example.org", ContactStatus.SUBSCRIBED);
        String unsubscribed = contact(org, "left@example.org", ContactStatus.UNSUBSCRIBED);
        String bounced = contact(org, "bounced@example.org", ContactStatus.SUBSCRIBED);
        Instant now = Instant.now();
        assertThat(optOut.optOut(org, bounced, ContactStatus.BOUNCED, "permanent bounce", "m-1", now)).isTrue();
        suppressions.addFromFeedback(org, bounced, "bounced@example.org", "bounce", "permanent bounce", now);
        String missing = IDS.forEmail(EmailAddress.parse("never@example.org").orElseThrow());

        assertThat(suppressions.suppressed(org, List.of(subscribed, unsubscribed, bounced, missing)))
                .containsExactlyInAnyOrder(unsubscribed, bounced, missing);

        given().auth().oauth2(LocalStackResource.ownerToken(org)).contentType(ContentType.JSON)
                .body(Map.of("email", "bounced@example.org", "reason", "mailbox fixed"))
                .urlEncodingEnabled(false).post("/v1/admin/orgs/" + org + "/suppressions:remove").then().statusCode(204);
        Contact restored = contacts.find(org, bounced).orElseThrow();
        assertThat(restored.statusValue()).isEqualTo(ContactStatus.SUBSCRIBED);
        assertThat(restored.consentHistory()).extracting(c -> c.from() + ">" + c.to())
                .containsExactly("subscribed>bounced", "bounced>subscribed");
        assertThat(suppressions.isSuppressed(org, bounced)).isFalse();
        // the person's own unsubscribe is not even the owner's to lift
        given().auth().oauth2(LocalStackResource.ownerToken(org)).contentType(ContentType.JSON)
                .body(Map.of("email", "left@example.org", "reason", "try"))
                .urlEncodingEnabled(false).post("/v1/admin/orgs/" + org + "/suppressions:remove").then().statusCode(404);
    }

    @Test
    void segmentSavesAreInTheAuditTrail() {
        String org = newOrganisation("audit-seg");
        String token = LocalStackResource.staffToken(org);
        String id = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("name", "Donateurs", "rule", Map.of("field", "tags", "op", "hasAny", "values", List.of("donateur"))))
                .post("/v1/admin/orgs/{org}/segments", org).then().statusCode(201).extract().path("id");
        given().auth().oauth2(token).get("/v1/admin/orgs/{org}/audit", org).then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].action", equalTo("segment.create"))
                .body("items[0].target", equalTo("segment:" + id))
                .body("next", nullValue());
    }

    private String contact(String org, String email, ContactStatus status) {
        EmailAddress address = EmailAddress.parse(email).orElseThrow();
        Contact contact = ContactBuilder.builder()
                .orgId(org)
                .contactId(IDS.forEmail(address))
                .email(address.value())
                .status(status.code())
                .build();
        assertThat(contacts.createIfAbsent(contact)).isPresent();
        return IDS.forEmail(address);
    }
}
