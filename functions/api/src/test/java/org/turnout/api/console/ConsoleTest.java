package org.turnout.api.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.http.Cookie;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.turnout.contact.Contact;
import org.turnout.contact.ContactBuilder;
import org.turnout.contact.ContactIds;
import org.turnout.contact.ContactRepository;
import org.turnout.contact.ContactStatus;
import org.turnout.contact.EmailAddress;
import org.turnout.mailing.MailingRepository;
import org.turnout.testing.LocalStackResource;

@QuarkusTest
@QuarkusTestResource(value = LocalStackResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = ManagedLoginStandIn.class, restrictToAnnotatedClass = false)
class ConsoleTest {
    private static final ContactIds IDS = new ContactIds(LocalStackResource.CONTACT_ID_KEY);
    /** What template.yaml and the test configuration make of the console's URL and client. */
    private static final String CONSOLE = "http://localhost:8081/console";
    private static final String CLIENT_ID = "turnout";

    @Inject
    ContactRepository contacts;
    @Inject
    MailingRepository mailings;

    @Test
    void anOwnerSignsInWithTheCodeFlowAndPkceAndLandsOnTheDashboard() {
        String org = organisation();
        Response start = given().redirects().follow(false).get("/console");
        start.then().statusCode(303);
        URI authorize = URI.create(start.header("Location"));
        Map<String, String> query = query(authorize);
        assertThat(authorize.getPath()).isEqualTo("/oauth2/authorize");
        assertThat(query).containsEntry("response_type", "code").containsEntry("client_id", CLIENT_ID)
                .containsEntry("redirect_uri", CONSOLE + "/callback").containsEntry("code_challenge_method", "S256")
                .containsEntry("scope", "openid email").containsKeys("state", "code_challenge");
        Cookie signIn = start.detailedCookie(ConsoleSessions.SIGN_IN);
        assertThat(signIn.isHttpOnly()).isTrue();
        assertThat(signIn.isSecured()).isTrue();
        assertThat(signIn.getSameSite()).isEqualTo("Lax");
        assertThat(signIn.getValue()).doesNotContain(query.get("code_challenge"));

        String idToken = LocalStackResource.ownerToken(org);
        String code = ManagedLoginStandIn.approve(query.get("code_challenge"), CONSOLE + "/callback", CLIENT_ID, idToken);
        Response callback = given().redirects().follow(false).cookie(ConsoleSessions.SIGN_IN, signIn.getValue())
                .queryParam("code", code).queryParam("state", query.get("state")).get("/console/callback");
        callback.then().statusCode(200).body(containsString("http-equiv=\"refresh\" content=\"0; url=/console\""));
        Cookie session = callback.detailedCookie(ConsoleSessions.SESSION);
        assertThat(session.getValue()).isEqualTo(idToken);
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.isSecured()).isTrue();
        assertThat(session.getSameSite()).isEqualTo("Strict");
        assertThat(session.getPath()).isEqualTo("/console");
        assertThat(callback.detailedCookie(ConsoleSessions.SIGN_IN).getMaxAge()).isZero();

