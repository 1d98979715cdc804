package org.turnout.api;

import org.turnout.testing.LocalStackResource;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.turnout.api.ApiTestSupport.emailsTo;
import static org.turnout.api.ApiTestSupport.newOrganisation;
import static org.turnout.api.ApiTestSupport.readContact;
import static org.turnout.api.ApiTestSupport.stopTheClockMidMinute;
import static org.turnout.api.ApiTestSupport.uniqueOrg;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = LocalStackResource.class, restrictToAnnotatedClass = false)
class SignupBadInputTest {
    private String org;

    @BeforeEach
    void organisation() {
        org = newOrganisation("bad", "fr", List.of("benevole"));
    }

    @Test
    void missingEmailAndConsentAreNamed() {
        given().contentType(ContentType.JSON).body(Map.of("firstName", "Sans adresse"))
                .post("/v1/orgs/{org}/signups", org)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("errors.field", hasItems("email", "consentVersion"));
    }

    @Test
    void invalidEmailIsNamed() {
        for (String bad : List.of("not-an-email", "a@b", "two@@example.org", "space in@example.org", "x@-bad-.org")) {
            given().contentType(ContentType.JSON).body(Map.of("email", bad, "consentVersion", "v1"))
                    .post("/v1/orgs/{org}/signups", org)
                    .then().statusCode(400)
                    .body("errors[0].field", equalTo("email"))
                    .body("errors[0].message", equalTo("is not a valid email address"));
        }
    }

    @Test
    void tooLongAndMalformedFieldsAreNamed() {
        given().contentType(ContentType.JSON)
                .body(Map.of("email", "ok@example.org", "consentVersion", "v1", "firstName", "x".repeat(101),
                        "postcode", "75<011>", "station", "0001;DROP", "tags", List.of("benevole", "not-allowed")))
                .post("/v1/orgs/{org}/signups", org)
                .then().statusCode(400)
                .body("errors.field", hasItems("firstName", "postcode", "station", "tags[1]"));
    }

    @Test
    void bodyThatIsNotJsonOrOfTheWrongShape() {
        given().contentType(ContentType.JSON).body("{\"email\": ")
                .post("/v1/orgs/{org}/signups", org)
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("body"));
        given().contentType(ContentType.JSON).body("{\"email\": \"ok@example.org\", \"tags\": {\"a\": 1}}")
                .post("/v1/orgs/{org}/signups", org)
                .then().statusCode(400).body("errors[0].field", equalTo("tags"));
    }

    @Test
    void bodyOver16KibIsRefused() {
        String big = "{\"email\": \"big@example.org\", \"consentVersion\": \"v1\", \"firstName\": \"" + "x".repeat(17 * 1024) + "\"}";
        given().contentType(ContentType.JSON).body(big)
                .post("/v1/orgs/{org}/signups", org)
                .then().statusCode(413);
        assertThat(emailsTo("big@example.org")).isEmpty();
    }

    /** Without a Content-Length the header cannot be trusted to tell the size: the bytes are counted. */
    @Test
    void chunkedBodyOver16KibIsRefusedAndASmallOneAccepted() throws Exception {
        // valid but for its size: padded with blanks JSON allows, and with form fields nobody reads
        String big = "{\"email\": \"chunked@example.org\", \"consentVersion\": \"v1\"" + " ".repeat(17 * 1024) + "}";
        HttpResponse<String> refused = ChunkedBodies.post("/v1/orgs/" + org + "/signups", "application/json", big, null);
        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(emailsTo("chunked@example.org")).isEmpty();

        String form = "email=chunked-form%40example.org&consentVersion=v1" + "&n=1".repeat(17 * 256);
        assertThat(ChunkedBodies.post("/v1/orgs/" + org + "/signups", "application/x-www-form-urlencoded", form, null).statusCode())
                .isEqualTo(413);
        assertThat(emailsTo("chunked-form@example.org")).isEmpty();

        String small = "{\"email\": \"chunked-small@example.org\", \"consentVersion\": \"v1\"}";
        assertThat(ChunkedBodies.post("/v1/orgs/" + org + "/signups", "application/json", small, null).statusCode()).isEqualTo(202);
    }

    @Test
    void unknownOrganisationOrOneClosedToSignUpsIs404() {
        given().contentType(ContentType.JSON).body(Map.of("email", "who@example.org", "consentVersion", "v1"))
                .post("/v1/orgs/{org}/signups", "no-such-org")
                .then().statusCode(404).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(Map.of("email", "who@example.org", "consentVersion", "v1"))
                .post("/v1/orgs/{org}/signups", org + "#C#00")
                .then().statusCode(404);

        String closed = uniqueOrg("closed");
        given().auth().oauth2(LocalStackResource.operatorToken()).contentType(ContentType.JSON)
                .body(Map.of("id", closed, "name", "Closed", "publicSignup", false))
                .post("/v1/admin/orgs").then().statusCode(201);
        given().contentType(ContentType.JSON).body(Map.of("email", "who@example.org", "consentVersion", "v1"))
                .post("/v1/orgs/{org}/signups", closed)
                .then().statusCode(404);
    }

    @Test
    void filledHoneypotIsAcceptedSilentlyAndStoredNowhere() {
        given().contentType(ContentType.JSON)
                .body(Map.of("email", "robot@example.org", "consentVersion", "v1", "website", "http://spam.example"))
                .post("/v1/orgs/{org}/signups", org)
                .then().statusCode(202).body("status", equalTo("accepted"));
        readContact(LocalStackResource.staffToken(org), org, "robot@example.org").statusCode(404);
        assertThat(emailsTo("robot@example.org")).isEmpty();
    }

    @Test
    void moreThanTheLimitPerMinuteFromOneAddressGets429() {
        stopTheClockMidMinute();
        for (int i = 0; i < 5; i++) {
            given().contentType(ContentType.JSON).body(Map.of("email", "burst" + i + "@example.org", "consentVersion", "v1"))
                    .post("/v1/orgs/{org}/signups", org)
                    .then().statusCode(202);
        }
        given().contentType(ContentType.JSON).body(Map.of("email", "burst5@example.org", "consentVersion", "v1"))
                .post("/v1/orgs/{org}/signups", org)
                .then().statusCode(429)
                .header("Retry-After", not(equalTo(null)))
                .contentType("application/problem+json");
        assertThat(emailsTo("burst5@example.org")).isEmpty();
    }

    @Test
    void knownAndUnknownAddressesGetTheSameAnswer() {
        String known = given().contentType(ContentType.JSON).body(Map.of("email", "known@example.org", "consentVersion", "v1"))
                .post("/v1/orgs/{org}/signups", org).then().statusCode(202).extract().asString();
        String again = given().contentType(ContentType.JSON).body(Map.of("email", "KNOWN@example.org", "consentVersion", "v1"))
                .post("/v1/orgs/{org}/signups", org).then().statusCode(202).extract().asString();
        assertThat(again).isEqualTo(known);
    }

    @Test
    void forgedOrAlteredConfirmationLinkGetsAPageNotATrace() {
        given().get("/v1/confirm/{token}", "not-a-token").then().statusCode(400)
                .contentType(containsString("text/html")).body(containsString("n&#39;est pas valable"));
        given().header("Accept-Language", "en-GB,en;q=0.8").get("/v1/confirm/{token}", "eyJhbGciOiJub25lIn0.eyJwIjoiY29uZmlybSJ9.")
                .then().statusCode(400).body(containsString("not valid"));
    }
}
