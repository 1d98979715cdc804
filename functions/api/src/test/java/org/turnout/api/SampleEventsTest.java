package org.turnout.api;

import org.turnout.testing.LocalStackResource;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.turnout.local.RepositoryRoot;

/**
 * Feeds the sample events of {@code events/} (the exact JSON API Gateway delivers, also used by
 * {@code sam local invoke -e}) to the function through Quarkus's Lambda event endpoint, and
 * checks the API Gateway response the handler gives back.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackResource.class, restrictToAnnotatedClass = false)
class SampleEventsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeEach
    void demoOrganisation() {
        int status = given().auth().oauth2(LocalStackResource.operatorToken()).contentType(ContentType.JSON)
                .body(Map.of("id", "demo", "name", "Démo", "language", "fr", "publicSignup", true,
                        "allowedTags", List.of("benevole", "donateur")))
                .post("/v1/admin/orgs").then().extract().statusCode();
        assertThat(status).isIn(201, 409);
    }

    @Test
    void jsonSignUpEvent() throws IOException {
        JsonNode response = invoke("api-signup.json", Map.of());
        assertThat(response.path("statusCode").asInt()).isEqualTo(202);
        assertThat(JSON.readTree(response.path("body").asText()).path("status").asText()).isEqualTo("accepted");
        given().auth().oauth2(LocalStackResource.staffToken("demo"))
                .get("/v1/admin/orgs/demo/contacts/camille.martin@example.org")
                .then().statusCode(200).body("status", equalTo("pending")).body("station", equalTo("0007"));
    }

    @Test
    void base64FormSignUpEvent() throws IOException {
        JsonNode response = invoke("api-signup-form.json", Map.of());
        // a browser's plain form (Accept: text/html) gets the thank-you page, in the organisation's language
        assertThat(response.path("statusCode").asInt()).isEqualTo(200);
        assertThat(response.path("body").asText()).contains("Merci pour votre inscription");
        given().auth().oauth2(LocalStackResource.staffToken("demo"))
                .get("/v1/admin/orgs/demo/contacts/dominique@example.org")
                .then().statusCode(200).body("consent.source", equalTo("signup-form:page-accueil"));
    }

    @Test
    void honeypotEventIsAcceptedAndStoresNothing() throws IOException {
        assertThat(invoke("api-signup-honeypot.json", Map.of()).path("statusCode").asInt()).isEqualTo(202);
        given().auth().oauth2(LocalStackResource.staffToken("demo"))
                .get("/v1/admin/orgs/demo/contacts/robot@example.org").then().statusCode(404);
    }

    @Test
    void invalidEmailEventGetsAProblem() throws IOException {
        JsonNode response = invoke("api-signup-invalid-email.json", Map.of());
        assertThat(response.path("statusCode").asInt()).isEqualTo(400);
        assertThat(response.path("headers").path("Content-Type").asText(response.path("headers").path("content-type").asText()))
                .startsWith("application/problem+json");
        assertThat(JSON.readTree(response.path("body").asText()).path("errors").get(0).path("field").asText()).isEqualTo("email");
    }

    @Test
    void forgedConfirmationEventGetsThePage() throws IOException {
        JsonNode response = invoke("api-confirm-forged.json", Map.of());
        assertThat(response.path("statusCode").asInt()).isEqualTo(400);
        assertThat(response.path("body").asText()).contains("n&#39;est pas valable");
    }

    @Test
    void adminEventWithABearerToken() throws IOException {
        invoke("api-signup.json", Map.of());
        JsonNode response = invoke("api-admin-get-contact.json", Map.of("${TOKEN}", LocalStackResource.staffToken("demo")));
        assertThat(response.path("statusCode").asInt()).isEqualTo(200);
        assertThat(JSON.readTree(response.path("body").asText()).path("email").asText()).isEqualTo("camille.martin@example.org");

        JsonNode otherOrg = invoke("api-admin-get-contact.json", Map.of("${TOKEN}", LocalStackResource.staffToken("elsewhere")));
        assertThat(otherOrg.path("statusCode").asInt()).isEqualTo(403);
    }

    /** Posts the raw event to the Lambda event endpoint and answers the function's raw response. */
    private static JsonNode invoke(String eventFile, Map<String, String> replacements) throws IOException {
        String event = Files.readString(Path.of(RepositoryRoot.locate().path().toString(), "events", eventFile));
        for (Map.Entry<String, String> r : replacements.entrySet()) {
            event = event.replace(r.getKey(), r.getValue());
        }
        String response = given().contentType(ContentType.JSON).body(event).post("/_lambda_").then().extract().asString();
        return JSON.readTree(response);
    }
}
