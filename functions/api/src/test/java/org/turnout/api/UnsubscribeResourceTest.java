package org.turnout.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.turnout.api.ApiTestSupport.newOrganisation;
import static org.turnout.api.ApiTestSupport.readContact;
import static org.turnout.api.ApiTestSupport.uniqueOrg;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.turnout.contact.Contact;
import org.turnout.contact.ContactBuilder;
import org.turnout.contact.ContactRepository;
import org.turnout.contact.ContactStatus;
import org.turnout.contact.ContactIds;
import org.turnout.contact.EmailAddress;
import org.turnout.security.LinkClaims;
import org.turnout.secrets.SecretStore;
import org.turnout.security.LinkSigner;
import org.turnout.store.Keys;
import org.turnout.store.TurnoutTable;
import org.turnout.testing.LocalStackResource;
import org.turnout.unsubscribe.UnsubscribeLinks;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The unsubscribe link a mailing carries, through the real API event path, on the local DynamoDB. */
@QuarkusTest
@QuarkusTestResource(value = LocalStackResource.class, restrictToAnnotatedClass = false)
class UnsubscribeResourceTest {
    private static final ContactIds IDS = new ContactIds(LocalStackResource.CONTACT_ID_KEY);
    @Inject
    UnsubscribeLinks links;
    @Inject
    LinkSigner signer;
    @Inject
    ContactRepository contacts;
    @Inject
    TurnoutTable table;

    @Test
    void thePageAsksAndChangesNothingTheOneClickPostUnsubscribesOnceAndCountsOnce() {
        String org = newOrganisation("unsub");
        String contactId = subscribedContact(org, "lea.unsub@example.org");
        mailingItem(org, "m-1");
        String path = URI.create(links.linkFor(org, contactId, "m-1")).getPath();
        assertThat(links.linkFor(org, contactId, "m-1")).startsWith("http://localhost:8081/v1/unsubscribe/");

        given().get(path).then().statusCode(200)
                .contentType(containsString("text/html"))
                .header("Cache-Control", "no-store")
                .body(containsString("Se désinscrire"))
                .body(containsString("<form method=\"post\""))
                .body(containsString("name=\"List-Unsubscribe\" value=\"One-Click\""))
                .body(containsString("Campagne " + org));
        assertThat(contacts.find(org, contactId).orElseThrow().status()).isEqualTo("subscribed");

        for (int i = 0; i < 2; i++) {
            given().contentType(ContentType.URLENC).formParam("List-Unsubscribe", "One-Click").redirects().follow(false)
                    .post(path).then().statusCode(200)
                    .body(containsString("C&#39;est fait"));
        }

        Contact contact = contacts.find(org, contactId).orElseThrow();
        assertThat(contact.statusValue()).isEqualTo(ContactStatus.UNSUBSCRIBED);
        assertThat(contact.consentHistory()).singleElement().satisfies(change -> {
            assertThat(change.from()).isEqualTo("subscribed");
            assertThat(change.to()).isEqualTo("unsubscribed");
            assertThat(change.mailingId()).isEqualTo("m-1");
            assertThat(change.at()).isAfter(Instant.now().minusSeconds(60));
        });
        assertThat(mailingCounter(org, "m-1", "unsubscribed")).isEqualTo("1");
        readContact(LocalStackResource.staffToken(org), org, "lea.unsub@example.org").statusCode(200)
                .body("status", equalTo("unsubscribed"))
                .body("consentHistory[0].to", equalTo("unsubscribed"))
                .body("consentHistory[0].reason", equalTo("unsubscribe link"))
                .body("consentHistory[0].mailingId", equalTo("m-1"));
    }

    @Test
    void anEnglishOrganisationSpeaksEnglishAndItsNameIsEscaped() {
        String org = uniqueOrg("unsub-en");
        given().auth().oauth2(LocalStackResource.operatorToken()).contentType(ContentType.JSON)
                .body(Map.of("id", org, "name", "<script>alert(1)</script>", "language", "en", "timeZone", "Europe/London"))
                .post("/v1/admin/orgs").then().statusCode(201);
        String path = URI.create(links.linkFor(org, subscribedContact(org, "sam@example.org"), "m-2")).getPath();

        given().get(path).then().statusCode(200)
                .body(containsString("Unsubscribe me"))
                .body(not(containsString("<script>")))
                .body(containsString("&lt;script&gt;alert(1)&lt;/script&gt;"));
    }

