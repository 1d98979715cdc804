package org.turnout.api.console.segments;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.turnout.api.ApiTestSupport;
import org.turnout.api.console.ConsoleSessions;
import org.turnout.api.console.ManagedLoginStandIn;
import org.turnout.contact.ContactBuilder;
import org.turnout.contact.ContactIds;
import org.turnout.contact.ContactRepository;
import org.turnout.contact.ContactStatus;
import org.turnout.contact.EmailAddress;
import org.turnout.testing.LocalStackResource;

/** The segments pages on the local emulators: the guard and CSRF on every route, escaping, the rule's errors, the count. */
@QuarkusTest
@QuarkusTestResource(value = LocalStackResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = ManagedLoginStandIn.class, restrictToAnnotatedClass = false)
class SegmentPagesTest {
    private static final ContactIds IDS = new ContactIds(LocalStackResource.CONTACT_ID_KEY);

    @Inject
    ContactRepository contacts;

    private static RequestSpecification as(String token, String language) {
        return given().redirects().follow(false).cookie(ConsoleSessions.SESSION, token).header("Accept-Language", language)
                .header("HX-Request", "true").header(ConsoleSessions.CSRF_HEADER, ConsoleSessions.csrfToken(token))
                .contentType(ContentType.URLENC);
    }

    /** The builder's form for one condition on tags. */
    private static Map<String, String> tagsRule(String name, String tags) {
        return Map.of("name", name, "r.kind", "all", "r-0.kind", "condition", "r-0.field", "tags", "r-0.op", "hasAny", "r-0.values", tags);
    }

    private void contact(String org, String email, ContactStatus status, List<String> tags, String firstName) {
        assertThat(contacts.createIfAbsent(ContactBuilder.builder().orgId(org).email(email).firstName(firstName).tags(tags)
                .contactId(IDS.forEmail(EmailAddress.parse(email).orElseThrow())).status(status.code()).build())).isPresent();
    }

    @Test
    void staffCountTheRuleAsItChangesSaveItReopenItAndDeleteIt() {
        String org = ApiTestSupport.newOrganisation("conseg");
        contact(org, "alix@example.org", ContactStatus.SUBSCRIBED, List.of("donateur"), "Alix");
        contact(org, "bea@example.org", ContactStatus.SUBSCRIBED, List.of("donateur", "benevole"), "Béa");
        contact(org, "chris@example.org", ContactStatus.PENDING, List.of("donateur"), "Chris");
        String token = LocalStackResource.staffToken(org);
        String base = SegmentPagesResource.path(org, null);

        as(token, "fr").get(base + "/new").then().statusCode(200)
                .body(containsString("<h1>Nouveau segment</h1>")).body(containsString("name=\"r-0.field\""));
        // consent applies: the pending contact is not counted
        String preview = as(token, "en").formParams(tagsRule("", "donateur")).post(base + "/preview").then().statusCode(200)
                .extract().asString();
        assertThat(preview).contains("data-count=\"2\"", "alix@example.org", "bea@example.org", "Béa").doesNotContain("chris@");
        assertThat(preview).contains("id=\"r-0-errors\" class=\"rule-errors\" hx-swap-oob=\"true\"></div>");

        // a button adds a condition: the builder comes back with it, focused, and the count of the rule as it is
        Map<String, String> form = new HashMap<>(tagsRule("Donateurs", "donateur"));
        form.put("action", "add:r");
        String builder = as(token, "en").formParams(form).post(base + "/builder").then().statusCode(200).extract().asString();
        assertThat(builder).contains("name=\"r-1.field\"", "id=\"r-1-field\" name=\"r-1.field\" hx-post", "autofocus",
                "hx-swap-oob=\"innerHTML\"");

        form.remove("action");
        form.putAll(Map.of("r-1.kind", "condition", "r-1.not", "on", "r-1.field", "tags", "r-1.op", "hasAny", "r-1.values", "benevole"));
        assertThat(as(token, "en").formParams(form).post(base + "/preview").then().statusCode(200).extract().asString())
                .contains("data-count=\"1\"", "alix@example.org").doesNotContain("bea@example.org");

        Response created = as(token, "en").formParams(form).post(base);
        created.then().statusCode(200);
        String page = created.header("HX-Redirect");
        assertThat(page).startsWith(base + "/").endsWith("?saved=1");
        String id = page.substring(base.length() + 1, page.indexOf('?'));

        String opened = as(token, "en").get(page).then().statusCode(200).extract().asString();
        assertThat(opened).contains("Segment saved.", "value=\"Donateurs\"", "hx-put=\"" + base + "/" + id + "\"",
                "name=\"r-1.not\" value=\"on\" checked", "value=\"benevole\"", "data-count=\"1\"", "name=\"version\" value=\"1\"");
        as(token, "en").get(base).then().statusCode(200).body(containsString("Donateurs"))
                .body(containsString("hx-get=\"" + base + "/" + id + "/count\""));
        as(token, "en").get(base + "/" + id + "/count").then().statusCode(200).body(equalTo("1\n"));

        form.put("version", "1");
        form.put("name", "Donateurs non bénévoles");
        as(token, "en").formParams(form).put(base + "/" + id).then().statusCode(200)
                .body(containsString("Segment saved.")).body(containsString("name=\"version\" value=\"2\""));
        // saved with the version read: one read before is refused, and said so
        form.put("version", "1");
        as(token, "en").formParams(form).put(base + "/" + id).then().statusCode(200)
                .body(containsString("This segment changed since you opened it"));

        as(token, "fr").get(base + "/" + id + "/delete").then().statusCode(200)
                .body(containsString("Supprimer le segment Donateurs non bénévoles"));
        as(token, "en").delete(base + "/" + id).then().statusCode(200).header("HX-Redirect", base);
        as(token, "en").get(base + "/" + id).then().statusCode(404);
    }

