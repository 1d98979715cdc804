package org.turnout.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.turnout.precinct.ElectionImportService;
import org.turnout.testing.LocalStackResource;

/**
 * Election results files of the three shapes uploaded through the API's pre-signed URLs and
 * imported as their S3 events would have them imported; then the ranking, checked against figures
 * computed by hand from the test files (src/test/resources/elections), and its HTML report.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackResource.class, restrictToAnnotatedClass = false)
class TargetingApiTest {
    @Inject
    ElectionImportService imports;

    @Test
    void wideFileWithTheCandidateGroupNamedOnceRanksTheStations() throws Exception {
        String org = organisation("Campagne <b>Saint-Exemple</b>");
        String token = LocalStackResource.staffToken(org);
        String id = upload(org, "presidentielle-2022-t1.csv", Map.of("name", "Présidentielle <script>alert(1)</script>", "date", "2022-04-10"));

        given().auth().oauth2(token).get("/v1/admin/orgs/{org}/elections/{id}", org, id).then().statusCode(200)
                .body("status", equalTo("done"))
                .body("format", equalTo("ministry-wide/candidates"))
                .body("stations", equalTo(4))
                .body("candidates.panel", contains("1", "2", "3"))
                .body("candidates[2].name", equalTo("Rémi ESTÈVE")) // read as Latin-1
                .body("warnings", equalTo(0))
                .body("problems", hasSize(0));

        JsonPath ranking = given().auth().oauth2(token).queryParam("elections", id).queryParam("side", "2")
                .get("/v1/admin/orgs/{org}/targeting", org).then().statusCode(200).extract().jsonPath();
        assertThat(ranking.getList("stations.station")).containsExactly("0001", "0003", "0002", "0004");
        assertThat(ranking.getList("stations.rank", Integer.class)).containsExactly(1, 2, 3, 4);
        // 0001: 1000 registered, 600 voters -> 400 abstentions; BESSON 290 of 580 expressed = 0.5; 400 x 0.5 = 200
        assertThat(station(ranking, 0)).containsEntry("registered", 1000).containsEntry("abstentions", 400)
                .containsEntry("abstentionRate", 0.4f).containsEntry("sideShare", 0.5f).containsEntry("potential", 200.0f);
        // 0004: 195 of 770 = 0.2532; 100 abstentions -> 25.3, kept as the file says despite its warnings
        assertThat(station(ranking, 3)).containsEntry("sideShare", 0.2532f).containsEntry("potential", 25.3f);
        // total 505.32: cumulative 200/505.32, 380/505.32, 480/505.32, 1
        assertThat(ranking.getList("stations.cumulativeShare", Float.class)).containsExactly(0.3958f, 0.752f, 0.9499f, 1.0f);
        assertThat(ranking.getInt("stationsFor50")).isEqualTo(2);
        assertThat(ranking.getInt("stationsFor80")).isEqualTo(3);
        assertThat(ranking.getMap("stations[0]")).doesNotContainKey("gap");

        String html = given().auth().oauth2(token).queryParam("elections", id).queryParam("side", "2")
                .get("/v1/admin/orgs/{org}/targeting/report.html", org).then().statusCode(200)
                .contentType(startsWith("text/html")).extract().asString();
        assertThat(html).contains("<svg", "<polyline class=\"curve\"", "0003", "<strong>2</strong> bureaux en couvrent 50 %")
                .contains("Présidentielle &lt;script&gt;alert(1)&lt;/script&gt;", "Campagne &lt;b&gt;Saint-Exemple&lt;/b&gt;")
                .doesNotContain("<script>", "<b>Saint");
        assertThat(html.split("<rect class=\"score", -1)).hasSize(5);
    }

    @Test
    void numberedWideFileAndSeveralElectionsGiveTheGapToTheBest() throws Exception {
        String org = organisation("Saint-Exemple");
        String token = LocalStackResource.staffToken(org);
        String presidential = upload(org, "presidentielle-2022-t1.csv", Map.of("date", "2022-04-10"));
        String european = upload(org, "europeennes-2024.csv", Map.of("date", "2024-06-09"));

        given().auth().oauth2(token).get("/v1/admin/orgs/{org}/elections", org).then().statusCode(200)
                .body("items.id", contains(european, presidential)) // newest first
                .body("items[0].format", equalTo("ministry-numbered/lists"))
                .body("items[0].candidates.nuance", contains("LECO", "LUG"))
                .body("items[0].candidates[0].list", equalTo("ÉCOLOGIE"))
                .body("items[0].warnings", equalTo(0));

        // by nuance code: LUG 400/500 in 0001 (500 abstentions -> 400), 350/700 in 0002 (300 -> 150), 50/250 in 0003 (250 -> 50)
        JsonPath byNuance = given().auth().oauth2(token).queryParam("elections", european).queryParam("side", "LUG")
                .get("/v1/admin/orgs/{org}/targeting", org).then().statusCode(200).extract().jsonPath();
        assertThat(byNuance.getList("stations.potential", Float.class)).containsExactly(400.0f, 150.0f, 50.0f);
        assertThat(byNuance.getList("stations.cumulativeShare", Float.class)).containsExactly(0.6667f, 0.9167f, 1.0f);
        assertThat(byNuance.getInt("stationsFor50")).isEqualTo(1);
        assertThat(byNuance.getInt("stationsFor80")).isEqualTo(2);
        // the same list by its name gives the same ranking
        given().auth().oauth2(token).queryParam("elections", european).queryParam("side", "gauche unie")
                .get("/v1/admin/orgs/{org}/targeting", org).then().statusCode(200).body("stations[0].potential", equalTo(400.0f));

        // panel 2 in both: the 2024 vote is the reference; in 0003 the side had 0.6 in 2022 against 0.2 now
        JsonPath both = given().auth().oauth2(token).queryParam("elections", presidential + "," + european).queryParam("side", "2")
                .get("/v1/admin/orgs/{org}/targeting", org).then().statusCode(200).extract().jsonPath();
        assertThat(both.getString("reference")).isEqualTo(european);
        assertThat(both.getList("stations.station")).containsExactly("0001", "0002", "0003");
        assertThat(station(both, 2)).containsEntry("sideShare", 0.2f).containsEntry("bestShare", 0.6f)
                .containsEntry("bestElection", presidential).containsEntry("gap", 0.4f);
        assertThat(station(both, 0)).containsEntry("bestElection", european).containsEntry("gap", 0.0f);
    }

    @Test
    void longFileWhoseStationsDoNotAddUpFailsWithItsReport() throws Exception {
        String org = organisation("Saint-Exemple");
        String token = LocalStackResource.staffToken(org);
        String id = upload(org, "municipales-2020-long.csv", Map.of(), ElectionImportService.Run.FAILED);

        // of its two stations one does not add up and a row cannot be read: far more than the 5 % an election may carry
        given().auth().oauth2(token).get("/v1/admin/orgs/{org}/elections/{id}", org, id).then().statusCode(200)
                .body("status", equalTo("failed")).body("format", equalTo("long/lists"))
                .body("failure", startsWith("2 of 3 stations do not add up or cannot be read"))
                .body("stations", equalTo(2)).body("rows", equalTo(5)).body("rejected", equalTo(1)).body("warnings", equalTo(1))
                .body("problems.kind", contains("warning", "rejected"))
                .body("problems[0].station", equalTo("0002"))
                .body("problems[0].message", equalTo("the votes of the candidates or lists add up to 390, not to the 400 expressed"))
                .body("problems[1].line", equalTo(6))
                .body("problems[1].message", equalTo("registered is not a whole number: 'huit cents'"));

        given().auth().oauth2(token).queryParam("elections", id).queryParam("side", "Saint-Exemple Ensemble")
                .get("/v1/admin/orgs/{org}/targeting", org)
                .then().statusCode(400).body("errors[0].field", equalTo("elections"))
                .body("errors[0].message", equalTo("election " + id + " is failed, not imported"));
    }

    @Test
    void badTargetingRequestsNameTheField() throws Exception {
        String org = organisation("Saint-Exemple");
        String token = LocalStackResource.staffToken(org);
        String id = upload(org, "presidentielle-2022-t1.csv", Map.of());
        given().auth().oauth2(token).get("/v1/admin/orgs/{org}/targeting", org)
                .then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("errors.field", hasItems("elections", "side"));
        given().auth().oauth2(token).queryParam("elections", id).queryParam("side", "2,RN-X")
                .get("/v1/admin/orgs/{org}/targeting", org)
                .then().statusCode(400).body("errors[0].field", equalTo("side")).body("errors[0].message", startsWith("'RN-X' names no candidate"));
        given().auth().oauth2(token).queryParam("elections", "20260101T000000Z-0000000000").queryParam("side", "2")
                .get("/v1/admin/orgs/{org}/targeting", org)
                .then().statusCode(400).body("errors[0].field", equalTo("elections"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("fileName", "../x.csv", "date", "10/04/2022", "commune", "Bordeaux"))
                .post("/v1/admin/orgs/{org}/elections", org)
                .then().statusCode(400).body("errors.field", hasItems("fileName", "date", "commune"));
        given().auth().oauth2(LocalStackResource.staffToken("someone-else")).get("/v1/admin/orgs/{org}/elections", org)
                .then().statusCode(403);
        given().get("/v1/admin/orgs/{org}/targeting", org).then().statusCode(401);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> station(JsonPath ranking, int index) {
        return new HashMap<>(ranking.<String, Object>getMap("stations[" + index + "]"));
    }

    private static String organisation(String name) {
        return ElectionFixtures.organisation("target", name);
    }

    private String upload(String org, String file, Map<String, String> details) throws IOException, InterruptedException {
        return upload(org, file, details, ElectionImportService.Run.DONE);
    }

    private String upload(String org, String file, Map<String, String> details, ElectionImportService.Run expected)
            throws IOException, InterruptedException {
        return ElectionFixtures.upload(imports, org, file, details, expected);
    }
}