        // one organisation: straight to its dashboard
        given().redirects().follow(false).cookie(ConsoleSessions.SESSION, idToken).get("/console")
                .then().statusCode(303).header("Location", equalTo(here(DashboardResource.path(org))));
        given().cookie(ConsoleSessions.SESSION, idToken).header("Accept-Language", "fr").get(DashboardResource.path(org))
                .then().statusCode(200).body(containsString("Tableau de bord")).body(containsString("Campagne " + org));
    }

    @Test
    void aCallbackWithAnotherStateAReplayedCodeOrNoSignInCookieOpensNoSession() {
        String org = organisation();
        Response start = given().redirects().follow(false).get("/console");
        Map<String, String> query = query(URI.create(start.header("Location")));
        String signIn = start.cookie(ConsoleSessions.SIGN_IN);
        String code = ManagedLoginStandIn.approve(query.get("code_challenge"), CONSOLE + "/callback", CLIENT_ID,
                LocalStackResource.ownerToken(org));

        for (Map<String, String> wrong : List.of(Map.of("state", "another"), Map.of("state", query.get("state"), "cookie", "none"))) {
            var request = given().redirects().follow(false).queryParam("code", code).queryParam("state", wrong.get("state"));
            if (!wrong.containsKey("cookie")) {
                request.cookie(ConsoleSessions.SIGN_IN, signIn);
            }
            Response refused = request.get("/console/callback");
            refused.then().statusCode(400);
            assertThat(refused.cookie(ConsoleSessions.SESSION)).isNull();
        }
        // a signed cookie altered by one character is no sign-in of ours
        String altered = signIn.substring(0, 3) + (signIn.charAt(3) == 'A' ? 'B' : 'A') + signIn.substring(4);
        given().redirects().follow(false).cookie(ConsoleSessions.SIGN_IN, altered).queryParam("code", code)
                .queryParam("state", query.get("state")).get("/console/callback").then().statusCode(400);

        given().redirects().follow(false).cookie(ConsoleSessions.SIGN_IN, signIn).queryParam("code", code)
                .queryParam("state", query.get("state")).get("/console/callback").then().statusCode(200);
        // the login takes a code once
        given().redirects().follow(false).cookie(ConsoleSessions.SIGN_IN, signIn).queryParam("code", code)
                .queryParam("state", query.get("state")).get("/console/callback").then().statusCode(400);
    }

    @Test
    void theDashboardShowsTheOrganisationsFigures() {
        String org = organisation();
        seedContacts(org, Map.of(ContactStatus.SUBSCRIBED, 3, ContactStatus.PENDING, 2, ContactStatus.BOUNCED, 1));
        String token = LocalStackResource.staffToken(org);
        String mailingId = scheduledMailing(org, token);
        // 12 bounces and 1 complaint of 200: 6 % (above the 5 % review threshold), 0.5 % (at the pause threshold)
        assertThat(mailings.addCounts(org, mailingId, Map.of("recipients", 400L, "sent", 200L, "bounced", 12L, "complained", 1L))).isTrue();

        String page = given().cookie(ConsoleSessions.SESSION, token).header("Accept-Language", "en-GB,en;q=0.8")
                .get(DashboardResource.path(org)).then().statusCode(200).extract().asString();
        assertThat(page).contains("<html lang=\"en\">", "Contacts by status", "6 contacts in all",
                "data-status=\"subscribed\">3<", "data-status=\"pending\">2<", "data-status=\"bounced\">1<",
                "data-status=\"complained\">0<",
                "id=\"bounce-rate\">6.00 %<", "Above AWS&#39;s review threshold",
                "id=\"complaint-rate\">0.50 %<", "Above AWS&#39;s pause threshold",
                "data-mailing=\"" + mailingId + "\"", "data-count=\"sent\">200<", "No import yet.");

        // the mailings' counts as htmx asks for them again
        assertThat(mailings.addCounts(org, mailingId, Map.of("sent", 50L))).isTrue();
        given().cookie(ConsoleSessions.SESSION, token).header("HX-Request", "true").get(DashboardResource.path(org) + "mailings-in-progress")
                .then().statusCode(200).body(containsString("data-count=\"sent\">250<")).body(not(containsString("<html")));
    }

    @Test
    void theGuardIsTheApisRoleAndOrganisation() {
        String org = organisation();
        given().redirects().follow(false).get(DashboardResource.path(org))
                .then().statusCode(303).header("Location", equalTo(here("/console")));
        given().redirects().follow(false).cookie(ConsoleSessions.SESSION, "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl")
                .get(DashboardResource.path(org)).then().statusCode(303);
        // htmx is told where to go rather than handed the login page to swap in
        given().redirects().follow(false).header("HX-Request", "true").get(DashboardResource.path(org) + "mailings-in-progress")
                .then().statusCode(401).header("HX-Redirect", "/console");
        for (String refused : List.of(LocalStackResource.volunteerToken(org), LocalStackResource.ownerToken(organisation()),
                LocalStackResource.operatorToken())) {
            given().cookie(ConsoleSessions.SESSION, refused).header("Accept-Language", "en").get(DashboardResource.path(org))
                    .then().statusCode(403).body(containsString("Access denied"));
        }
        given().cookie(ConsoleSessions.SESSION, LocalStackResource.ownerToken(org)).get(DashboardResource.path(org)).then().statusCode(200);
    }

    @Test
    void signOutAndTheLanguageTakeTheSessionsCsrfTokenAndGoOnlyWhereTheyShould() {
        String org = organisation();
        String token = LocalStackResource.ownerToken(org);
        String page = given().cookie(ConsoleSessions.SESSION, token).get(DashboardResource.path(org)).then().statusCode(200)
                .extract().asString();
        Matcher meta = Pattern.compile("name=\"csrf\" value=\"([A-Za-z0-9_-]+)\"").matcher(page);
        assertThat(meta.find()).isTrue();
        String csrf = meta.group(1);
        assertThat(page).contains("hx-headers='{\"X-CSRF-Token\": \"" + csrf + "\"}'");

        given().redirects().follow(false).cookie(ConsoleSessions.SESSION, token).contentType(ContentType.URLENC)
                .formParam("csrf", "forged").post("/console/sign-out").then().statusCode(403);
        given().redirects().follow(false).cookie(ConsoleSessions.SESSION, LocalStackResource.ownerToken(org)).contentType(ContentType.URLENC)
                .formParam("csrf", csrf).post("/console/sign-out").then().statusCode(403);

        given().redirects().follow(false).cookie(ConsoleSessions.SESSION, token).contentType(ContentType.URLENC)
                .formParam("csrf", csrf).formParam("lang", "en").formParam("back", "//evil.example/console/")
                .post("/console/language").then().statusCode(303).header("Location", equalTo(here("/console")))
                .cookie(ConsoleSessions.LANGUAGE, "en");
        given().redirects().follow(false).cookie(ConsoleSessions.SESSION, token).contentType(ContentType.URLENC)
                .formParam("csrf", csrf).formParam("lang", "en").formParam("back", DashboardResource.path(org))
                .post("/console/language").then().statusCode(303).header("Location", equalTo(here(DashboardResource.path(org))));
        // the choice outranks the browser's language
        given().cookie(ConsoleSessions.SESSION, token).cookie(ConsoleSessions.LANGUAGE, "en").header("Accept-Language", "fr")
                .get(DashboardResource.path(org)).then().statusCode(200).body(containsString("<html lang=\"en\">"));

        Response out = given().redirects().follow(false).cookie(ConsoleSessions.SESSION, token).contentType(ContentType.URLENC)
                .formParam("csrf", csrf).post("/console/sign-out");
        out.then().statusCode(303);
        Map<String, String> logout = query(URI.create(out.header("Location")));
        assertThat(URI.create(out.header("Location")).getPath()).isEqualTo("/logout");
        assertThat(logout).containsEntry("client_id", CLIENT_ID).containsEntry("logout_uri", CONSOLE + "/signed-out");
        assertThat(out.detailedCookie(ConsoleSessions.SESSION).getMaxAge()).isZero();
    }

    @Test
    void pagesRunNoInlineScriptAndTheAssetsAreCachedForAYearUnderADigest() throws Exception {
        String org = organisation();
        Response page = given().cookie(ConsoleSessions.SESSION, LocalStackResource.ownerToken(org)).get(DashboardResource.path(org));
        String csp = page.header("Content-Security-Policy");
        assertThat(csp).contains("script-src 'self';", "frame-ancestors 'none'").doesNotContain("unsafe");
        assertThat(page.header("Cache-Control")).isEqualTo("no-store");
        assertThat(page.asString()).doesNotContain("<script>").doesNotContainPattern("\\son[a-z]+=");
        Matcher script = Pattern.compile("<script src=\"(/console/assets/htmx\\.min\\.js\\?v=[0-9a-f]{12})\" defer></script>")
                .matcher(page.asString());
        assertThat(script.find()).isTrue();

        Response asset = given().get(script.group(1));
        asset.then().statusCode(200);
        assertThat(asset.headers().getValues("Cache-Control")).containsExactly("public", "max-age=31536000", "immutable");
        assertThat(asset.asByteArray()).isEqualTo(Files.readAllBytes(Path.of("node_modules/htmx.org/dist/htmx.min.js")));
        given().get("/console/assets/console.css").then().statusCode(200).contentType(startsWith("text/css"));
    }

    private static String organisation() {
        String org = "console-" + UUID.randomUUID().toString().substring(0, 8);
        given().auth().oauth2(LocalStackResource.operatorToken()).contentType(ContentType.JSON)
                .body(Map.of("id", org, "name", "Campagne " + org, "language", "fr", "timeZone", "Europe/Paris",
                        "senders", List.of(Map.of("name", "Équipe", "address", "equipe@" + org + ".example.org"))))
                .post("/v1/admin/orgs").then().statusCode(201);
        return org;
    }

    private void seedContacts(String org, Map<ContactStatus, Integer> counts) {
        counts.forEach((status, count) -> {
            for (int i = 0; i < count; i++) {
                String email = status.code() + i + "@" + org + ".example.org";
                assertThat(contacts.createIfAbsent(ContactBuilder.builder().orgId(org).email(email)
                        .contactId(IDS.forEmail(EmailAddress.parse(email).orElseThrow())).status(status.code()).build())).isPresent();
            }
        });
    }

    private static String scheduledMailing(String org, String token) {
        String segment = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("name", "Tous", "rule", Map.of("field", "tags", "op", "hasAny", "values", List.of("x"))))
                .post("/v1/admin/orgs/{org}/segments", org).then().statusCode(201).extract().path("id");
        Map<String, Object> draft = new HashMap<>(Map.of("name", "Lettre de décembre",
                "from", Map.of("name", "Équipe", "address", "equipe@" + org + ".example.org"),
                "subject", "Bonjour", "html", "<p>Bonjour</p>", "text", "Bonjour", "segmentId", segment));
        String id = given().auth().oauth2(token).contentType(ContentType.JSON).body(draft)
                .post("/v1/admin/orgs/{org}/mailings", org).then().statusCode(201).extract().path("id");
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("sendAt", Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString()))
                .post("/v1/admin/orgs/{org}/mailings/{id}/schedule", org, id).then().statusCode(200);
        return id;
    }

    /** A URL of the app under test: JAX-RS makes a redirect's location absolute. */
    private static String here(String path) {
        return RestAssured.baseURI + ":" + RestAssured.port + path;
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> query = new HashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int equals = pair.indexOf('=');
            query.put(pair.substring(0, equals), URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return query;
    }
}
