package org.turnout.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.turnout.api.ApiTestSupport.emailsTo;
import static org.turnout.api.ApiTestSupport.newOrganisation;
import static org.turnout.api.ApiTestSupport.readContact;
import static org.turnout.api.ApiTestSupport.uniqueOrg;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.turnout.contact.ContactRepository;
import org.turnout.contact.ContactStatus;
import org.turnout.contact.ContactIds;
import org.turnout.contact.EmailAddress;
import org.turnout.importing.ImportService;
import org.turnout.importing.ImportSource;
import org.turnout.store.Keys;
import org.turnout.store.TurnoutTable;
import org.turnout.suppression.SuppressionService;
import org.turnout.testing.LocalStackResource;
import org.turnout.unsubscribe.UnsubscribeLinks;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** GDPR export and erasure through the API, on the local emulators; an erased address re-imported stays unmailable. */
@QuarkusTest
@QuarkusTestResource(value = LocalStackResource.class, restrictToAnnotatedClass = false)
class PrivacyApiTest {
    private static final ContactIds IDS = new ContactIds(LocalStackResource.CONTACT_ID_KEY);
    @Inject
    ContactRepository contacts;
    @Inject
    TurnoutTable table;
    @Inject
    UnsubscribeLinks links;
    @Inject
    SuppressionService suppressions;
    @Inject
    ImportService imports;

