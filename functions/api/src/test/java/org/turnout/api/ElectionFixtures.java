package org.turnout.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.turnout.api.ApiTestSupport.uploadThrough;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import org.turnout.importing.ImportSource;
import org.turnout.precinct.ElectionImportService;
import org.turnout.testing.LocalStackResource;

/** French organisations, and the election results files of {@code src/test/resources/elections} uploaded as staff upload them. */
public final class ElectionFixtures {
    private ElectionFixtures() {
    }

    /** A new French organisation named {@code name}, made by the operator through the API; returns its id. */
    public static String organisation(String prefix, String name) {
        String org = ApiTestSupport.uniqueOrg(prefix);
        given().auth().oauth2(LocalStackResource.operatorToken()).contentType(ContentType.JSON)
                .body(Map.of("id", org, "name", name, "language", "fr", "timeZone", "Europe/Paris"))
                .post("/v1/admin/orgs").then().statusCode(201);
        return org;
    }

    /**
     * Asks the API for an upload URL, PUTs the test file there, and runs the import its S3 event would start;
     * returns the election's id.
     *
     * @param details the election's name, date or commune, as staff give them
     */
    public static String upload(ElectionImportService imports, String org, String file, Map<String, String> details,
                                ElectionImportService.Run expected) throws IOException, InterruptedException {
        Map<String, String> body = new HashMap<>(details);
        body.put("fileName", file);
        JsonPath ticket = given().auth().oauth2(LocalStackResource.staffToken(org)).contentType(ContentType.JSON).body(body)
                .post("/v1/admin/orgs/{org}/elections", org).then().statusCode(201).extract().jsonPath();
        byte[] bytes;
        try (InputStream in = ElectionFixtures.class.getResourceAsStream("/elections/" + file)) {
            bytes = in.readAllBytes();
        }
        ImportSource source = uploadThrough(ticket.getString("upload.uploadUrl"), ticket.getString("upload.key"), bytes);
        // what the S3 event would start in PrecinctImportFunction
        assertThat(LocalStackResource.as("PrecinctImportFunction", () -> imports.run(source))).isEqualTo(expected);
        return ticket.getString("electionId");
    }
}