    @Test
    void anInvalidRuleShowsTheApisErrorNextToItsConditionInEitherLanguageAndIsNotSaved() {
        String org = ApiTestSupport.newOrganisation("conseg");
        String token = LocalStackResource.staffToken(org);
        String base = SegmentPagesResource.path(org, null);
        Map<String, String> form = new HashMap<>(tagsRule("Vide", ""));
        form.putAll(Map.of("r-1.kind", "any", "r-1-0.kind", "condition", "r-1-0.field", "mailings.notOpened",
                "r-1-0.op", "inLast", "r-1-0.value", "5000"));

        String english = as(token, "en").formParams(form).post(base + "/preview").then().statusCode(200).extract().asString();
        assertThat(english).contains("Fix the rule to see the count.",
                "id=\"r-0-errors\" class=\"rule-errors\" hx-swap-oob=\"true\"><p>Values: must be a non-empty list</p></div>",
                "id=\"r-1-0-errors\" class=\"rule-errors\" hx-swap-oob=\"true\"><p>Value: must be a whole number from 1 to 3650</p></div>",
                "id=\"r-1-errors\" class=\"rule-errors\" hx-swap-oob=\"true\"></div>");
        String french = as(token, "fr").formParams(form).post(base + "/preview").then().statusCode(200).extract().asString();
        assertThat(french).contains("Valeurs : doit contenir au moins une valeur", "Valeur : doit être un nombre entier de 1 à 3650");

        // saving it answers the form with the errors beside their conditions, and saves nothing
        as(token, "en").formParams(form).post(base).then().statusCode(200).header("HX-Redirect", (String) null)
                .body(containsString("<p>Values: must be a non-empty list</p>"));
        form.put("name", " ");
        form.put("r-0.values", "donateur");
        form.put("r-1-0.value", "2");
        as(token, "en").formParams(form).post(base).then().statusCode(200).body(containsString("<p>Name: is required</p>"));
        given().auth().oauth2(token).get("/v1/admin/orgs/{org}/segments", org).then().statusCode(200).body("items.size()", equalTo(0));
    }

    @Test
    void whatUsersTypeIsEscapedEverywhereItShows() {
        String org = ApiTestSupport.newOrganisation("conseg");
        String token = LocalStackResource.staffToken(org);
        String base = SegmentPagesResource.path(org, null);
        String evil = "<script>alert(1)</script>\"><img src=x>";
        String id = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("name", evil, "rule", Map.of("field", "attributes." + evil, "op", "equals", "value", evil)))
                .post("/v1/admin/orgs/{org}/segments", org).then().statusCode(201).extract().path("id");
        for (String path : List.of(base, base + "/" + id, base + "/" + id + "/delete")) {
            as(token, "en").get(path).then().statusCode(200).body(not(containsString("<script>alert")))
                    .body(not(containsString("<img src=x>"))).body(containsString("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x&gt;"));
        }
        String preview = as(token, "en").formParams(tagsRule(evil, evil)).post(base + "/preview").then().statusCode(200).extract().asString();
        assertThat(preview).doesNotContain("<script>alert", "<img src=x>");
    }

    @Test
    void volunteersOtherOrganisationsAndRequestsWithoutTheCsrfTokenAreRefused() {
        String org = ApiTestSupport.newOrganisation("conseg");
        String token = LocalStackResource.staffToken(org);
        String base = SegmentPagesResource.path(org, null);
        String id = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("name", "Donateurs", "rule", Map.of("field", "tags", "op", "hasAny", "values", List.of("donateur"))))
                .post("/v1/admin/orgs/{org}/segments", org).then().statusCode(201).extract().path("id");

        given().redirects().follow(false).get(base).then().statusCode(303);
        for (String refused : List.of(LocalStackResource.volunteerToken(org), LocalStackResource.ownerToken(ApiTestSupport.newOrganisation("conseg")))) {
            for (String path : List.of(base, base + "/new", base + "/" + id, base + "/" + id + "/count", base + "/" + id + "/delete")) {
                as(refused, "en").get(path).then().statusCode(403);
            }
            as(refused, "en").formParams(tagsRule("x", "donateur")).post(base + "/preview").then().statusCode(403);
            as(refused, "en").formParams(tagsRule("x", "donateur")).post(base).then().statusCode(403);
            as(refused, "en").delete(base + "/" + id).then().statusCode(403);
        }
        // the session alone does not do: every change carries the session's CSRF token
        for (String csrf : List.of("", "forged")) {
            RequestSpecification request = given().redirects().follow(false).cookie(ConsoleSessions.SESSION, token)
                    .header("HX-Request", "true").contentType(ContentType.URLENC);
            if (!csrf.isEmpty()) {
                request.header(ConsoleSessions.CSRF_HEADER, csrf);
            }
            request.formParams(tagsRule("x", "donateur")).post(base).then().statusCode(403);
        }
        given().redirects().follow(false).cookie(ConsoleSessions.SESSION, token).header("HX-Request", "true")
                .delete(base + "/" + id).then().statusCode(403);
        as(LocalStackResource.ownerToken(org), "en").get(base + "/" + id).then().statusCode(200);
        given().auth().oauth2(token).get("/v1/admin/orgs/{org}/segments", org).then().statusCode(200).body("items.size()", equalTo(1));
    }
}
