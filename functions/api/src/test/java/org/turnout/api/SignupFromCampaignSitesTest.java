package org.turnout.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.turnout.api.ApiTestSupport.newOrganisation;
import static org.turnout.api.ApiTestSupport.readContact;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.turnout.testing.LocalStackResource;

/** The sign-up door as campaign sites call it: CORS per organisation, and plain HTML forms answered with pages. */
@QuarkusTest
@QuarkusTestResource(value = LocalStackResource.class, restrictToAnnotatedClass = false)
class SignupFromCampaignSitesTest {
    private static final String SITE = "https://campagne.example.org";
    private static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    private String org;

    @BeforeEach
    void organisation() {
        org = newOrganisation("site", "fr", List.of("benevole"));
    }

    @Test
    void originsAndTheThankYouPageAreCheckedAndWrittenAsBrowsersSendThem() {
        given().auth().oauth2(LocalStackResource.operatorToken()).contentType(ContentType.JSON)
                .body(settings(List.of("https://Campagne.Example.org/", "http://campagne.example.org", "https://x.org/page"),
                        "javascript:alert(1)"))
                .put("/v1/admin/orgs/{org}", org)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("signupOrigins[1]", "signupOrigins[2]", "signupThankYouUrl")));

        updateSettings(List.of("https://Campagne.Example.org/", "https://autre.example.org:8443"), "https://campagne.example.org/merci");
        given().auth().oauth2(LocalStackResource.operatorToken())
                .get("/v1/admin/orgs/{org}", org)
                .then().statusCode(200)
                .body("signupOrigins", equalTo(List.of(SITE, "https://autre.example.org:8443")))
                .body("signupThankYouUrl", equalTo("https://campagne.example.org/merci"));
    }

    @Test
    void aPreflightFromAListedOriginIsAnsweredAndAnyOtherGetsNoCorsHeader() {
        updateSettings(List.of(SITE), null);

        Response allowed = preflight(SITE);
        assertThat(allowed.statusCode()).isEqualTo(204);
        assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo(SITE);
        assertThat(allowed.header("Access-Control-Allow-Methods")).isEqualTo("POST");
        assertThat(String.join(",", allowed.headers().getValues("Access-Control-Allow-Headers"))).containsIgnoringCase("content-type");
        assertThat(allowed.header("Access-Control-Max-Age")).isEqualTo("7200");
        assertThat(allowed.header("Access-Control-Allow-Credentials")).isNull();
        assertThat(allowed.headers().getValues("Vary")).anySatisfy(vary -> assertThat(vary).contains("Origin"));

        for (String other : List.of("https://evil.example.net", "https://campagne.example.org.evil.net", "http://campagne.example.org", "null")) {
            Response refused = preflight(other);
            assertThat(refused.statusCode()).as(other).isEqualTo(204);
            assertThat(refused.headers().asList()).as(other).noneMatch(h -> h.getName().toLowerCase().startsWith("access-control-"));
        }
    }

    @Test
    void answersCarryTheListedOriginErrorsIncludedAndNothingForAnUnlistedOne() {
        updateSettings(List.of(SITE), null);

        given().header("Origin", SITE).contentType(ContentType.JSON)
                .body(Map.of("email", "cors.json@example.org", "consentVersion", "2026-10"))
                .post("/v1/orgs/{org}/signups", org)
                .then().statusCode(202)
                .header("Access-Control-Allow-Origin", SITE)
                .header("Vary", containsString("Origin"))
                .body("status", equalTo("accepted"));
        given().header("Origin", SITE).contentType(ContentType.JSON)
                .body(Map.of("email", "not-an-email", "consentVersion", "2026-10"))
                .post("/v1/orgs/{org}/signups", org)
                .then().statusCode(400)
                .header("Access-Control-Allow-Origin", SITE)
                .body("errors.field", hasItems("email"));

        Response unlisted = given().header("Origin", "https://evil.example.net").contentType(ContentType.JSON)
                .body(Map.of("email", "cors.other@example.org", "consentVersion", "2026-10"))
                .post("/v1/orgs/{org}/signups", org);
        assertThat(unlisted.headers().asList()).noneMatch(h -> h.getName().toLowerCase().startsWith("access-control-"));
        assertThat(unlisted.headers().getValues("Vary")).anySatisfy(vary -> assertThat(vary).contains("Origin"));
    }

    @Test
    void aPlainFormGetsAThankYouPageInTheOrganisationsLanguage() {
        form("form.page@example.org", "2026-10")
                .then().statusCode(200)
                .contentType(containsString("text/html"))
                .header("Cache-Control", "no-store")
                .body(containsString("<html lang=\"fr\">"))
                .body(containsString("Merci pour votre inscription"))
                .body(containsString("Campagne " + org));
        readContact(LocalStackResource.staffToken(org), org, "form.page@example.org").statusCode(200).body("status", equalTo("pending"));
    }

    @Test
    void aPlainFormGoesToTheOrganisationsThankYouPageWhenItSetOne() {
        updateSettings(List.of(), "https://campagne.example.org/merci?depuis=formulaire");
        form("form.redirect@example.org", "2026-10")
                .then().statusCode(303)
                .header("Location", "https://campagne.example.org/merci?depuis=formulaire");
        readContact(LocalStackResource.staffToken(org), org, "form.redirect@example.org").statusCode(200).body("status", equalTo("pending"));
    }

    @Test
    void aFormWithMistakesGetsAPageThatSaysWhatToFix() {
        updateSettings(List.of(), "https://campagne.example.org/merci");
        given().redirects().follow(false).accept(BROWSER_ACCEPT).contentType(ContentType.URLENC)
                .formParam("email", "pas-une-adresse").formParam("firstName", "<b>Jo</b>").formParam("tags", "inconnu")
                .post("/v1/orgs/{org}/signups", org)
                .then().statusCode(400)
                .contentType(containsString("text/html"))
                .body(containsString("Le formulaire est à corriger"))
                .body(containsString("Adresse e-mail : indiquez une adresse valable"))
                .body(containsString("Choix : seulement ceux que propose le formulaire"))
                .body(containsString("consentVersion"))
                .body(not(containsString("<b>Jo</b>")))
                .body(not(containsString("\"errors\"")));
    }

    @Test
    void anEnglishSpeakingOrganisationsPagesAreInEnglish() {
        String english = newOrganisation("site-en", "en", List.of("volunteer"));
        given().redirects().follow(false).accept(BROWSER_ACCEPT).contentType(ContentType.URLENC)
                .formParam("email", "form.english@example.org").formParam("consentVersion", "2026-10")
                .post("/v1/orgs/{org}/signups", english)
                .then().statusCode(200)
                .body(containsString("<html lang=\"en\">"))
                .body(containsString("Thank you for signing up"));
        given().redirects().follow(false).accept(BROWSER_ACCEPT).contentType(ContentType.URLENC)
                .formParam("email", "form.english@example.org").formParam("postcode", "75<011>")
                .post("/v1/orgs/{org}/signups", english)
                .then().statusCode(400)
                .body(containsString("Please correct the form"))
                .body(containsString("Postcode: 2 to 10 letters"))
                .body(containsString("consent text version"));
    }

    @Test
    void scriptsThatPostAFormKeepTheJsonAnswer() {
        given().contentType(ContentType.URLENC).accept("*/*")
                .formParam("email", "form.script@example.org").formParam("consentVersion", "2026-10")
                .post("/v1/orgs/{org}/signups", org)
                .then().statusCode(202)
                .contentType(ContentType.JSON)
                .body("status", equalTo("accepted"));
        given().contentType(ContentType.URLENC).accept("*/*").formParam("email", "nope")
                .post("/v1/orgs/{org}/signups", org)
                .then().statusCode(400)
                .contentType("application/problem+json");
    }

    private Response preflight(String origin) {
        return given().header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type")
                .options("/v1/orgs/{org}/signups", org);
    }

    private Response form(String email, String consentVersion) {
        return given().redirects().follow(false).accept(BROWSER_ACCEPT).contentType(ContentType.URLENC)
                .formParam("email", email).formParam("consentVersion", consentVersion).formParam("tags", "benevole")
                .post("/v1/orgs/{org}/signups", org);
    }

    private void updateSettings(List<String> origins, String thankYouUrl) {
        given().auth().oauth2(LocalStackResource.operatorToken()).contentType(ContentType.JSON)
                .body(settings(origins, thankYouUrl))
                .put("/v1/admin/orgs/{org}", org)
                .then().statusCode(200);
    }

    private Map<String, Object> settings(List<String> origins, String thankYouUrl) {
        Map<String, Object> settings = new HashMap<>(Map.of("name", "Campagne " + org, "language", "fr",
                "senders", List.of(Map.of("name", "Équipe " + org, "address", "equipe@" + org + ".example.org")),
                "publicSignup", true, "allowedTags", List.of("benevole"), "signupOrigins", origins));
        settings.put("signupThankYouUrl", thankYouUrl);
        return settings;
    }
}
