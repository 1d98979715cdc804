package org.turnout.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.matchesPattern;
import static org.turnout.api.ApiTestSupport.newOrganisation;
import static org.turnout.api.ApiTestSupport.uploadThrough;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.Charset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.turnout.canvass.AddressImportService;
import org.turnout.importing.ImportSource;
import org.turnout.precinct.ElectionImportService;
import org.turnout.testing.LocalStackResource;

/** An address file uploaded through the pre-signed URL the API gives, then imported as its S3 event would have it. */
@QuarkusTest
@QuarkusTestResource(value = LocalStackResource.class, restrictToAnnotatedClass = false)
class AddressUploadApiTest {
    @Inject
    AddressImportService addressImports;

    @Test
    void staffUploadAnAddressFileThroughThePresignedUrlThenReadItsReport() throws IOException, InterruptedException {
        String org = newOrganisation("addr");
        String token = LocalStackResource.staffToken(org);

        JsonPath ticket = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("fileName", "adresses-bv1.csv"))
                .post("/v1/admin/orgs/{org}/addresses", org)
                .then().statusCode(201)
                .body("method", equalTo("PUT"))
                .body("key", matchesPattern("addresses/" + org + "/\\d{8}T\\d{6}-adresses-bv1\\.csv"))
                .extract().jsonPath();

        byte[] file = "numero;rep;voie;code postal;bureau de vote\n1;;Rue de la Paix;33999;0001\n3;bis;Rue de la Paix;33999;0001\nx;;Rue de la Paix;33999;0001\n"
                .getBytes(Charset.forName("windows-1252"));
        String key = ticket.getString("key");
        ImportSource source = uploadThrough(ticket.getString("uploadUrl"), key, file);

        // what the S3 event would start in PrecinctImportFunction
        assertThat(LocalStackResource.as("PrecinctImportFunction", () -> addressImports.run(source)))
                .isEqualTo(ElectionImportService.Run.DONE);

        given().auth().oauth2(token).get("/v1/admin/orgs/{org}/addresses", org).then().statusCode(200)
                .body("items[0].objectKey", equalTo(key))
                .body("items[0].status", equalTo("done"))
                .body("items[0].rows", equalTo(3)).body("items[0].doors", equalTo(2)).body("items[0].rejected", equalTo(1))
                .body("items[0].problems[0].line", equalTo(4));
    }

    @Test
    void badAddressUploadRequestsNameTheFieldAndVolunteersCannotUpload() {
        String org = newOrganisation("addrbad");
        given().auth().oauth2(LocalStackResource.staffToken(org)).contentType(ContentType.JSON)
                .body(Map.of("fileName", "../../adresses.csv"))
                .post("/v1/admin/orgs/{org}/addresses", org)
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItems("fileName"));
        given().auth().oauth2(LocalStackResource.staffToken(org)).contentType(ContentType.JSON)
                .body(Map.of("fileName", "adresses.xlsx"))
                .post("/v1/admin/orgs/{org}/addresses", org)
                .then().statusCode(400).body("errors.field", hasItems("fileName"));
        given().auth().oauth2(LocalStackResource.ownerToken(org)).contentType(ContentType.JSON)
                .body(Map.of("fileName", "adresses.csv"))
                .post("/v1/admin/orgs/{org}/addresses", org)
                .then().statusCode(201);
        given().auth().oauth2(LocalStackResource.volunteerToken(org)).contentType(ContentType.JSON)
                .body(Map.of("fileName", "adresses.csv"))
                .post("/v1/admin/orgs/{org}/addresses", org)
                .then().statusCode(403);
        given().auth().oauth2(LocalStackResource.staffToken("other")).contentType(ContentType.JSON)
                .body(Map.of("fileName", "adresses.csv"))
                .post("/v1/admin/orgs/{org}/addresses", org)
                .then().statusCode(403);
    }
}
