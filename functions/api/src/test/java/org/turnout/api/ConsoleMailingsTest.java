package org.turnout.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.turnout.api.ApiTestSupport.emailsTo;
import static org.turnout.api.ApiTestSupport.newOrganisation;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneOffsetTransition;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.turnout.api.console.ConsoleSessions;
import org.turnout.api.console.ManagedLoginStandIn;
import org.turnout.api.console.mailings.MailingsConsoleResource;
import org.turnout.contact.ContactBuilder;
import org.turnout.contact.ContactIds;
import org.turnout.contact.ContactRepository;
import org.turnout.contact.ContactStatus;
import org.turnout.contact.EmailAddress;
import org.turnout.testing.LocalStackResource;

/**
 * The mailings' console pages on the local stack: who may open them, the CSRF token on everything that changes a
 * mailing, what a visitor or staff typed shown escaped, the preview's frame under a policy that runs no script, the
 * template errors with line and column, and a send time typed in the organisation's zone stored as the right instant.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = ManagedLoginStandIn.class, restrictToAnnotatedClass = false)
class ConsoleMailingsTest {
    private static final ContactIds IDS = new ContactIds(LocalStackResource.CONTACT_ID_KEY);
    private static final String HOSTILE = "<img src=x onerror=alert(1)>";
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @Inject
    ContactRepository contacts;

    @Test
    void onlyTheOrganisationsOwnersAndStaffOpenItsMailings() {
        String org = organisation();
        String mailings = MailingsConsoleResource.path(org);
        given().redirects().follow(false).get(mailings).then().statusCode(303);
        given().redirects().follow(false).header("HX-Request", "true").get(mailings + "/new").then().statusCode(401)
                .header("HX-Redirect", "/console");
        for (String refused : List.of(LocalStackResource.volunteerToken(org), LocalStackResource.staffToken(organisation()))) {
            given().cookie(ConsoleSessions.SESSION, refused).header("Accept-Language", "en").get(mailings)
                    .then().statusCode(403).body(containsString("Access denied"));
        }
        given().cookie(ConsoleSessions.SESSION, LocalStackResource.staffToken(org)).header("Accept-Language", "en").get(mailings)
                .then().statusCode(200).body(containsString("No mailing yet.")).body(containsString("aria-current=\"page\">Mailings<"));
        given().cookie(ConsoleSessions.SESSION, LocalStackResource.ownerToken(org)).get(mailings + "/new")
                .then().statusCode(200).body(containsString("{first_name}")).body(containsString("{unsubscribe_url}"))
                .body(containsString("equipe@" + org + ".example.org"));
    }

    @Test
    void everyChangeTakesTheSessionsCsrfTokenAndASavedDraftOpensInTheEditor() {
        String org = organisation();
        String token = LocalStackResource.staffToken(org);
        Map<String, String> form = content(org, "Lettre", "Bonjour {first_name ?: \"ami\"}");
        given().cookie(ConsoleSessions.SESSION, token).contentType(ContentType.URLENC).formParams(form)
                .post(MailingsConsoleResource.path(org)).then().statusCode(403);
        given().cookie(ConsoleSessions.SESSION, token).header(ConsoleSessions.CSRF_HEADER, ConsoleSessions.csrfToken(LocalStackResource.staffToken(organisation())))
                .contentType(ContentType.URLENC).formParams(form).post(MailingsConsoleResource.path(org)).then().statusCode(403);

        String id = create(org, token, form);
        String page = signedIn(token).get(MailingsConsoleResource.path(org) + "/" + id).then().statusCode(200).extract().asString();
        assertThat(page).contains("value=\"Lettre\"", "data-state=\"draft\"", "id=\"delete\"", "id=\"schedule\"")
                .doesNotContain("id=\"pause\"", "id=\"resume\"");

        // the version read guards the save; an action answers a reload of the page
        Map<String, String> changed = new HashMap<>(form);
        changed.put("name", "Lettre de décembre");
        changed.put("version", "999");
        htmx(token).formParams(changed).put(MailingsConsoleResource.path(org) + "/" + id).then().statusCode(200)
                .header("HX-Retarget", "#alert");
        changed.put("version", versionIn(page));
        htmx(token).formParams(changed).put(MailingsConsoleResource.path(org) + "/" + id).then().statusCode(200)
                .header("HX-Redirect", MailingsConsoleResource.path(org) + "/" + id);
        htmx(token).post(MailingsConsoleResource.path(org) + "/" + id + "/cancel").then().statusCode(200).header("HX-Refresh", "true");
        String cancelled = signedIn(token).get(MailingsConsoleResource.path(org) + "/" + id).then().statusCode(200).extract().asString();
        assertThat(cancelled).contains("Lettre de décembre", "data-state=\"cancelled\"")
                .doesNotContain("id=\"mailing-form\"", "id=\"cancel\"", "id=\"schedule\"");
        // what the service refuses is said, not hidden
        htmx(token).post(MailingsConsoleResource.path(org) + "/" + id + "/resume").then().statusCode(200)
                .header("HX-Retarget", "#alert").body(containsString("only a paused mailing can be resumed"));
    }

    @Test
    void templateErrorsComeWithLineAndColumnNextToTheirField() {
        String org = organisation();
        String token = LocalStackResource.staffToken(org);
        Map<String, String> form = content(org, "Lettre", "Bonjour\n{prenom}");
        form.put("subject", "Bonjour {first_name");
        String errors = htmx(token).formParams(form).post(MailingsConsoleResource.path(org) + "/check")
                .then().statusCode(200).header("HX-Reswap", "none").extract().asString();
        assertThat(errors).contains("<p id=\"error-text\" hx-swap-oob=\"innerHTML\"><span>line 2, column 1: unknown field &#39;prenom&#39;")
                .contains("<p id=\"error-name\" hx-swap-oob=\"innerHTML\"></p>")
                .containsPattern("<p id=\"error-subject\" hx-swap-oob=\"innerHTML\"><span>line 1, column \\d+: ");
        form.put("subject", "Bonjour {first_name}");
        form.put("text", "Bonjour\n{first_name}");
        assertThat(htmx(token).formParams(form).post(MailingsConsoleResource.path(org) + "/check").then().statusCode(200).extract().asString())
                .doesNotContain("<span>");
        // saving what is wrong is refused the same way, and nothing is saved
        form.put("html", "<p>{attributes.quartier</p>");
        htmx(token).formParams(form).post(MailingsConsoleResource.path(org)).then().statusCode(200)
                .body(containsString("<p id=\"error-html\" hx-swap-oob=\"innerHTML\"><span>line 1, column"));
        assertThat(signedIn(token).get(MailingsConsoleResource.path(org)).then().statusCode(200).extract().asString())
                .contains("Aucun envoi");
    }

    @Test
    void whatStaffAndContactsTypedIsEscapedInTheListAndThePreviewAndTheFrameRunsNoScript() {
        String org = organisation();
        String token = LocalStackResource.staffToken(org);
        String email = "camille@" + org + ".example.org";
        contacts.createIfAbsent(ContactBuilder.builder().orgId(org).email(email).firstName("<b>Camille</b>")
                .contactId(IDS.forEmail(EmailAddress.parse(email).orElseThrow())).status(ContactStatus.SUBSCRIBED.code()).build());
        Map<String, String> form = content(org, HOSTILE, "Bonjour {first_name}");
        form.put("subject", HOSTILE + " {first_name}");
        form.put("html", "<p>Bonjour {first_name}</p><script>alert(1)</script>");
        String id = create(org, token, form);

        String list = signedIn(token).get(MailingsConsoleResource.path(org)).then().statusCode(200).extract().asString();
        assertThat(list).contains("&lt;img src=x onerror=alert(1)&gt;").doesNotContain(HOSTILE);

        String preview = htmx(token).formParam("contact", email).post(MailingsConsoleResource.path(org) + "/" + id + "/preview")
                .then().statusCode(200).extract().asString();
        assertThat(preview).contains("id=\"preview-subject\">&lt;img src=x onerror=alert(1)&gt; &lt;b&gt;Camille&lt;/b&gt;<")
                .contains("Bonjour &lt;b&gt;Camille&lt;/b&gt;")
                .contains("sandbox src=\"/console/orgs/" + org + "/mailings/" + id + "/preview.html?contact=" + IDS.forEmail(EmailAddress.parse(email).orElseThrow()) + "\"")
                .doesNotContain(HOSTILE, "<b>Camille");
        String frame = preview.replaceAll("(?s).*sandbox src=\"([^\"]+)\".*", "$1");
        var html = signedIn(token).get(frame);
        html.then().statusCode(200);
        // the send path's rendering: the merge field escaped in the HTML body; the frame's policy runs none of its script
        assertThat(html.asString()).contains("<p>Bonjour &lt;b&gt;Camille&lt;/b&gt;</p>");
        String policy = html.header("Content-Security-Policy");
        assertThat(policy).contains("default-src 'none'", "sandbox", "frame-ancestors 'self'").doesNotContain("script-src");
        String editor = signedIn(token).get(MailingsConsoleResource.path(org) + "/" + id).header("Content-Security-Policy");
        assertThat(editor).contains("script-src 'self'", "frame-src 'self'").doesNotContain("unsafe");

        // an address that is no contact is refused next to its field
        htmx(token).formParam("contact", "nobody@" + org + ".example.org").post(MailingsConsoleResource.path(org) + "/" + id + "/preview")
                .then().statusCode(200).body(containsString("<p id=\"error-contact\" hx-swap-oob=\"innerHTML\"><span>no contact"));
    }

    @Test
    void aSendTimeTypedInTheOrganisationsZoneIsStoredAsThatInstantEvenOnTheNightTheClocksChange() {
        String org = organisation();
        String token = LocalStackResource.staffToken(org);
        String segment = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("name", "Tous", "rule", Map.of("field", "tags", "op", "hasAny", "values", List.of("x"))))
                .post("/v1/admin/orgs/{org}/segments", org).then().statusCode(201).extract().path("id");
        Map<String, String> form = content(org, "Lettre", "Bonjour");
        form.put("segmentId", segment);
        String id = create(org, token, form);

        // 02:30 on the next night Paris changes its clocks: skipped in spring (03:30 summer time), twice in autumn (the first)
        ZoneOffsetTransition change = PARIS.getRules().nextTransition(Instant.now());
        Instant expected = change.isGap() ? change.getInstant().plus(Duration.ofMinutes(30)) : change.getInstant().minus(Duration.ofMinutes(30));
        String typed = change.getDateTimeBefore().toLocalDate() + "T02:30";
        htmx(token).formParam("sendAt", typed).post(MailingsConsoleResource.path(org) + "/" + id + "/schedule")
                .then().statusCode(200).header("HX-Refresh", "true");
        given().auth().oauth2(token).get("/v1/admin/orgs/{org}/mailings/{id}", org, id).then().statusCode(200)
                .body("state", equalTo("scheduled")).body("sendAt", equalTo(expected.toString()));
        String shown = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").format(expected.atZone(PARIS)) + " (UTC+02:00)";
        String page = signedIn(token).get(MailingsConsoleResource.path(org) + "/" + id).then().statusCode(200).extract().asString();
        assertThat(page).contains("id=\"mailing-send-at\">" + shown + "<", "data-state=\"scheduled\"", "id=\"cancel\"",
                "hx-trigger=\"every 3s\"", "value=\"" + DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm").format(expected.atZone(PARIS)) + "\"");
        assertThat(signedIn(token).get(MailingsConsoleResource.path(org)).then().statusCode(200).extract().asString()).contains(shown);

        // a time gone by is refused next to the field
        htmx(token).formParam("sendAt", "2020-01-01T10:00").post(MailingsConsoleResource.path(org) + "/" + id + "/schedule")
                .then().statusCode(200).body(containsString("<p id=\"error-sendAt\" hx-swap-oob=\"innerHTML\"><span>must be in the future"));
        // the poll of a page that showed it scheduled: the same, or a reload once it no longer is editable
        htmx(token).get(MailingsConsoleResource.path(org) + "/" + id + "/status?shown=scheduled").then().statusCode(200)
                .body(containsString("data-state=\"scheduled\""));
        htmx(token).get(MailingsConsoleResource.path(org) + "/" + id + "/status?shown=sent").then().statusCode(200)
                .header("HX-Refresh", "true");
    }

    @Test
    void aTestGoesThroughTheApisTestSendToTheAddressGiven() {
        String org = organisation();
        String token = LocalStackResource.staffToken(org);
        String id = create(org, token, content(org, "Lettre", "Bonjour {first_name ?: \"ami\"}"));
        String address = "staff-" + org + "@example.org";
        htmx(token).formParam("address", address).formParam("contact", "").post(MailingsConsoleResource.path(org) + "/" + id + "/test")
                .then().statusCode(200).body(containsString("Test envoyé à " + address));
        assertThat(emailsTo(address)).singleElement().satisfies(email -> {
            assertThat(email.path("subject").asText()).isEqualTo("[Test] Lettre");
            assertThat(email.path("body").path("text").asText()).contains("Bonjour ami");
        });
        htmx(token).formParam("address", "not an address").post(MailingsConsoleResource.path(org) + "/" + id + "/test")
                .then().statusCode(200).body(containsString("<p id=\"error-addresses\" hx-swap-oob=\"innerHTML\"><span>"));
    }

    private static String organisation() {
        return newOrganisation("mailings");
    }

    /** The editor's form as a browser sends it. */
    private static Map<String, String> content(String org, String name, String text) {
        Map<String, String> form = new HashMap<>(Map.of("name", name, "fromAddress", "equipe@" + org + ".example.org",
                "subject", name, "html", "", "text", text, "segmentId", "", "version", ""));
        return form;
    }

    private static String create(String org, String token, Map<String, String> form) {
        String location = htmx(token).formParams(form).post(MailingsConsoleResource.path(org))
                .then().statusCode(200).extract().header("HX-Redirect");
        assertThat(location).as("saved, not refused").startsWith(MailingsConsoleResource.path(org) + "/");
        return location.substring(location.lastIndexOf('/') + 1);
    }

    private static String versionIn(String page) {
        return page.replaceAll("(?s).*name=\"version\" value=\"(\\d+)\".*", "$1");
    }

    private static RequestSpecification signedIn(String token) {
        return given().redirects().follow(false).cookie(ConsoleSessions.SESSION, token).header("Accept-Language", "fr");
    }

    /** A request as htmx sends it from a page of this session: the CSRF header, a form body. */
    private static RequestSpecification htmx(String token) {
        return signedIn(token).header("HX-Request", "true").header(ConsoleSessions.CSRF_HEADER, ConsoleSessions.csrfToken(token))
                .contentType(ContentType.URLENC);
    }
}
