package org.turnout.api;

import org.turnout.testing.LocalStackResource;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.turnout.api.ApiTestSupport.confirmPath;
import static org.turnout.api.ApiTestSupport.emailsTo;
import static org.turnout.api.ApiTestSupport.newOrganisation;
import static org.turnout.api.ApiTestSupport.readContact;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.turnout.contact.ContactIds;
import org.turnout.contact.EmailAddress;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

@QuarkusTest
@QuarkusTestResource(value = LocalStackResource.class, restrictToAnnotatedClass = false)
class SignupFlowTest {
    private static final ContactIds IDS = new ContactIds(LocalStackResource.CONTACT_ID_KEY);

    @Test
    void signUpConfirmAndSeeTheContactSubscribed() {
        String org = newOrganisation("flow", "fr", List.of("benevole", "quartier-nord"));
        String address = "Camille.Martin@Exemple.FR";

        given().contentType(ContentType.JSON)
                .body(Map.of("email", "  " + address + " ", "firstName", "Camille", "lastName", "Martin",
                        "postcode", "75011", "station", "0007", "tags", List.of("benevole"), "consentVersion", "2026-10"))
                .post("/v1/orgs/{org}/signups", org)
                .then().statusCode(202).body("status", equalTo("accepted"));

        String token = LocalStackResource.staffToken(org);
        readContact(token, org, "camille.martin@exemple.fr").statusCode(200)
                .body("status", equalTo("pending"))
                .body("email", equalTo("Camille.Martin@exemple.fr"))
                .body("tags", hasItem("benevole"))
                .body("consent.source", equalTo("signup-form"))
                .body("consent.textVersion", equalTo("2026-10"));

        List<JsonNode> emails = emailsTo("Camille.Martin@exemple.fr");
        assertThat(emails).hasSize(1);
        JsonNode email = emails.get(0);
        assertThat(email.path("subject").asText()).contains("Campagne " + org);
        assertThat(email.path("from").asText()).contains("equipe@" + org + ".example.org");
        assertThat(email.path("body").path("html").asText()).contains("/v1/confirm/").contains("Bonjour Camille");

        String link = confirmPath(email);
        // a mail scanner following the link sees a page with a button, and subscribes no one
        given().get(link).then().statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("<form method=\"post\""))
                .body(containsString("Confirmer mon inscription"))
                .body(not(containsString("c&#39;est confirmé")));
        given().get(link).then().statusCode(200);
        readContact(token, org, address).statusCode(200).body("status", equalTo("pending"));

