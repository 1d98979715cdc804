package org.turnout.api;

import org.turnout.testing.LocalStackResource;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.turnout.api.ApiTestSupport.createOrganisation;
import static org.turnout.api.ApiTestSupport.newOrganisation;
import static org.turnout.api.ApiTestSupport.uniqueOrg;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = LocalStackResource.class, restrictToAnnotatedClass = false)
class AdminAccessTest {

    @Test
    void noTokenIs401AndAForgedOneToo() {
        given().get("/v1/admin/orgs/{org}/contacts/{email}", "any", "a@example.org")
                .then().statusCode(401).header("WWW-Authenticate", "Bearer").contentType("application/problem+json");
        given().auth().oauth2("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl")
                .get("/v1/admin/orgs").then().statusCode(401);
    }

    @Test
    void staffReachOnlyTheirOwnOrganisation() {
        String mine = uniqueOrg("mine");
        String theirs = uniqueOrg("theirs");
        createOrganisation(mine, "fr", List.of());
        createOrganisation(theirs, "fr", List.of());
        String staff = LocalStackResource.staffToken(mine);

        given().auth().oauth2(staff).get("/v1/admin/orgs/{org}", mine).then().statusCode(200).body("id", equalTo(mine));
        given().auth().oauth2(staff).get("/v1/admin/orgs/{org}", theirs).then().statusCode(403)
                .contentType("application/problem+json");
        given().auth().oauth2(staff).get("/v1/admin/orgs/{org}/contacts/{email}", theirs, "a@example.org")
                .then().statusCode(403);
        // staff cannot create or change organisations
        given().auth().oauth2(staff).contentType(ContentType.JSON).body(Map.of("id", uniqueOrg("x"), "name", "X"))
                .post("/v1/admin/orgs").then().statusCode(403);
        given().auth().oauth2(staff).get("/v1/admin/orgs").then().statusCode(403);
    }

    @Test
    void ownersChangeTheirOrganisationsSettingsAndSendersStaffAndVolunteersDoNot() {
        String org = newOrganisation("owned");
        Map<String, Object> settings = Map.of("name", "Campagne renommée", "language", "fr", "version", 1,
                "senders", List.of(Map.of("name", "Équipe", "address", "equipe@" + org + ".example.org")));

        for (String refused : List.of(LocalStackResource.staffToken(org), LocalStackResource.volunteerToken(org),
                LocalStackResource.ownerToken(uniqueOrg("elsewhere")))) {
            given().auth().oauth2(refused).contentType(ContentType.JSON).body(settings)
                    .put("/v1/admin/orgs/{org}", org).then().statusCode(403).contentType("application/problem+json");
        }
        given().auth().oauth2(LocalStackResource.staffToken(org)).get("/v1/admin/orgs/{org}", org)
                .then().statusCode(200).body("version", equalTo(1));
        given().auth().oauth2(LocalStackResource.ownerToken(org)).contentType(ContentType.JSON).body(settings)
                .put("/v1/admin/orgs/{org}", org)
                .then().statusCode(200).body("name", equalTo("Campagne renommée")).body("version", equalTo(2));
        // an owner runs an organisation, not the deployment
        given().auth().oauth2(LocalStackResource.ownerToken(org)).get("/v1/admin/orgs").then().statusCode(403);
    }

    @Test
    void operatorCreatesListsAndUpdatesOrganisations() {
        String org = uniqueOrg("ops");
        String operator = LocalStackResource.operatorToken();
        given().auth().oauth2(operator).contentType(ContentType.JSON)
                .body(Map.of("id", org, "name", "Ville d'Exemple", "language", "en", "timeZone", "America/Montreal",
                        "senders", List.of(Map.of("name", "Campaign", "address", "team@EXAMPLE.org")),
                        "sendRatePerSecond", 14, "publicSignup", true, "allowedTags", List.of("volunteer")))
                .post("/v1/admin/orgs")
                .then().statusCode(201)
                .header("Location", endsWith("/v1/admin/orgs/" + org))
                .body("senders[0].address", equalTo("team@example.org"))
                .body("version", equalTo(1));

        given().auth().oauth2(operator).contentType(ContentType.JSON).body(Map.of("id", org, "name", "Again"))
                .post("/v1/admin/orgs").then().statusCode(409);

        given().auth().oauth2(operator).get("/v1/admin/orgs").then().statusCode(200).body("items.id", hasItem(org));

        given().auth().oauth2(operator).contentType(ContentType.JSON)
                .body(Map.of("name", "Ville d'Exemple (2)", "language", "fr", "version", 1))
                .put("/v1/admin/orgs/{org}", org)
                .then().statusCode(200).body("name", equalTo("Ville d'Exemple (2)")).body("version", equalTo(2));
        // a stale version loses
        given().auth().oauth2(operator).contentType(ContentType.JSON)
                .body(Map.of("name", "Stale", "version", 1))
                .put("/v1/admin/orgs/{org}", org)
                .then().statusCode(409);
        given().auth().oauth2(operator).contentType(ContentType.JSON).body(Map.of("name", "Nobody"))
                .put("/v1/admin/orgs/{org}", "no-such-org").then().statusCode(404);
    }

    @Test
    void invalidOrganisationNamesEveryBadField() {
        given().auth().oauth2(LocalStackResource.operatorToken()).contentType(ContentType.JSON)
                .body(Map.of("id", "Bad Id!", "language", "de", "timeZone", "Mars/Olympus",
                        "senders", List.of(Map.of("address", "nope")), "sendRatePerSecond", 0,
                        "allowedTags", List.of("ok", "#not-ok")))
                .post("/v1/admin/orgs")
                .then().statusCode(400)
                .body("errors.field", hasItems("id", "name", "language", "timeZone", "senders[0].address",
                        "sendRatePerSecond", "allowedTags[1]"));
    }
}
