package org.turnout.api.console.contacts;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.turnout.api.ApiTestSupport;
import org.turnout.api.console.ConsoleSessions;
import org.turnout.api.console.ManagedLoginStandIn;
import org.turnout.audit.AuditTrail;
import org.turnout.canvass.CanvassRecord;
import org.turnout.canvass.CanvassRecordBuilder;
import org.turnout.contact.ConsentChange;
import org.turnout.contact.ConsentRecordBuilder;
import org.turnout.contact.Contact;
import org.turnout.contact.ContactBuilder;
import org.turnout.contact.ContactIds;
import org.turnout.contact.ContactRepository;
import org.turnout.contact.ContactStatus;
import org.turnout.contact.EmailAddress;
import org.turnout.sending.Recipient;
import org.turnout.sending.SendRecords;
import org.turnout.store.TurnoutTable;
import org.turnout.testing.LocalStackResource;

/** The contacts pages on the local emulators: search, a contact's page, export and erasure, behind the console's guard. */
@QuarkusTest
@QuarkusTestResource(value = LocalStackResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = ManagedLoginStandIn.class, restrictToAnnotatedClass = false)
class ContactsConsoleTest {
    private static final ContactIds IDS = new ContactIds(LocalStackResource.CONTACT_ID_KEY);

    @Inject
    ContactRepository contacts;
    @Inject
    SendRecords sendRecords;
    @Inject
    TurnoutTable table;
    @Inject
    AuditTrail audit;

    @Test
    void staffFindContactsByAddressNameTagAndStationAndWhatTheyTypedIsEscaped() {
        String org = ApiTestSupport.newOrganisation("contacts");
        Contact helene = contact(org, "Helene.Dupont@" + org + ".example.org", "Hélène", "Dupont", List.of("bénévole"), "0005");
        contact(org, "paul@" + org + ".example.org", "Paul", "Martin", List.of("donateur"), "0007");
        Contact script = contact(org, "script@" + org + ".example.org", "<script>alert(1)</script>", "Dupont", List.of(), null);
        String staff = LocalStackResource.staffToken(org);

        assertThat(search(staff, org, "email", "  HELENE.DUPONT@" + org.toUpperCase() + ".EXAMPLE.ORG ")).containsExactly(helene.contactId());
        assertThat(search(staff, org, "name", "helene")).containsExactly(helene.contactId());
        assertThat(search(staff, org, "name", "DUPONT hél")).containsExactly(helene.contactId());
        assertThat(search(staff, org, "name", "dupont")).containsExactlyInAnyOrder(helene.contactId(), script.contactId());
        // tags and stations as segment rules read them: one spelling of a tag, "5" is station 0005
        assertThat(search(staff, org, "tag", "Bénévole")).containsExactly(helene.contactId());
        assertThat(search(staff, org, "station", "5")).containsExactly(helene.contactId());
        assertThat(search(staff, org, "tag", "nobody")).isEmpty();

        String page = page(staff, org, "name", "script").then().statusCode(200).extract().asString();
        assertThat(page).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>alert");
        String typed = page(staff, org, "name", "<img src=x onerror=alert(1)>").then().statusCode(200).extract().asString();
        assertThat(typed).contains("value=\"&lt;img src=x onerror=alert(1)&gt;\"").doesNotContain("<img src=x");
        given().cookie(ConsoleSessions.SESSION, staff).get(ContactsResource.path(org) + "/" + script.contactId())
                .then().statusCode(200).body(containsString("&lt;script&gt;alert(1)&lt;/script&gt;"))
                .body(not(containsString("<script>alert")));
    }

    @Test
    void badSearchesAreNamedAndPagesGoOnByCursorToAnExactTotal() {
        String org = ApiTestSupport.newOrganisation("contacts");
        for (int i = 0; i < 30; i++) {
            contact(org, "m" + i + "@" + org + ".example.org", "Militant" + i, "Nord", List.of("quartier-nord"), "0001");
        }
        String staff = LocalStackResource.staffToken(org);
        page(staff, org, "email", "not-an-address").then().statusCode(400).body(containsString("data-field=\"q\""))
                .body(containsString("aria-invalid=\"true\""));
        given().cookie(ConsoleSessions.SESSION, staff).queryParam("by", "tag").queryParam("q", "quartier-nord")
                .queryParam("cursor", "99.zz.1").get(ContactsResource.path(org))
                .then().statusCode(400).body(containsString("data-field=\"cursor\""));

        String first = page(staff, org, "tag", "quartier-nord").then().statusCode(200).extract().asString();
        assertThat(rows(first)).hasSize(25);
        assertThat(first).contains("The first 25; more follow.");
        Matcher next = Pattern.compile("href=\"([^\"]+)\" rel=\"next\"").matcher(first);
        assertThat(next.find()).isTrue();
        String second = given().cookie(ConsoleSessions.SESSION, staff).header("Accept-Language", "en")
                .get(next.group(1).replace("&amp;", "&")).then().statusCode(200).extract().asString();
        assertThat(rows(second)).hasSize(5).doesNotContainAnyElementsOf(rows(first));
        assertThat(second).contains("30 contact(s) in all").doesNotContain("rel=\"next\"");

        Matcher count = Pattern.compile("hx-get=\"([^\"]+)\"").matcher(first);
        assertThat(count.find()).isTrue();
        given().cookie(ConsoleSessions.SESSION, staff).header("Accept-Language", "en").header("HX-Request", "true")
                .get(count.group(1).replace("&amp;", "&")).then().statusCode(200)
                .body(containsString("30 contact(s) in all")).body(not(containsString("<html")));
    }