        given().post(link).then().statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("c&#39;est confirmé"));
        given().post(link).then().statusCode(200); // idempotent

        readContact(token, org, address).statusCode(200)
                .body("status", equalTo("subscribed"))
                .body("consent.confirmedAt", notNullValue());
    }

    @Test
    void formEncodedSignUpFromAPlainHtmlForm() {
        String org = newOrganisation("form", "en", List.of("volunteer", "donor"));

        given().contentType(ContentType.URLENC)
                .formParam("email", "form.user@example.org")
                .formParam("firstName", "Alex")
                .formParam("tags", "volunteer")
                .formParam("tags", "donor")
                .formParam("consentVersion", "v1")
                .formParam("source", "home-page")
                .formParam("website", "")
                .post("/v1/orgs/{org}/signups", org)
                .then().statusCode(202);

        readContact(LocalStackResource.staffToken(org), org, "form.user@example.org").statusCode(200)
                .body("status", equalTo("pending"))
                .body("tags", equalTo(List.of("volunteer", "donor")))
                .body("consent.source", equalTo("signup-form:home-page"));
        JsonNode email = emailsTo("form.user@example.org").get(0);
        assertThat(email.path("subject").asText()).startsWith("Please confirm");
    }

    @Test
    void visitorInputIsEscapedInTheHtmlEmail() {
        String org = newOrganisation("esc", "en", List.of());
        given().contentType(ContentType.JSON)
                .body(Map.of("email", "escape@example.org", "firstName", "<script>alert(1)</script>", "consentVersion", "v1"))
                .post("/v1/orgs/{org}/signups", org)
                .then().statusCode(202);
        JsonNode email = emailsTo("escape@example.org").get(0);
        assertThat(email.path("body").path("html").asText())
                .doesNotContain("<script>")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    }

    @Test
    void pendingContactGetsAtMostOneConfirmationPerTenMinutes() {
        String org = newOrganisation("resend");
        String address = "resend@example.org";
        signUp(org, address);
        signUp(org, address);
        assertThat(emailsTo(address)).hasSize(1);

        // ten minutes later (moved back in the table), a new sign-up sends the link again
        setAttribute(org, address, "confirmationSentAt", Instant.now().minus(11, ChronoUnit.MINUTES).toString());
        signUp(org, address);
        assertThat(emailsTo(address)).hasSize(2);
    }

    @Test
    void subscribedContactStaysSubscribedAndGetsNothing() {
        String org = newOrganisation("subscribed");
        String address = "already@example.org";
        signUp(org, address);
        given().post(confirmPath(emailsTo(address).get(0))).then().statusCode(200);

        signUp(org, address);
        assertThat(emailsTo(address)).hasSize(1);
        readContact(LocalStackResource.staffToken(org), org, address).body("status", equalTo("subscribed"));
    }

    @Test
    void unsubscribedContactIsSubscribedAgainOnlyByConfirming() {
        String org = newOrganisation("unsub");
        String address = "came-back@example.org";
        signUp(org, address);
        setAttribute(org, address, "status", "unsubscribed");
        setAttribute(org, address, "confirmationSentAt", Instant.now().minus(11, ChronoUnit.MINUTES).toString());

        signUp(org, address);
        String staff = LocalStackResource.staffToken(org);
        readContact(staff, org, address).body("status", equalTo("unsubscribed"));
        List<JsonNode> emails = emailsTo(address);
        assertThat(emails).hasSize(2);

        // a scanner following the new link does not subscribe the address again; the person's click does
        given().get(confirmPath(emails.get(1))).then().statusCode(200);
        readContact(staff, org, address).body("status", equalTo("unsubscribed"));
        given().post(confirmPath(emails.get(1))).then().statusCode(200);
        readContact(staff, org, address).body("status", equalTo("subscribed"));
    }

    @Test
    void bouncedContactIsNeverWrittenTo() {
        String org = newOrganisation("bounced");
        String address = "bounced@example.org";
        signUp(org, address);
        setAttribute(org, address, "status", "bounced");
        setAttribute(org, address, "confirmationSentAt", Instant.now().minus(1, ChronoUnit.DAYS).toString());
        signUp(org, address);
        assertThat(emailsTo(address)).hasSize(1);
    }

    @Test
    void aPollingStationAsTheCommuneWritesItIsTheOneStation() {
        String org = newOrganisation("station");
        String staff = LocalStackResource.staffToken(org);
        // three sign-ups and two refusals: the five a visitor may send in a minute
        Map<String, String> written = Map.of("bureau@example.org", "Bureau 1", "numero@example.org", "Bureau de vote n° 1",
                "code@example.org", "0001");
        written.forEach((address, station) -> {
            given().contentType(ContentType.JSON)
                    .body(Map.of("email", address, "station", station, "consentVersion", "v1"))
                    .post("/v1/orgs/{org}/signups", org)
                    .then().statusCode(202);
            readContact(staff, org, address).statusCode(200).body("station", equalTo(station));
            // kept as written, filed under the station's one identity, where walk lists and segments find it
            assertThat(item(org, address).get("GSI1PK").s()).as(station).isEqualTo("ORG#" + org + "#P#1");
        });

        given().contentType(ContentType.JSON)
                .body(Map.of("email", "other@example.org", "station", "1#2", "consentVersion", "v1"))
                .post("/v1/orgs/{org}/signups", org)
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("station"));
        // a browser's form is told what a station may be, in the organisation's language
        given().redirects().follow(false).accept("text/html").contentType(ContentType.URLENC)
                .formParam("email", "other@example.org").formParam("station", "1#2").formParam("consentVersion", "v1")
                .post("/v1/orgs/{org}/signups", org)
                .then().statusCode(400).contentType(containsString("text/html"))
                .body(containsString("Bureau de vote : son numéro ou son nom comme la commune l’écrit"));
    }

    static Map<String, AttributeValue> item(String org, String address) {
        String contactId = IDS.forEmail(EmailAddress.parse(address).orElseThrow());
        try (DynamoDbClient dynamoDb = DynamoDbClient.create()) {
            return dynamoDb.getItem(b -> b.tableName(LocalStackResource.stack.resources().physicalName("Table"))
                    .key(Map.of("PK", AttributeValue.fromS("ORG#" + org + "#C#" + contactId), "SK", AttributeValue.fromS("C")))
                    .consistentRead(true)).item();
        }
    }

    static void signUp(String org, String address) {
        given().contentType(ContentType.JSON)
                .body(Map.of("email", address, "consentVersion", "v1"))
                .post("/v1/orgs/{org}/signups", org)
                .then().statusCode(202);
    }

    /** Changes a contact behind the API's back, as later features (unsubscribe, bounces) will. */
    static void setAttribute(String org, String address, String name, String value) {
        String contactId = IDS.forEmail(EmailAddress.parse(address).orElseThrow());
        try (DynamoDbClient dynamoDb = DynamoDbClient.create()) {
            dynamoDb.updateItem(b -> b.tableName(LocalStackResource.stack.resources().physicalName("Table"))
                    .key(Map.of("PK", AttributeValue.fromS("ORG#" + org + "#C#" + contactId), "SK", AttributeValue.fromS("C")))
                    .updateExpression("SET #n = :v")
                    .expressionAttributeNames(Map.of("#n", name))
                    .expressionAttributeValues(Map.of(":v", AttributeValue.fromS(value))));
        }
    }
}