    @Test
    void forgedAlteredExpiredAndOtherPurposeTokensGetOneAnswerAndChangeNothing() {
        String org = newOrganisation("unsub-bad");
        String contactId = subscribedContact(org, "bad.links@example.org");
        String good = URI.create(links.linkFor(org, contactId, "m-3")).getPath().substring("/v1/unsubscribe/".length());
        String[] parts = good.split("\\.");
        String otherContact = IDS.forEmail(EmailAddress.parse("someone.else@example.org").orElseThrow());
        String altered = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(java.util.Base64.getUrlDecoder().decode(parts[1])).replace(contactId, otherContact).getBytes()) + "." + parts[2];
        // the key id of the deployment's first key, with a secret of the attacker's
        String attackersKeys = "{\"kid\":\"initial\",\"secret\":\"an-attacker-secret-of-32-bytes-or-more!!\"}";
        LinkSigner foreign = new LinkSigner(new SecretStore(id -> attackersKeys, Clock.systemUTC()), Optional.of("forged"), Clock.systemUTC());
        List<String> refused = List.of(
                foreign.sign(new LinkClaims(LinkClaims.UNSUBSCRIBE, org, contactId, "m-3"), Duration.ofDays(1)),
                altered,
                signer.sign(new LinkClaims(LinkClaims.UNSUBSCRIBE, org, contactId, "m-3"), Duration.ofSeconds(-120)),
                signer.sign(new LinkClaims(LinkClaims.CONFIRM, org, contactId, null), Duration.ofDays(1)),
                "not-a-token");

        String firstAnswer = null;
        for (String token : refused) {
            String page = given().get("/v1/unsubscribe/{token}", token).then().statusCode(400).extract().asString();
            String posted = given().contentType(ContentType.URLENC).formParam("List-Unsubscribe", "One-Click")
                    .post("/v1/unsubscribe/{token}", token).then().statusCode(400).extract().asString();
            assertThat(posted).isEqualTo(page).contains("Ce lien n&#39;est pas valable");
            firstAnswer = firstAnswer == null ? page : firstAnswer;
            assertThat(page).isEqualTo(firstAnswer);
        }
        assertThat(contacts.find(org, contactId).orElseThrow().statusValue()).isEqualTo(ContactStatus.SUBSCRIBED);
    }

    @Test
    void theOneClickBodyMayComeAsMultipartFormData() {
        String org = newOrganisation("unsub-multi", "en", List.of());
        String contactId = subscribedContact(org, "multipart@example.org");
        String path = URI.create(links.linkFor(org, contactId, "m-6")).getPath();
        given().multiPart("List-Unsubscribe", "One-Click").post(path).then().statusCode(200).body(containsString("Done"));
        assertThat(contacts.find(org, contactId).orElseThrow().statusValue()).isEqualTo(ContactStatus.UNSUBSCRIBED);
    }

    @Test
    void aPostWithoutTheOneClickBodyIs400NamingTheField() {
        String org = newOrganisation("unsub-body");
        String path = URI.create(links.linkFor(org, subscribedContact(org, "body@example.org"), "m-4")).getPath();
        given().contentType(ContentType.URLENC).formParam("List-Unsubscribe", "Yes please").post(path)
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("List-Unsubscribe"));
    }

    @Test
    void tooManyRequestsFromOneAddressAre429WithRetryAfter() {
        String org = newOrganisation("unsub-rate");
        String path = URI.create(links.linkFor(org, subscribedContact(org, "rate@example.org"), "m-5")).getPath();
        // a window of one minute lets 20 through; one that a minute's end cuts in two lets 40 at most
        int refusedAt = 0;
        for (int request = 1; request <= 41 && refusedAt == 0; request++) {
            int status = given().get(path).then().extract().statusCode();
            if (status == 429) {
                refusedAt = request;
                given().get(path).then().statusCode(429).header("Retry-After", notNullValue());
            } else {
                assertThat(status).isEqualTo(200);
            }
        }
        assertThat(refusedAt).as("the request refused first").isBetween(21, 41);
    }

    private String subscribedContact(String org, String email) {
        EmailAddress address = EmailAddress.parse(email).orElseThrow();
        Contact contact = ContactBuilder.builder()
                .orgId(org)
                .contactId(IDS.forEmail(address))
                .email(address.value())
                .status(ContactStatus.SUBSCRIBED.code())
                .createdAt(Instant.now())
                .build();
        assertThat(contacts.createIfAbsent(contact)).isPresent();
        return IDS.forEmail(address);
    }

    /** A stand-in for the mailing item the mailings feature writes; feedback only adds counters to it. */
    private void mailingItem(String org, String mailingId) {
        Map<String, AttributeValue> item = new HashMap<>(TurnoutTable.key(Keys.organisation(org), Keys.mailingSk(mailingId)));
        item.put("type", AttributeValue.fromS("mailing"));
        table.client().putItem(b -> b.tableName(table.name()).item(item));
    }

    private String mailingCounter(String org, String mailingId, String counter) {
        AttributeValue value = table.client().getItem(b -> b.tableName(table.name())
                .key(TurnoutTable.key(Keys.organisation(org), Keys.mailingSk(mailingId))).consistentRead(true)).item().get(counter);
        return value == null ? null : value.n();
    }
}