    @Test
    void aContactsPageShowsConsentEngagementAndCanvassResults() {
        String org = ApiTestSupport.newOrganisation("contacts");
        String mailingId = draftMailing(org, "Lettre de mars");
        Instant requested = Instant.parse("2026-03-01T10:00:00Z");
        String email = "lea@" + org + ".example.org";
        Contact lea = contacts.createIfAbsent(ContactBuilder.builder().orgId(org).email(email).contactId(id(email))
                .firstName("Léa").lastName("Petit").status(ContactStatus.UNSUBSCRIBED.code()).station("0003").tags(List.of("donateur"))
                .consent(ConsentRecordBuilder.builder().source("signup-form:fete-2026").textVersion("v3").requestedAt(requested)
                        .confirmedAt(requested.plusSeconds(600)).build())
                .consentHistory(List.of(ConsentChange.of(requested.plusSeconds(86_400), ContactStatus.SUBSCRIBED,
                        ContactStatus.UNSUBSCRIBED, "unsubscribe-link", mailingId)))
                .mailingsReceived(List.of(mailingId)).mailingsOpened(List.of(mailingId)).build()).orElseThrow();
        Recipient recipient = new Recipient(org, mailingId, lea.contactId());
        assertThat(sendRecords.claim(recipient, 1L)).isTrue();
        assertThat(sendRecords.markSent(recipient, "ses-message-1", requested.plusSeconds(3600), true)).isPresent();
        table.items(CanvassRecord.SCHEMA).putItem(CanvassRecordBuilder.builder().orgId(org).contactId(lea.contactId())
                .session("s1").outcome("talked").support(4).volunteer(true).notes("Veut un <b>tract</b>")
                .canvasser("volontaire@" + org + ".example.org").at(requested.plusSeconds(7200)).recordedAt(requested.plusSeconds(7300)).build());

        String page = given().cookie(ConsoleSessions.SESSION, LocalStackResource.staffToken(org)).header("Accept-Language", "en")
                .get(ContactsResource.path(org) + "/" + lea.contactId()).then().statusCode(200).extract().asString();
        assertThat(page).contains("Léa", "Petit", email, "signup-form:fete-2026", "v3", "2026-03-01 10:10 UTC",
                "unsubscribe-link", "Sent: 1 · opened: 1 · clicked: 0 · bounces: 0 · complaints: 0",
                "data-mailing=\"" + mailingId + "\"", "Lettre de mars", "2026-03-01 11:00 UTC",
                "Talked", "Veut un &lt;b&gt;tract&lt;/b&gt;");
        // staff see no export nor erasure
        assertThat(page).doesNotContain("/export\"", "/erasure\"");

        given().cookie(ConsoleSessions.SESSION, LocalStackResource.staffToken(org))
                .get(ContactsResource.path(org) + "/" + "0".repeat(32)).then().statusCode(404);
        given().cookie(ConsoleSessions.SESSION, LocalStackResource.staffToken(org))
                .get(ContactsResource.path(org) + "/not-an-id").then().statusCode(404);
    }

