package org.turnout.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.turnout.api.ApiTestSupport.createOrganisation;
import static org.turnout.api.ApiTestSupport.newOrganisation;
import static org.turnout.api.ApiTestSupport.uniqueOrg;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.turnout.contact.Contact;
import org.turnout.contact.ContactBuilder;
import org.turnout.contact.ContactRepository;
import org.turnout.contact.ContactStatus;
import org.turnout.contact.ContactIds;
import org.turnout.contact.EmailAddress;
import org.turnout.testing.LocalStackResource;

@QuarkusTest
@QuarkusTestResource(value = LocalStackResource.class, restrictToAnnotatedClass = false)
class SegmentApiTest {
    private static final ContactIds IDS = new ContactIds(LocalStackResource.CONTACT_ID_KEY);
    private static final Map<String, Object> DONORS = Map.of("all", List.of(
            Map.of("field", "tags", "op", "hasAny", "values", List.of("donateur")),
            Map.of("not", Map.of("field", "station", "op", "in", "values", List.of("0001")))));

    @Inject
    ContactRepository contacts;

    @Test
    void saveReadUpdateWithVersionListAndDelete() {
        String org = newOrganisation("seg");
        String token = LocalStackResource.staffToken(org);

        JsonPath created = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("name", "Donateurs hors 0001", "rule", DONORS))
                .post("/v1/admin/orgs/{org}/segments", org)
                .then().statusCode(201).body("version", equalTo(1)).extract().jsonPath();
        String id = created.getString("id");

        given().auth().oauth2(token).get("/v1/admin/orgs/{org}/segments/{id}", org, id)
                .then().statusCode(200).body("rule.all[0].field", equalTo("tags")).body("allowImported", equalTo(false));
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("name", "Donateurs", "rule", DONORS, "allowImported", true, "version", 1))
                .put("/v1/admin/orgs/{org}/segments/{id}", org, id)
                .then().statusCode(200).body("version", equalTo(2)).body("allowImported", equalTo(true));
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("name", "Stale", "rule", DONORS, "version", 1))
                .put("/v1/admin/orgs/{org}/segments/{id}", org, id)
                .then().statusCode(409);
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("name", "No version", "rule", DONORS))
                .put("/v1/admin/orgs/{org}/segments/{id}", org, id)
                .then().statusCode(400).body("errors[0].field", equalTo("version"));
        given().auth().oauth2(token).get("/v1/admin/orgs/{org}/segments", org)
                .then().statusCode(200).body("items.name", hasItem("Donateurs"));
        given().auth().oauth2(LocalStackResource.staffToken("someone-else")).get("/v1/admin/orgs/{org}/segments/{id}", org, id)
                .then().statusCode(403);
        given().auth().oauth2(token).delete("/v1/admin/orgs/{org}/segments/{id}", org, id).then().statusCode(204);
        given().auth().oauth2(token).get("/v1/admin/orgs/{org}/segments/{id}", org, id).then().statusCode(404);
    }

    @Test
    void anInvalidRuleIsRefusedWithThePathOfTheBadNode() {
        String org = newOrganisation("segbad");
        given().auth().oauth2(LocalStackResource.staffToken(org)).contentType(ContentType.JSON)
                .body(Map.of("name", "Bad", "rule", Map.of("all", List.of(
                        Map.of("field", "tags", "op", "hasAny", "values", List.of("a")),
                        Map.of("any", List.of(Map.of("field", "tags", "op", "contains", "values", List.of("a"))))))))
                .post("/v1/admin/orgs/{org}/segments", org)
                .then().statusCode(400).body("errors[0].field", equalTo("rule.all[1].any[0].op"));
    }

    @Test
    void previewAppliesConsentAndNeverSeesAnotherOrganisation() {
        String org = uniqueOrg("segprev");
        String other = uniqueOrg("segother");
        createOrganisation(org, "fr", List.of());
        createOrganisation(other, "fr", List.of());
        for (ContactStatus status : ContactStatus.values()) {
            save(org, status.code() + "@example.org", status, List.of("donateur"), "0002");
        }
        save(org, "in-0001@example.org", ContactStatus.SUBSCRIBED, List.of("donateur"), "0001");
        save(org, "not-donor@example.org", ContactStatus.SUBSCRIBED, List.of("benevole"), "0002");
        for (int i = 0; i < 30; i++) {
            save(org, "many" + i + "@example.org", ContactStatus.SUBSCRIBED, List.of("donateur"), "0003");
        }
        save(other, "elsewhere@example.org", ContactStatus.SUBSCRIBED, List.of("donateur"), "0002");

        String token = LocalStackResource.staffToken(org);
        JsonPath preview = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("rule", DONORS))
                .urlEncodingEnabled(false).post("/v1/admin/orgs/" + org + "/segments:preview")
                .then().statusCode(200).extract().jsonPath();
        assertThat(preview.getLong("count")).isEqualTo(31); // subscribed@ and the 30, not pending, unsubscribed, ...
        List<String> sample = preview.getList("sample.email");
        assertThat(sample).hasSize(20).doesNotContain("elsewhere@example.org", "pending@example.org", "imported@example.org");
        assertThat(preview.getList("sample.id", String.class)).isSorted();

        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("rule", DONORS, "allowImported", true))
                .urlEncodingEnabled(false).post("/v1/admin/orgs/" + org + "/segments:preview")
                .then().statusCode(200).body("count", equalTo(32));

        String id = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("name", "Donateurs", "rule", DONORS))
                .post("/v1/admin/orgs/{org}/segments", org).then().statusCode(201).extract().path("id");
        given().auth().oauth2(token).post("/v1/admin/orgs/{org}/segments/{id}/preview", org, id)
                .then().statusCode(200).body("count", equalTo(31));
    }

    private void save(String org, String email, ContactStatus status, List<String> tags, String station) {
        EmailAddress address = EmailAddress.parse(email).orElseThrow();
        Contact contact = ContactBuilder.builder()
                .orgId(org)
                .contactId(IDS.forEmail(address))
                .email(address.value())
                .status(status.code())
                .tags(tags)
                .station(station)
                .build();
        assertThat(contacts.createIfAbsent(contact)).isPresent();
    }
}
