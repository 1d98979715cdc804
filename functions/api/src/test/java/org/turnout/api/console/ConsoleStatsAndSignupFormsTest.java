package org.turnout.api.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.turnout.api.console.stats.MailingStatsResource;
import org.turnout.feedback.MailingActivity;
import org.turnout.feedback.MailingCounter;
import org.turnout.mailing.MailingBuilder;
import org.turnout.mailing.MailingRepository;
import org.turnout.mailing.MailingState;
import org.turnout.testing.LocalStackResource;

/**
 * A mailing's stats page and the sign-up forms page: their figures, charts and snippet, their guard and
 * escaping, and the snippet posted as a browser on another site would post it.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = ManagedLoginStandIn.class, restrictToAnnotatedClass = false)
class ConsoleStatsAndSignupFormsTest {
    private static final Instant NINE = Instant.parse("2026-11-28T09:00:00Z");
    private static final Pattern INPUT = Pattern.compile("<input[^>]*\\bname=\"([a-zA-Z]+)\"(?:[^>]*\\bvalue=\"([^\"]*)\")?");

    @Inject
    MailingRepository mailings;
    @Inject
    MailingActivity activity;

    @Test
    void theStatsPageShowsTheFiguresTheirRatesAndTheChartsEscapingTheMailingsName() {
        String org = organisation();
        String mailing = mailing(org, "Lettre <img src=x onerror=alert(1)>", MailingState.SENT);
        assertThat(mailings.addCounts(org, mailing, Map.of("recipients", 10L, "sent", 8L, "failed", 1L, "skipped", 1L, "delivered", 6L,
                "bounced", 1L, "complained", 1L, "opened", 3L, "clicked", 2L, "unsubscribed", 1L))).isTrue();
        count(org, mailing, MailingCounter.DELIVERED, 4, NINE.plusSeconds(60));
        count(org, mailing, MailingCounter.DELIVERED, 2, NINE.plusSeconds(25 * 60));
        count(org, mailing, MailingCounter.OPENED, 3, NINE.plusSeconds(40 * 60));
        count(org, mailing, MailingCounter.CLICKED, 2, NINE.plusSeconds(41 * 60));

        String page = given().cookie(ConsoleSessions.SESSION, LocalStackResource.staffToken(org)).header("Accept-Language", "en")
                .get(MailingStatsResource.path(org, mailing)).then().statusCode(200).extract().asString();
        assertThat(page).contains("<title>Stats of Lettre &lt;img src=x onerror=alert(1)&gt; · Campagne " + org)
                .doesNotContain("<img src=x")
                .contains("data-figure=\"recipients\">10<", "data-figure=\"sent\">8<", "data-rate=\"sent\">80.00 %",
                        "data-figure=\"delivered\">6<", "data-rate=\"delivered\">75.00 %", "data-rate=\"opened\">50.00 %",
                        "data-rate=\"clicked\">33.33 %", "data-rate=\"bounced\">12.50 %", "data-rate=\"failed\">10.00 %",
                        "data-figure=\"skipped\">1<", "data-figure=\"unsubscribed\">1<")
                // the charts: an accessible name and description, and the same figures in a table
                .contains("<title id=\"time-title\">Delivered, opened and clicked over time</title>",
                        "in all 6 delivered, 3 opened, 2 clicked", "Per 10 minutes, Europe/Paris time.",
                        "<th scope=\"row\">28 Nov 10:00</th><td>4</td><td>0</td><td>0</td>",
                        "<th scope=\"row\">28 Nov 10:20</th><td>2</td><td>0</td><td>0</td>",
                        "<th scope=\"row\">28 Nov 10:40</th><td>0</td><td>3</td><td>2</td>",
                        "Bars: 1 bounces, 1 complaints, 1 unsubscribes.", "data-bar=\"complained\">1<")
                .containsPattern("<polyline class=\"series series-delivered\" points=\"[0-9., ]+\"/>")
                // a mailing that is done asks for nothing more
                .doesNotContain("hx-get=");
    }

    @Test
    void aMailingUnderWayIsAskedForAgainUntilItIsDone() {
        String org = organisation();
        String mailing = mailing(org, "Relance", MailingState.SENDING);
        String token = LocalStackResource.ownerToken(org);
        String figures = MailingStatsResource.path(org, mailing) + "/figures";
        given().cookie(ConsoleSessions.SESSION, token).get(MailingStatsResource.path(org, mailing)).then().statusCode(200)
                .body(containsString("hx-get=\"" + figures + "\" hx-trigger=\"every 5s\" hx-swap=\"outerHTML\""))
                .body(containsString("id=\"no-activity\""));

        assertThat(mailings.addCounts(org, mailing, Map.of("sent", 3L, "delivered", 2L))).isTrue();
        count(org, mailing, MailingCounter.DELIVERED, 2, NINE);
        given().cookie(ConsoleSessions.SESSION, token).header("HX-Request", "true").get(figures).then().statusCode(200)
                .body(containsString("data-figure=\"delivered\">2<")).body(containsString("id=\"chart-time\""))
                .body(containsString("hx-get=")).body(not(containsString("<html")));
    }

    @Test
    void theStatsPageIsForOwnersAndStaffOfTheMailingsOwnOrganisation() {
        String org = organisation();
        String mailing = mailing(org, "Lettre", MailingState.SENT);
        String path = MailingStatsResource.path(org, mailing);
        given().redirects().follow(false).get(path).then().statusCode(303);
        for (String refused : List.of(LocalStackResource.volunteerToken(org), LocalStackResource.ownerToken(organisation()))) {
            given().cookie(ConsoleSessions.SESSION, refused).get(path).then().statusCode(403);
            given().cookie(ConsoleSessions.SESSION, refused).get("/console/orgs/" + org + "/signup-forms").then().statusCode(403);
        }
        // another organisation's mailing is none of this one's
        String other = organisation();
        given().cookie(ConsoleSessions.SESSION, LocalStackResource.ownerToken(other)).header("Accept-Language", "en")
                .get(MailingStatsResource.path(other, mailing)).then().statusCode(404).body(containsString("Mailing not found"));
    }

    @Test
    void theSignupFormsPageGivesTheSnippetWithTheDefaultConsentAndTheHostedPage() {
        String org = organisation();
        String page = given().cookie(ConsoleSessions.SESSION, LocalStackResource.staffToken(org)).header("Accept-Language", "fr")
                .get("/console/orgs/" + org + "/signup-forms").then().statusCode(200).extract().asString();
        String snippet = snippet(page);
        assertThat(snippet).startsWith("<form method=\"post\" action=\"http://localhost:8081/v1/orgs/" + org + "/signups\"")
                .contains("name=\"consentVersion\" value=\"turnout-fr-1\"", "name=\"source\" value=\"snippet\"",
                        "<div hidden><label for=\"turnout-website\">", "<label for=\"turnout-email\">Adresse e-mail</label>",
                        "En m’inscrivant, j’accepte");
        assertThat(page).contains("id=\"hosted-url\" class=\"url\">http://localhost:8081/v1/orgs/" + org + "/signup<",
                        "Version turnout-fr-1", "texte par défaut")
                .containsPattern("<script src=\"/console/assets/signupforms-copy\\.js\\?v=[0-9a-f]{12}\" defer></script>")
                .doesNotContainPattern("\\son[a-z]+=");

        String hosted = given().header("Accept-Language", "en").get("/v1/orgs/{org}/signup", org).then().statusCode(200)
                .header("Cache-Control", "no-store").extract().asString();
        assertThat(hosted).contains("<html lang=\"fr\">", "<h1>Inscrivez-vous auprès de Campagne " + org + "</h1>",
                "name=\"source\" value=\"hosted-page\"");
        given().get("/v1/orgs/{org}/signup", "no-such-org").then().statusCode(404);
    }

    @Test
    void theSnippetPostedFromAnotherSiteSignsTheVisitorUpWithTheOrganisationsConsentVersion() {
        String org = organisation();
        String owner = LocalStackResource.ownerToken(org);
        Map<String, Object> settings = given().auth().oauth2(owner).get("/v1/admin/orgs/{org}", org).then().statusCode(200)
                .extract().jsonPath().getMap("");
        Map<String, Object> changed = new HashMap<>(settings);
        changed.put("consentText", "J’accepte <b>tout</b> & le reste");
        given().auth().oauth2(owner).contentType(ContentType.JSON).body(changed).put("/v1/admin/orgs/{org}", org)
                .then().statusCode(400).body(containsString("\"field\":\"consentVersion\""));
        changed.put("consentVersion", "2026-12-a");
        given().auth().oauth2(owner).contentType(ContentType.JSON).body(changed).put("/v1/admin/orgs/{org}", org)
                .then().statusCode(200);

        String page = given().cookie(ConsoleSessions.SESSION, owner).get("/console/orgs/" + org + "/signup-forms")
                .then().statusCode(200).extract().asString();
        assertThat(page).contains("J’accepte &lt;b&gt;tout&lt;/b&gt; &amp; le reste").doesNotContain("<b>tout");
        String snippet = snippet(page);
        assertThat(snippet).contains("<p>J’accepte &lt;b&gt;tout&lt;/b&gt; &amp; le reste</p>");

        // as a browser posts the form of a page on the campaign's site: form-encoded, asking for a page
        Map<String, String> form = new HashMap<>();
        Matcher input = INPUT.matcher(snippet);
        while (input.find()) {
            form.put(input.group(1), input.group(2) == null ? "" : input.group(2));
        }
        assertThat(form).containsOnlyKeys("email", "firstName", "lastName", "postcode", "consentVersion", "source", "website");
        form.put("email", "camille.snippet@example.org");
        form.put("firstName", "Camille");
        Matcher action = Pattern.compile("action=\"https?://[^/]+([^\"]+)\"").matcher(snippet);
        assertThat(action.find()).isTrue();
        given().redirects().follow(false).header("Origin", "https://campagne.example.net").header("Accept", "text/html")
                .contentType(ContentType.URLENC.withCharset("UTF-8")).formParams(form).post(action.group(1))
                .then().statusCode(200).body(containsString("Merci pour votre inscription"));

        given().auth().oauth2(owner).get("/v1/admin/orgs/{org}/contacts/{email}", org, "camille.snippet@example.org")
                .then().statusCode(200).body(containsString("\"status\":\"pending\""))
                .body(containsString("\"textVersion\":\"2026-12-a\"")).body(containsString("signup-form:snippet"));
    }

    /** The snippet as the page's read-only field holds it, unescaped as the browser shows it. */
    private static String snippet(String page) {
        Matcher textarea = Pattern.compile("<textarea id=\"snippet\"[^>]*>([^<]*)</textarea>").matcher(page);
        assertThat(textarea.find()).as(page).isTrue();
        return textarea.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&amp;", "&");
    }

    private void count(String org, String mailing, MailingCounter counter, int times, Instant at) {
        for (int i = 0; i < times; i++) {
            activity.count(org, mailing, counter, at);
        }
    }

    private String mailing(String org, String name, MailingState state) {
        String id = "m-" + UUID.randomUUID().toString().substring(0, 8);
        mailings.create(MailingBuilder.builder().orgId(org).mailingId(id).name(name).state(state.code()).createdAt(NINE).build());
        return id;
    }

    /** A new French organisation taking sign-ups, as the operator creates it. */
    private static String organisation() {
        String org = "stats-" + UUID.randomUUID().toString().substring(0, 8);
        given().auth().oauth2(LocalStackResource.operatorToken()).contentType(ContentType.JSON)
                .body(Map.of("id", org, "name", "Campagne " + org, "language", "fr", "timeZone", "Europe/Paris", "publicSignup", true))
                .post("/v1/admin/orgs").then().statusCode(201);
        return org;
    }
}