    @Test
    void theGuardKeepsVolunteersOthersAndForgedPostsOutAndOnlyOwnersExportAndErase() {
        String org = ApiTestSupport.newOrganisation("contacts");
        String email = "jean@" + org + ".example.org";
        Contact jean = contact(org, email, "Jean", "Moulin", List.of(), null);
        String contactPath = ContactsResource.path(org) + "/" + jean.contactId();

        for (String refused : List.of(LocalStackResource.volunteerToken(org), LocalStackResource.ownerToken(ApiTestSupport.newOrganisation("contacts")))) {
            given().cookie(ConsoleSessions.SESSION, refused).header("Accept-Language", "en").get(ContactsResource.path(org))
                    .then().statusCode(403).body(containsString("Access denied"));
            given().cookie(ConsoleSessions.SESSION, refused).get(contactPath).then().statusCode(403);
        }
        String staff = LocalStackResource.staffToken(org);
        withCsrf(staff).post(contactPath + "/export").then().statusCode(403);
        withCsrf(staff).formParam("confirm", email).formParam("reason", "asked").post(contactPath + "/erasure").then().statusCode(403);
        given().cookie(ConsoleSessions.SESSION, staff).get(contactPath + "/erasure").then().statusCode(403);

        String owner = LocalStackResource.ownerToken(org);
        assertThat(given().cookie(ConsoleSessions.SESSION, owner).get(contactPath).then().statusCode(200).extract().asString())
                .contains("hx-post=\"" + contactPath + "/export\"", "hx-get=\"" + contactPath + "/erasure\"");
        // a forged request: no CSRF header, or another session's
        given().cookie(ConsoleSessions.SESSION, owner).post(contactPath + "/export").then().statusCode(403);
        given().cookie(ConsoleSessions.SESSION, owner).header(ConsoleSessions.CSRF_HEADER, ConsoleSessions.csrfToken(staff))
                .contentType(ContentType.URLENC).formParam("confirm", email).formParam("reason", "forged")
                .post(contactPath + "/erasure").then().statusCode(403);
        assertThat(contacts.find(org, jean.contactId())).isPresent();

        String export = withCsrf(owner).post(contactPath + "/export").then().statusCode(200).extract().asString();
        assertThat(export).contains("&quot;email&quot; : &quot;" + email + "&quot;", "download=\"contact-" + jean.contactId() + ".json\"",
                "href=\"data:application/json;base64,").doesNotContain("<html");
        assertThat(given().cookie(ConsoleSessions.SESSION, owner).header("Accept-Language", "en").get(contactPath + "/erasure")
                .then().statusCode(200).extract().asString()).contains("hx-post=\"" + contactPath + "/erasure\"", "name=\"confirm\"");

        withCsrf(owner).formParam("confirm", "someone@" + org + ".example.org").formParam("reason", "asked by mail")
                .post(contactPath + "/erasure").then().statusCode(200).body(containsString("data-field=\"confirm\""));
        withCsrf(owner).formParam("confirm", email).formParam("reason", " ")
                .post(contactPath + "/erasure").then().statusCode(200).body(containsString("data-field=\"reason\""));
        assertThat(contacts.find(org, jean.contactId())).isPresent();

        withCsrf(owner).formParam("confirm", email.toUpperCase()).formParam("reason", "asked by mail")
                .post(contactPath + "/erasure").then().statusCode(200).header("HX-Redirect", ContactsResource.path(org) + "?erased=1");
        assertThat(contacts.find(org, jean.contactId())).isEmpty();
        given().cookie(ConsoleSessions.SESSION, owner).get(contactPath).then().statusCode(404);
        assertThat(audit.list(org, 10, null).items()).extracting(entry -> entry.action())
                .contains("contact.export", "contact.erase");
    }

    private static RequestSpecification withCsrf(String session) {
        return given().cookie(ConsoleSessions.SESSION, session).header(ConsoleSessions.CSRF_HEADER, ConsoleSessions.csrfToken(session))
                .header("HX-Request", "true").contentType(ContentType.URLENC);
    }

    private static Response page(String session, String org, String by, String q) {
        return given().cookie(ConsoleSessions.SESSION, session).header("Accept-Language", "en")
                .queryParam("by", by).queryParam("q", q).get(ContactsResource.path(org));
    }

    private static List<String> search(String session, String org, String by, String q) {
        return rows(page(session, org, by, q).then().statusCode(200).extract().asString());
    }

    private static List<String> rows(String page) {
        Matcher row = Pattern.compile("data-contact=\"([0-9a-f]+)\"").matcher(page);
        List<String> ids = new ArrayList<>();
        while (row.find()) {
            ids.add(row.group(1));
        }
        return ids;
    }

    private Contact contact(String org, String email, String first, String last, List<String> tags, String station) {
        return contacts.createIfAbsent(ContactBuilder.builder().orgId(org).email(email).contactId(id(email)).firstName(first)
                .lastName(last).tags(tags).station(station).status(ContactStatus.SUBSCRIBED.code()).build()).orElseThrow();
    }

    private static String id(String email) {
        return IDS.forEmail(EmailAddress.parse(email).orElseThrow());
    }

    private static String draftMailing(String org, String name) {
        String token = LocalStackResource.staffToken(org);
        String segment = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("name", "Tous", "rule", Map.of("field", "tags", "op", "hasAny", "values", List.of("donateur"))))
                .post("/v1/admin/orgs/{org}/segments", org).then().statusCode(201).extract().path("id");
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("name", name, "from", Map.of("name", "Équipe", "address", "equipe@" + org + ".example.org"),
                        "subject", "Bonjour", "html", "<p>Bonjour</p>", "text", "Bonjour", "segmentId", segment))
                .post("/v1/admin/orgs/{org}/mailings", org).then().statusCode(201).extract().path("id");
    }
}
