package org.turnout.api;

import org.turnout.testing.LocalStackResource;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;
import static org.turnout.api.ApiTestSupport.newOrganisation;
import static org.turnout.api.ApiTestSupport.readContact;
import static org.turnout.api.ApiTestSupport.uploadThrough;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.turnout.importing.ImportService;
import org.turnout.importing.ImportSource;

@QuarkusTest
@QuarkusTestResource(value = LocalStackResource.class, restrictToAnnotatedClass = false)
class ImportApiTest {
    @Inject
    ImportService imports;

    @Test
    void uploadThroughThePresignedUrlThenFollowTheJob() throws IOException, InterruptedException {
        String org = newOrganisation("upload");
        String token = LocalStackResource.staffToken(org);

        JsonPath ticket = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("fileName", "fete.csv", "consentSource", "fete-2026", "columns", Map.of("Mél", "email")))
                .post("/v1/admin/orgs/{org}/imports", org)
                .then().statusCode(201)
                .body("method", equalTo("PUT"))
                .body("key", startsWith("imports/" + org + "/"))
                .extract().jsonPath();

        byte[] file = "Prénom;Mél\nAna;ana@example.org\nBad;not-an-email\n".getBytes(StandardCharsets.UTF_8);
        ImportSource source = uploadThrough(ticket.getString("uploadUrl"), ticket.getString("key"), file);

        // what the S3 event would start
        assertThat(LocalStackResource.as("ImportFunction", () -> imports.run(source, Instant.now().plusSeconds(60))))
                .isEqualTo(ImportService.Run.DONE);

        given().auth().oauth2(token).get("/v1/admin/orgs/{org}/imports", org)
                .then().statusCode(200).body("items[0].id", equalTo(source.importId()));
        given().auth().oauth2(token).get("/v1/admin/orgs/{org}/imports/{id}", org, source.importId())
                .then().statusCode(200)
                .body("status", equalTo("done"))
                .body("rows", equalTo(2)).body("created", equalTo(1)).body("rejected", equalTo(1))
                .body("consentSource", equalTo("fete-2026"))
                .body("report", equalTo("reports/" + org + "/" + source.importId() + ".csv"));
        given().auth().oauth2(token).get("/v1/admin/orgs/{org}/imports/{id}/report", org, source.importId())
                .then().statusCode(200).contentType(startsWith("text/csv")).body(containsString("not-an-email"));
        readContact(token, org, "ana@example.org").statusCode(200).body("status", equalTo("subscribed")).body("firstName", equalTo("Ana"));
    }

    @Test
    void aWorkbookUploadKeepsTheSheetToReadInItsSidecar() throws IOException {
        String org = newOrganisation("xlsx");
        String key = given().auth().oauth2(LocalStackResource.staffToken(org)).contentType(ContentType.JSON)
                .body(Map.of("fileName", "membres.xlsx", "sheet", "Membres 2026"))
                .post("/v1/admin/orgs/{org}/imports", org)
                .then().statusCode(201).body("key", startsWith("imports/" + org + "/"))
                .extract().jsonPath().getString("key");

        try (var sidecar = LocalStackResource.stack.clients().s3().getObject(b -> b
                .bucket(LocalStackResource.stack.resources().physicalName("Bucket")).key(key + ImportSource.SIDECAR_SUFFIX))) {
            assertThat(JsonPath.from(new String(sidecar.readAllBytes(), StandardCharsets.UTF_8)).getString("sheet"))
                    .isEqualTo("Membres 2026");
        }
    }

    @Test
    void badUploadRequestsNameTheField() {
        String org = newOrganisation("badup");
        refusedFields(org, Map.of("fileName", "../../etc/passwd", "columns", Map.of("Mél", "emial")), "fileName", "columns.Mél");
        refusedFields(org, Map.of("fileName", "liste.csv", "sheet", "Membres"), "sheet");
        refusedFields(org, Map.of("fileName", "liste.csv", "delimiter", "|", "encoding", "latin-9"), "delimiter", "encoding");
        refusedFields(org, Map.of("fileName", "membres.xlsx", "delimiter", ";"), "delimiter");
        given().auth().oauth2(LocalStackResource.staffToken(org)).get("/v1/admin/orgs/{org}/imports/{id}", org, "nope")
                .then().statusCode(404);
        given().auth().oauth2(LocalStackResource.staffToken(org)).get("/v1/admin/orgs/{org}/imports/{id}/report", org, "nope")
                .then().statusCode(404);
        given().auth().oauth2(LocalStackResource.staffToken("other")).get("/v1/admin/orgs/{org}/imports", org)
                .then().statusCode(403);
    }

    private static void refusedFields(String org, Map<String, Object> request, String... fields) {
        given().auth().oauth2(LocalStackResource.staffToken(org)).contentType(ContentType.JSON).body(request)
                .post("/v1/admin/orgs/{org}/imports", org)
                .then().statusCode(400).body("errors.field", hasItems(fields));
    }
}
