package org.turnout.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.turnout.api.ApiTestSupport.createOrganisation;
import static org.turnout.api.ApiTestSupport.emailsTo;
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
import org.junit.jupiter.api.Test;
import org.turnout.contact.ContactRepository;
import org.turnout.contact.ContactStatus;
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
        String org = uniqueOrg("gdpr");
        createOrganisation(org, "fr", List.of("benevole"));
        String token = LocalStackResource.staffToken(org);
        String email = "Nina.Gdpr@example.org";
        String contactId = EmailAddress.parse(email).orElseThrow().contactId();
        given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "firstName", "Nina", "tags", List.of("benevole"), "consentVersion", "2026-10"))
                .post("/v1/orgs/{org}/signups", org).then().statusCode(202);
        assertThat(contacts.modify(org, contactId, contact -> {
            contact.setCanvassSupport(4);
            return true;
        })).isTrue();
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
        given().auth().oauth2(token).get("/v1/admin/orgs/{org}/contacts/{email}", org, email).then().statusCode(404);
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
                .body("items[1].actor", equalTo("staff@" + org));
    }

    @Test
    void badInputIsNamedUnknownAddressesAre404AndOtherOrganisationsAreClosed() {
        String org = uniqueOrg("gdpr-bad");
        createOrganisation(org, "fr", List.of());
        String token = LocalStackResource.staffToken(org);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("email", "nobody"))
                .post("/v1/admin/orgs/{org}/privacy/erasures", org).then().statusCode(400)
                .body("errors.field", equalTo(List.of("email", "reason")));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("reason", "x"))
                .post("/v1/admin/orgs/{org}/privacy/exports", org).then().statusCode(400)
                .body("errors[0].field", equalTo("email"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("email", "unknown@example.org"))
                .post("/v1/admin/orgs/{org}/privacy/exports", org).then().statusCode(404);
        given().auth().oauth2(LocalStackResource.staffToken(uniqueOrg("other"))).contentType(ContentType.JSON)
                .body(Map.of("email", "unknown@example.org", "reason", "x"))
                .post("/v1/admin/orgs/{org}/privacy/erasures", org).then().statusCode(403);
    }

    private void item(String pk, String sk, Map<String, String> attributes) {
        Map<String, AttributeValue> item = new HashMap<>(TurnoutTable.key(pk, sk));
        attributes.forEach((name, value) -> item.put(name, AttributeValue.fromS(value)));
        table.client().putItem(b -> b.tableName(table.name()).item(item));
    }

    private void importWithConsent(String org, String csv) {
        String bucket = LocalStackResource.stack.resources().physicalName("Bucket");
        String key = "imports/" + org + "/again.csv";
        byte[] content = csv.getBytes(StandardCharsets.UTF_8);
        // staff's upload, then what the S3 event would start in ImportFunction
        String etag = LocalStackResource.stack.clients().s3().putObject(b -> b.bucket(bucket).key(key).metadata(Map.of("consent-source", "fete-2026")),
                RequestBody.fromBytes(content)).eTag();
        assertThat(LocalStackResource.as("ImportFunction",
                () -> imports.run(new ImportSource(bucket, key, etag, content.length, Instant.now()), Instant.now().plusSeconds(300))))
                .isEqualTo(ImportService.Run.DONE);
    }
}
