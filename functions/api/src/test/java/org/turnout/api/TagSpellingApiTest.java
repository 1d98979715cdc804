package org.turnout.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.turnout.api.ApiTestSupport.confirmPath;
import static org.turnout.api.ApiTestSupport.emailsTo;
import static org.turnout.api.ApiTestSupport.newOrganisation;
import static org.turnout.api.ApiTestSupport.readContact;
import static org.turnout.api.ApiTestSupport.uploadThrough;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.turnout.importing.ImportService;
import org.turnout.importing.ImportSource;
import org.turnout.testing.LocalStackResource;

/**
 * One spelling per tag wherever a tag comes in: the organisation's allowed tags, an import, a
 * sign-up and a segment rule all say "bénévole", whatever case, accents or spaces they were given.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackResource.class, restrictToAnnotatedClass = false)
class TagSpellingApiTest {
    private static final Map<String, Object> VOLUNTEERS = Map.of("field", "tags", "op", "hasAny", "values", List.of("Bénévole"));

    @Inject
    ImportService imports;

    @Test
    void allowedTagsImportsSignUpsAndSegmentsShareOneSpelling() throws IOException, InterruptedException {
        String org = newOrganisation("tags", "fr", List.of("Bénévole"));
        String token = LocalStackResource.staffToken(org);
        given().auth().oauth2(token).get("/v1/admin/orgs/{org}", org)
                .then().statusCode(200).body("allowedTags", equalTo(List.of("bénévole")));

        // an import: "bénévole " and "BÉNÉVOLE" are the tag
        importFile(org, token, "email,tags\nana@example.org,\"bénévole \"\nbob@example.org,BÉNÉVOLE\n");
        for (String email : List.of("ana@example.org", "bob@example.org")) {
            readContact(token, org, email).statusCode(200).body("status", equalTo("subscribed")).body("tags", equalTo(List.of("bénévole")));
        }

        // a sign-up with "Bénévole" is allowed and gets the tag
        String camille = "camille@example.org";
        given().contentType(ContentType.JSON)
                .body(Map.of("email", camille, "firstName", "Camille", "tags", List.of("Bénévole"), "consentVersion", "2026-10"))
                .post("/v1/orgs/{org}/signups", org)
                .then().statusCode(202);
        given().post(confirmPath(emailsTo(camille).get(0))).then().statusCode(200);
        readContact(token, org, camille).statusCode(200).body("status", equalTo("subscribed")).body("tags", equalTo(List.of("bénévole")));

        // a segment on "Bénévole" finds all three, ad hoc and saved
        JsonPath preview = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("rule", VOLUNTEERS))
                .urlEncodingEnabled(false).post("/v1/admin/orgs/" + org + "/segments:preview")
                .then().statusCode(200).extract().jsonPath();
        assertThat(preview.getList("sample.email", String.class))
                .containsExactlyInAnyOrder("ana@example.org", "bob@example.org", camille);
        String id = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("name", "Bénévoles", "rule", VOLUNTEERS))
                .post("/v1/admin/orgs/{org}/segments", org).then().statusCode(201).extract().path("id");
        given().auth().oauth2(token).post("/v1/admin/orgs/{org}/segments/{id}/preview", org, id)
                .then().statusCode(200).body("count", equalTo(3));

        // an update stores the allowed tags in their one spelling too
        given().auth().oauth2(LocalStackResource.operatorToken()).contentType(ContentType.JSON)
                .body(Map.of("name", "Campagne " + org, "publicSignup", true,
                        "allowedTags", List.of("BÉNÉVOLE", " bénévole", "Porte à porte")))
                .put("/v1/admin/orgs/{org}", org)
                .then().statusCode(200).body("allowedTags", equalTo(List.of("bénévole", "porte-à-porte")));
    }

    private void importFile(String org, String token, String csv) throws IOException, InterruptedException {
        JsonPath ticket = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("fileName", "benevoles.csv", "consentSource", "fete-2026"))
                .post("/v1/admin/orgs/{org}/imports", org)
                .then().statusCode(201).extract().jsonPath();
        byte[] file = csv.getBytes(StandardCharsets.UTF_8);
        ImportSource source = uploadThrough(ticket.getString("uploadUrl"), ticket.getString("key"), file);
        assertThat(LocalStackResource.as("ImportFunction", () -> imports.run(source, Instant.now().plusSeconds(60))))
                .isEqualTo(ImportService.Run.DONE);
    }
}