    @Test
    void exportShowsEverythingHeldThenErasureDeletesItAndTheAddressStaysUnmailable() {
        String org = newOrganisation("gdpr", "fr", List.of("benevole"));
        String token = LocalStackResource.ownerToken(org);
        String email = "Nina.Gdpr@example.org";
        String contactId = IDS.forEmail(EmailAddress.parse(email).orElseThrow());
        given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "firstName", "Nina", "tags", List.of("benevole"), "consentVersion", "2026-10"))
                .post("/v1/orgs/{org}/signups", org).then().statusCode(202);
        assertThat(contacts.modify(org, contactId, contact -> Optional.of(contact.with().canvassSupport(4).build()))).isTrue();
        item(Keys.organisation(org), Keys.mailingSk("m-7"), Map.of("type", "mailing"));
        item(Keys.sendRecords(org, "m-7"), Keys.sendRecordSk(contactId), Map.of("sesMessageId", "0100-abc"));
        given().contentType(ContentType.URLENC).formParam("List-Unsubscribe", "One-Click")
                .post(URI.create(links.linkFor(org, contactId, "m-7")).getPath()).then().statusCode(200);

        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("email", "nina.gdpr@EXAMPLE.org", "reason", "art. 15 request"))
                .post("/v1/admin/orgs/{org}/privacy/exports", org).then().statusCode(200)
                .body("contactId", equalTo(contactId))
                .body("contact.email", equalTo(email))
                .body("contact.firstName", equalTo("Nina"))
                .body("contact.status", equalTo("unsubscribed"))
                .body("contact.canvassSupport", equalTo(4))
                .body("contact.consent.textVersion", equalTo("2026-10"))
                .body("contact.consentHistory[0].mailingId", equalTo("m-7"))
                .body("sendRecords", hasSize(1))
                .body("sendRecords[0].sesMessageId", equalTo("0100-abc"))
                .body("suppression", nullValue())
                .body("erased", equalTo(false))
                .body("notes", hasItem(startsWith("sendRecords")));

        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("email", email, "reason", "art. 17 request"))
                .post("/v1/admin/orgs/{org}/privacy/erasures", org).then().statusCode(200)
                .body("contactFound", equalTo(true))
                .body("erased.sendRecords", equalTo(1));

        assertThat(contacts.find(org, contactId)).isEmpty();
        assertThat(table.client().getItem(b -> b.tableName(table.name())
                .key(TurnoutTable.key(Keys.sendRecords(org, "m-7"), Keys.sendRecordSk(contactId)))).hasItem()).isFalse();
        assertThat(suppressions.isSuppressed(org, contactId)).isTrue();
        readContact(token, org, email).statusCode(404);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("email", email))
                .post("/v1/admin/orgs/{org}/privacy/exports", org).then().statusCode(200)
                .body("contact", nullValue()).body("erased", equalTo(true));

        // a later sign-up stores and sends nothing; a later import with consent keeps the address unmailable
        int emailsBefore = emailsTo(email).size();
        given().contentType(ContentType.JSON).body(Map.of("email", email, "consentVersion", "2026-11"))
                .post("/v1/orgs/{org}/signups", org).then().statusCode(202);
        assertThat(contacts.find(org, contactId)).isEmpty();
        assertThat(emailsTo(email)).hasSize(emailsBefore);
        importWithConsent(org, "email,first name\n" + email + ",Nina\n");
        assertThat(contacts.find(org, contactId).orElseThrow().statusValue()).isEqualTo(ContactStatus.SUPPRESSED);
        assertThat(suppressions.isSuppressed(org, contactId)).isTrue();

        given().auth().oauth2(token).queryParam("limit", 3).get("/v1/admin/orgs/{org}/audit", org).then().statusCode(200)
                .body("items.action", equalTo(List.of("contact.export", "contact.erase", "contact.export")))
                .body("items[1].target", startsWith("tombstone:"))
                .body("items[1].detail", equalTo("art. 17 request"))
                .body("items[1].actor", equalTo("owner@" + org));
    }

    /** What features keep about a person outside the contact item: canvass results and the rows of import reports. */
    @Test
    void exportAndErasureCoverCanvassResultsAndImportReportRows() {
        String org = newOrganisation("gdpr-more");
        String token = LocalStackResource.ownerToken(org);
        String email = "leo.porte@example.org";
        String contactId = IDS.forEmail(EmailAddress.parse(email).orElseThrow());
        given().contentType(ContentType.JSON).body(Map.of("email", email, "firstName", "Léo", "consentVersion", "2026-10"))
                .post("/v1/orgs/{org}/signups", org).then().statusCode(202);
        for (String session : List.of("2026-11-20-nord", "2026-11-28-nord")) {
            given().auth().oauth2(token).contentType(ContentType.JSON)
                    .body(Map.of("session", session, "canvasser", "Lina", "at", session.substring(0, 10) + "T15:30:00Z",
                            "contactId", contactId, "outcome", "talked", "support", 4, "notes", "inquiet pour l'école"))
                    .post("/v1/admin/orgs/{org}/canvass", org).then().statusCode(200).body("results[0].result", equalTo("recorded"));
        }
        // two rows rejected (a name too long): Léo's, and someone else's that must stay in the report
        String tooLong = "x".repeat(101);
        String importId = importWithConsent(org, "email,first name\n" + email.toUpperCase() + "," + tooLong + "\nautre@example.org," + tooLong + "\n");
        String reportKey = "reports/" + org + "/" + importId + ".csv";
        assertThat(report(reportKey)).contains(email.toUpperCase()).contains("autre@example.org");

        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("email", email, "reason", "art. 15 request"))
                .post("/v1/admin/orgs/{org}/privacy/exports", org).then().statusCode(200)
                .body("canvassResults", hasSize(2))
                .body("canvassResults[0].canvasser", equalTo("Lina"))
                .body("canvassResults[0].notes", equalTo("inquiet pour l'école"))
                .body("canvassResults[0].support", equalTo(4))
                .body("importReportRows", hasSize(1))
                .body("importReportRows[0].importId", equalTo(importId))
                .body("importReportRows[0].line", equalTo(2))
                .body("importReportRows[0].values", hasItem(email.toUpperCase()));

        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("email", email, "reason", "art. 17 request"))
                .post("/v1/admin/orgs/{org}/privacy/erasures", org).then().statusCode(200)
                .body("contactFound", equalTo(true))
                .body("erased.canvassResults", equalTo(2))
                .body("erased.importReportRows", equalTo(2)) // the table's row and the report file's
                .body("erased.sendRecords", equalTo(0))
                .body("remains", hasSize(2))
                .body("remains[0]", startsWith("a keyed hash of the address"));

        assertThat(table.client().query(b -> b.tableName(table.name()).keyConditionExpression("PK = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Keys.contact(org, contactId))))).items()).isEmpty();
        assertThat(table.client().query(b -> b.tableName(table.name()).keyConditionExpression("PK = :pk")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Keys.importRejections(org, importId))))).items())
                .hasSize(1).allSatisfy(row -> assertThat(row.get("values").toString()).contains("autre@example.org"));
        assertThat(report(reportKey)).doesNotContainIgnoringCase(email).contains("autre@example.org").contains("line,reason");
    }

    /** After 30 days the table's rejected rows expire and the report file (kept 90 days) is the only copy. */
    @Test
    void onceTheTablesRowsExpiredTheReportFileIsExportedAndErased() {
        String org = newOrganisation("gdpr-report");
        String token = LocalStackResource.ownerToken(org);
        String email = "ines.rapport@example.org";
        String tooLong = "x".repeat(101);
        String importId = importWithConsent(org, "email,first name\n" + email + "," + tooLong + "\nautre@example.org," + tooLong + "\n");
        String reportKey = "reports/" + org + "/" + importId + ".csv";
        table.client().query(b -> b.tableName(table.name()).keyConditionExpression("PK = :pk")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Keys.importRejections(org, importId)))))
                .items().forEach(row -> table.client().deleteItem(b -> b.tableName(table.name())
                        .key(TurnoutTable.key(row.get("PK").s(), row.get("SK").s()))));

        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("email", email))
                .post("/v1/admin/orgs/{org}/privacy/exports", org).then().statusCode(200)
                .body("importReportRows", hasSize(1))
                .body("importReportRows[0].importId", equalTo(importId))
                .body("importReportRows[0].reportRow", hasItem(email));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("email", email, "reason", "art. 17 request"))
                .post("/v1/admin/orgs/{org}/privacy/erasures", org).then().statusCode(200)
                .body("contactFound", equalTo(false))
                .body("erased.importReportRows", equalTo(1));
        assertThat(report(reportKey)).doesNotContain(email).contains("autre@example.org");
    }

    @Test
    void badInputIsNamedUnknownAddressesAre404AndOtherOrganisationsAreClosed() {
        String org = newOrganisation("gdpr-bad");
        String token = LocalStackResource.ownerToken(org);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("email", "nobody"))
                .post("/v1/admin/orgs/{org}/privacy/erasures", org).then().statusCode(400)
                .body("errors.field", equalTo(List.of("email", "reason")));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("reason", "x"))
                .post("/v1/admin/orgs/{org}/privacy/exports", org).then().statusCode(400)
                .body("errors[0].field", equalTo("email"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("email", "unknown@example.org"))
                .post("/v1/admin/orgs/{org}/privacy/exports", org).then().statusCode(404);
        given().auth().oauth2(LocalStackResource.ownerToken(uniqueOrg("other"))).contentType(ContentType.JSON)
                .body(Map.of("email", "unknown@example.org", "reason", "x"))
                .post("/v1/admin/orgs/{org}/privacy/erasures", org).then().statusCode(403);
        // erasure and export are the owner's: staff of the organisation are refused
        given().auth().oauth2(LocalStackResource.staffToken(org)).contentType(ContentType.JSON)
                .body(Map.of("email", "unknown@example.org", "reason", "x"))
                .post("/v1/admin/orgs/{org}/privacy/erasures", org).then().statusCode(403);
        given().auth().oauth2(LocalStackResource.staffToken(org)).contentType(ContentType.JSON)
                .body(Map.of("email", "unknown@example.org"))
                .post("/v1/admin/orgs/{org}/privacy/exports", org).then().statusCode(403);
    }

    private void item(String pk, String sk, Map<String, String> attributes) {
        Map<String, AttributeValue> item = new HashMap<>(TurnoutTable.key(pk, sk));
        attributes.forEach((name, value) -> item.put(name, AttributeValue.fromS(value)));
        table.client().putItem(b -> b.tableName(table.name()).item(item));
    }

    private String report(String key) {
        return LocalStackResource.stack.clients().s3().getObjectAsBytes(b -> b.bucket(LocalStackResource.stack.resources().physicalName("Bucket")).key(key))
                .asString(StandardCharsets.UTF_8);
    }

    /** Imports the CSV and answers the import's id. */
    private String importWithConsent(String org, String csv) {
        String bucket = LocalStackResource.stack.resources().physicalName("Bucket");
        String key = "imports/" + org + "/again.csv";
        byte[] content = csv.getBytes(StandardCharsets.UTF_8);
        // staff's upload, then what the S3 event would start in ImportFunction
        String etag = LocalStackResource.stack.clients().s3().putObject(b -> b.bucket(bucket).key(key).metadata(Map.of("consent-source", "fete-2026")),
                RequestBody.fromBytes(content)).eTag();
        assertThat(LocalStackResource.as("ImportFunction",
                () -> imports.run(new ImportSource(bucket, key, etag, content.length, Instant.now()), Instant.now().plusSeconds(300))))
                .isEqualTo(ImportService.Run.DONE);
        return table.client().query(b -> b.tableName(table.name()).keyConditionExpression("PK = :pk AND begins_with(SK, :import)")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Keys.organisation(org)), ":import", AttributeValue.fromS("IMPORT#"))))
                .items().get(0).get("SK").s().substring("IMPORT#".length());
    }
}
