package org.turnout.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.turnout.api.ApiTestSupport.emailsTo;
import static org.turnout.api.ApiTestSupport.newOrganisation;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.turnout.testing.LocalStackResource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** What staff (or a stolen staff token) can do with mailings that could hurt: bodies, templates and test sends. */
@QuarkusTest
@QuarkusTestResource(value = LocalStackResource.class, restrictToAnnotatedClass = false)
class MailingSafetyTest {

    @Test
    void anAdminBodySentInChunksOverItsLimitGets413Problem() throws Exception {
        String org = newOrganisation("chunk");
        String draft = "{\"name\": \"Gros\", \"subject\": \"Gros\", \"html\": \"" + "x".repeat(400 * 1024) + "\"}";
        HttpResponse<String> refused = ChunkedBodies.post("/v1/admin/orgs/" + org + "/mailings", "application/json", draft,
                LocalStackResource.staffToken(org));
        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(refused.body()).contains(Integer.toString(384 * 1024));
    }

    @Test
    void aTemplateThatCannotRenderIsRefusedOnSaveWithLineAndColumn() {
        String org = newOrganisation("render");
        String token = LocalStackResource.staffToken(org);
        Map<String, Object> bad = new HashMap<>(draft(org));
        bad.put("html", "<p>Bonjour {first_name ?: 'ami'},</p>\n<p>{organisation.foo}</p>");
        bad.put("subject", "Bonjour {first_name.toUpperCase.nothing}");
        JsonPath problem = given().auth().oauth2(token).contentType(ContentType.JSON).body(bad)
                .post("/v1/admin/orgs/{org}/mailings", org)
                .then().statusCode(400).contentType("application/problem+json").extract().jsonPath();
        assertThat(problem.getString("errors.find { it.field == 'html' }.message"))
                .startsWith("line 2, column ").contains("organisation.foo");
        assertThat(problem.getString("errors.find { it.field == 'subject' }.message")).startsWith("line 1, column ");

        // what every contact has renders, with or without values, and so do fallbacks and sections
        Map<String, Object> good = new HashMap<>(draft(org));
        good.put("html", "<p>{first_name ?: 'ami'} {last_name} {attributes.quartier ?: 'centre'} {organisation}</p>"
                + "{#if phone}{phone}{/if}<a href=\"{unsubscribe_url}\">x</a>");
        given().auth().oauth2(token).contentType(ContentType.JSON).body(good)
                .post("/v1/admin/orgs/{org}/mailings", org)
                .then().statusCode(201);
    }

    @Test
    void aPreviewOrTestSendOfAStoredTemplateThatCannotRenderAnswers400WithTheReason() {
        String org = newOrganisation("render");
        String token = LocalStackResource.staffToken(org);
        String id = mailing(org, token);
        // a template saved before templates were rendered on save
        try (DynamoDbClient dynamoDb = DynamoDbClient.create()) {
            dynamoDb.updateItem(b -> b.tableName(LocalStackResource.stack.resources().physicalName("Table"))
                    .key(Map.of("PK", AttributeValue.fromS("ORG#" + org), "SK", AttributeValue.fromS("MAIL#" + id)))
                    .updateExpression("SET html = :html")
                    .expressionAttributeValues(Map.of(":html", AttributeValue.fromS("<p>{organisation.foo}</p>"))));
        }
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("addresses", List.of("relecture-" + org + "@example.org")))
                .post("/v1/admin/orgs/{org}/mailings/{id}/test", org, id)
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("html"))
                .body("errors[0].message", startsWith("line 1, column "))
                .body("errors[0].message", containsString("organisation.foo"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of())
                .post("/v1/admin/orgs/{org}/mailings/{id}/preview", org, id)
                .then().statusCode(400).body("errors[0].field", equalTo("html"));
        assertThat(emailsTo("relecture-" + org + "@example.org")).isEmpty();
    }

    @Test
    void aTestSendToASuppressedAddressIsRefusedAndNothingIsSent() {
        String org = newOrganisation("testsupp");
        String token = LocalStackResource.staffToken(org);
        String id = mailing(org, token);
        String suppressed = "plainte-" + org + "@example.org";
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("email", suppressed, "reason", "complained by phone"))
                .post("/v1/admin/orgs/{org}/suppressions", org).then().statusCode(200);

        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("addresses", List.of("relecture-" + org + "@example.org", suppressed.toUpperCase())))
                .post("/v1/admin/orgs/{org}/mailings/{id}/test", org, id)
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("addresses[1]"))
                .body("errors[0].message", containsString("suppression list"));
        assertThat(emailsTo(suppressed)).isEmpty();
        assertThat(emailsTo("relecture-" + org + "@example.org")).isEmpty();
    }

    /**
     * The limit counts test sends of the organisation per minute; a minute's end may cut the
     * requests in two windows, so the first refusal comes between the 11th and the 21st request.
     */
    @Test
    void testSendsAreRateLimitedPerOrganisationAndAudited() {
        String org = newOrganisation("testrate");
        String token = LocalStackResource.staffToken(org);
        String id = mailing(org, token);
        String reviewer = "relecture-" + org + "@example.org";
        int accepted = 0;
        int status = 200;
        while (status == 200 && accepted <= 21) {
            status = given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("addresses", List.of(reviewer)))
                    .post("/v1/admin/orgs/{org}/mailings/{id}/test", org, id)
                    .then().extract().statusCode();
            if (status == 200) {
                accepted++;
            }
        }
        assertThat(status).isEqualTo(429);
        assertThat(accepted).isBetween(10, 20);
        assertThat(emailsTo(reviewer)).hasSize(accepted);

        List<Map<String, Object>> audit = given().auth().oauth2(token).get("/v1/admin/orgs/{org}/audit?limit=200", org)
                .then().statusCode(200).extract().jsonPath().getList("items");
        assertThat(audit.stream().filter(entry -> "mailing.test".equals(entry.get("action"))))
                .hasSize(accepted)
                .allSatisfy(entry -> {
                    assertThat(entry.get("target")).isEqualTo("mailing:" + id);
                    assertThat(String.valueOf(entry.get("detail"))).doesNotContain("@");
                });
    }

    private static String mailing(String org, String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(draft(org))
                .post("/v1/admin/orgs/{org}/mailings", org).then().statusCode(201).extract().path("id");
    }

    private static Map<String, Object> draft(String org) {
        return Map.of(
                "name", "Réunion publique",
                "from", Map.of("address", "equipe@" + org + ".example.org"),
                "subject", "Réunion jeudi",
                "html", "<p>Bonjour {first_name ?: 'ami'}</p>",
                "text", "Bonjour {first_name ?: 'ami'}");
    }
}
