package org.turnout.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;
import static org.turnout.api.ApiTestSupport.emailsTo;
import static org.turnout.api.ApiTestSupport.newOrganisation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.turnout.contact.Contact;
import org.turnout.contact.ContactBuilder;
import org.turnout.contact.ContactRepository;
import org.turnout.contact.ContactStatus;
import org.turnout.contact.ContactIds;
import org.turnout.contact.EmailAddress;
import org.turnout.local.scheduler.Schedule;
import org.turnout.testing.LocalStackResource;

@QuarkusTest
@QuarkusTestResource(value = LocalStackResource.class, restrictToAnnotatedClass = false)
class MailingApiTest {
    private static final ContactIds IDS = new ContactIds(LocalStackResource.CONTACT_ID_KEY);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    ContactRepository contacts;

    @Test
    void aMailingIsWrittenScheduledInTheOrganisationsTimeZoneMovedAndCancelled() throws Exception {
        String org = newOrganisation("mail");
        String token = LocalStackResource.staffToken(org);
        String segmentId = segment(org, token);

        Map<String, Object> draft = draft(org, segmentId);
        JsonPath created = given().auth().oauth2(token).contentType(ContentType.JSON).body(draft)
                .post("/v1/admin/orgs/{org}/mailings", org)
                .then().statusCode(201).body("state", equalTo("draft")).body("from.name", equalTo("Équipe " + org))
                .extract().jsonPath();
        String id = created.getString("id");

        // local time in the organisation's zone: Paris
        ZonedDateTime paris = ZonedDateTime.now(ZoneId.of("Europe/Paris")).plusDays(1).truncatedTo(ChronoUnit.MINUTES);
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("sendAt", paris.toLocalDateTime().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME)))
                .post("/v1/admin/orgs/{org}/mailings/{id}/schedule", org, id)
                .then().statusCode(200).body("state", equalTo("scheduled")).body("sendAt", equalTo(paris.toInstant().toString()));
        Schedule schedule = LocalStackResource.scheduler.schedules().stream()
                .filter(s -> s.name().equals("mailing-" + org + "-" + id)).findFirst().orElseThrow();
        assertThat(schedule.expression()).isEqualTo("at(" + paris.toLocalDateTime().format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")) + ")");
        assertThat(schedule.timezone()).isEqualTo("Europe/Paris");
        JsonNode input = JSON.readTree(schedule.input());
        assertThat(input.path("org").asText()).isEqualTo(org);
        assertThat(input.path("mailing").asText()).isEqualTo(id);

        // rescheduled: the same schedule moves
        Instant later = paris.plusHours(2).toInstant();
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("sendAt", later.toString()))
                .post("/v1/admin/orgs/{org}/mailings/{id}/schedule", org, id)
                .then().statusCode(200).body("sendAt", equalTo(later.toString()));
        assertThat(LocalStackResource.scheduler.schedules().stream().filter(s -> s.name().equals("mailing-" + org + "-" + id)))
                .singleElement().satisfies(s -> assertThat(JSON.readTree(s.input()).path("sendAt").asText()).isEqualTo(later.toString()));

        given().auth().oauth2(token).contentType(ContentType.JSON).post("/v1/admin/orgs/{org}/mailings/{id}/cancel", org, id)
                .then().statusCode(200).body("state", equalTo("cancelled"));
        assertThat(LocalStackResource.scheduler.schedules()).noneMatch(s -> s.name().equals("mailing-" + org + "-" + id));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("sendAt", later.toString()))
                .post("/v1/admin/orgs/{org}/mailings/{id}/schedule", org, id)
                .then().statusCode(409);
        given().auth().oauth2(token).get("/v1/admin/orgs/{org}/mailings", org)
                .then().statusCode(200).body("items.id", hasItems(id));
        given().auth().oauth2(token).get("/v1/admin/orgs/{org}/mailings/{id}/stats", org, id)
                .then().statusCode(200).body("sent", equalTo(0)).body("delivered", equalTo(0)).body("rates.open", equalTo(null));
    }

    @Test
    void badTemplatesUnknownFieldsForeignSendersAndPastTimesAreRefusedByField() {
        String org = newOrganisation("mail");
        String token = LocalStackResource.staffToken(org);
        Map<String, Object> bad = new HashMap<>(draft(org, null));
        bad.put("html", "<p>Bonjour\n {frist_name}</p>");
        bad.put("subject", "{#if first_name}Salut");
        bad.put("from", Map.of("address", "someone@elsewhere.example.org"));
        bad.put("sendAt", "tomorrow");
        JsonPath problem = given().auth().oauth2(token).contentType(ContentType.JSON).body(bad)
                .post("/v1/admin/orgs/{org}/mailings", org)
                .then().statusCode(400).contentType("application/problem+json").extract().jsonPath();
        assertThat(problem.getList("errors.field")).contains("html", "subject", "from.address", "sendAt");
        assertThat(problem.getString("errors.find { it.field == 'html' }.message")).startsWith("line 2, column 2: unknown field 'frist_name'");

        String id = given().auth().oauth2(token).contentType(ContentType.JSON).body(draft(org, null))
                .post("/v1/admin/orgs/{org}/mailings", org).then().statusCode(201).extract().path("id");
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("sendAt", Instant.now().minusSeconds(60).toString()))
                .post("/v1/admin/orgs/{org}/mailings/{id}/schedule", org, id)
                .then().statusCode(400).body("errors.field", hasItems("sendAt", "segmentId"));
        // another organisation's staff cannot see it
        given().auth().oauth2(LocalStackResource.staffToken("other-org")).get("/v1/admin/orgs/{org}/mailings/{id}", org, id)
                .then().statusCode(403);
    }

    @Test
    void previewRendersForAContactAndTestSendsOnlyToTheGivenAddressesWithSafeHeaders() {
        String org = newOrganisation("mail");
        String token = LocalStackResource.staffToken(org);
        Map<String, Object> draft = new HashMap<>(draft(org, null));
        draft.put("subject", "Bonjour {first_name ?: 'ami'}");
        String id = given().auth().oauth2(token).contentType(ContentType.JSON).body(draft)
                .post("/v1/admin/orgs/{org}/mailings", org).then().statusCode(201).extract().path("id");

        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of())
                .post("/v1/admin/orgs/{org}/mailings/{id}/preview", org, id)
                .then().statusCode(200).body("subject", equalTo("Bonjour ami")).body("html", startsWith("<p>Bonjour ami, bureau"));

        // a contact whose name carries a line break and markup: the subject stays one line, the HTML escapes it
        Contact eve = ContactBuilder.builder()
                .orgId(org)
                .email("eve@example.org")
                .contactId(IDS.forEmail(EmailAddress.parse("eve@example.org").orElseThrow()))
                .firstName("Eve<b>\r\nBcc: x@example.org")
                .status(ContactStatus.SUBSCRIBED.code())
                .build();
        contacts.createIfAbsent(eve);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("contactId", eve.contactId()))
                .post("/v1/admin/orgs/{org}/mailings/{id}/preview", org, id)
                .then().statusCode(200)
                .body("subject", equalTo("Bonjour Eve<b> Bcc: x@example.org"))
                .body("html", startsWith("<p>Bonjour Eve&lt;b&gt;"));

        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("addresses", List.of("relecture@example.org")))
                .post("/v1/admin/orgs/{org}/mailings/{id}/test", org, id)
                .then().statusCode(200).body("messageIds.size()", equalTo(1));
        List<JsonNode> sent = emailsTo("relecture@example.org");
        assertThat(sent).isNotEmpty();
        assertThat(sent.get(sent.size() - 1).path("subject").asText()).isEqualTo("[Test] Bonjour ami");
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("addresses", List.of("not an address")))
                .post("/v1/admin/orgs/{org}/mailings/{id}/test", org, id)
                .then().statusCode(400).body("errors[0].field", equalTo("addresses[0]"));
    }

    private static Map<String, Object> draft(String org, String segmentId) {
        Map<String, Object> draft = new HashMap<>(Map.of(
                "name", "Réunion publique",
                "from", Map.of("address", "equipe@" + org + ".example.org"),
                "subject", "Réunion jeudi",
                "html", "<p>Bonjour {first_name ?: 'ami'}, bureau {polling_station ?: '?'}</p>",
                "text", "Bonjour {first_name ?: 'ami'}"));
        if (segmentId != null) {
            draft.put("segmentId", segmentId);
        }
        return draft;
    }

    private static String segment(String org, String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("name", "Tous", "rule", Map.of("field", "tags", "op", "hasAny", "values", List.of("x"))))
                .post("/v1/admin/orgs/{org}/segments", org).then().statusCode(201).extract().path("id");
    }
}
