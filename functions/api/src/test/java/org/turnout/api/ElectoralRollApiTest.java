package org.turnout.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.turnout.api.ApiTestSupport.uniqueOrg;
import static org.turnout.api.ApiTestSupport.uploadThrough;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.turnout.importing.ImportService;
import org.turnout.importing.ImportSource;
import org.turnout.local.RepositoryRoot;
import org.turnout.precinct.ElectionImportService;
import org.turnout.roll.RollImportService;
import org.turnout.testing.LocalStackResource;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The electoral roll from the owner's side: the election date and retention (owner only, each bad
 * field named), a roll matched to contacts that came in through a real contact import, listed once
 * on the walk list, never counted or selected as a contact, shown in the matched person's export,
 * and deleted on request.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackResource.class, restrictToAnnotatedClass = false)
class ElectoralRollApiTest {
    private static final String CONTACTS = """
            Prénom;Nom;Email;Adresse;Code postal;Bureau de vote
            Marie-Claire;Durand;marie-claire@example.org;12 rue de la Paix;33999;0001
            Ana;Lopez;ana@example.org;14 rue de la Paix;33999;0001
            """;
    private static final Map<String, Object> EVERYONE_IN_33 = Map.of("rule", Map.of("field", "postcode", "op", "prefix", "values", List.of("33")),
            "allowImported", true);

    @Inject
    ImportService contactImports;
    @Inject
    RollImportService rollImports;

    @Test
    void onlyAnOwnerSetsTheElectionDateAndEachBadFieldIsNamed() {
        String org = organisation();
        String owner = LocalStackResource.ownerToken(org);
        given().auth().oauth2(LocalStackResource.staffToken(org)).contentType(ContentType.JSON)
                .body(Map.of("electionDate", "2027-03-14", "retentionDays", 30))
                .put("/v1/admin/orgs/{org}/electoral-roll/retention", org).then().statusCode(403);
        given().auth().oauth2(owner).contentType(ContentType.JSON).body(Map.of("electionDate", "14/03/2027", "retentionDays", 400))
                .put("/v1/admin/orgs/{org}/electoral-roll/retention", org).then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", containsInAnyOrder("electionDate", "retentionDays"));
        given().auth().oauth2(owner).contentType(ContentType.JSON).body(Map.of("retentionDays", 10))
                .put("/v1/admin/orgs/{org}/electoral-roll/retention", org).then().statusCode(400)
                .body("errors.field", containsInAnyOrder("electionDate"));
        given().auth().oauth2(LocalStackResource.staffToken(org)).get("/v1/admin/orgs/{org}/electoral-roll", org)
                .then().statusCode(200).body("retention", nullValue());

        given().auth().oauth2(owner).contentType(ContentType.JSON).body(Map.of("electionDate", "2027-03-14", "retentionDays", 30))
                .put("/v1/admin/orgs/{org}/electoral-roll/retention", org).then().statusCode(200)
                .body("electionDate", equalTo("2027-03-14")).body("retentionDays", equalTo(30));
        given().auth().oauth2(LocalStackResource.staffToken(org)).get("/v1/admin/orgs/{org}/electoral-roll", org)
                .then().statusCode(200).body("retention.electionDate", equalTo("2027-03-14"));
        given().auth().oauth2(LocalStackResource.staffToken(org)).delete("/v1/admin/orgs/{org}/electoral-roll", org).then().statusCode(403);
    }

    @Test
    void theRollIsMatchedToImportedContactsNeverCountedAsContactsAndDeletedOnRequest() throws IOException {
        String org = organisation();
        String owner = LocalStackResource.ownerToken(org);
        String staff = LocalStackResource.staffToken(org);
        importContacts(org);
        long contactsBefore = given().auth().oauth2(staff).contentType(ContentType.JSON).body(EVERYONE_IN_33).urlEncodingEnabled(false)
                .post("/v1/admin/orgs/" + org + "/segments:preview").then().statusCode(200).extract().jsonPath().getLong("count");
        assertThat(contactsBefore).isEqualTo(2);

        assertThat(importRoll(org)).as("no election date yet").isEqualTo(ElectionImportService.Run.FAILED);
        given().auth().oauth2(staff).get("/v1/admin/orgs/{org}/electoral-roll", org).then().statusCode(200)
                .body("imports[0].status", equalTo("failed"))
                .body("imports[0].failure", equalTo("the organisation has no election date: an owner sets it, with the days the roll is kept "
                        + "after it, before the roll is imported"));

        given().auth().oauth2(owner).contentType(ContentType.JSON)
                .body(Map.of("electionDate", LocalDate.now(ZoneOffset.UTC).plusMonths(3).toString(), "retentionDays", 30))
                .put("/v1/admin/orgs/{org}/electoral-roll/retention", org).then().statusCode(200);
        assertThat(importRoll(org)).isEqualTo(ElectionImportService.Run.DONE);
        String done = "imports.find { it.status == 'done' }";
        given().auth().oauth2(staff).get("/v1/admin/orgs/{org}/electoral-roll", org).then().statusCode(200)
                .body("imports.size()", equalTo(2))
                .body(done + ".voters", equalTo(10)).body(done + ".matched", equalTo(1))
                .body(done + ".rejected", equalTo(2)).body(done + ".problems[0].line", equalTo(11))
                .body(done + ".problems[2].kind", equalTo("warning"));

        List<CSVRecord> walk = walkList(org, staff);
        assertThat(walk).extracting(row -> row.get("number") + " " + row.get("name")).containsExactly(
                "2 Chloé ROUX", "4 Hans SCHMIDT", " Lucie BLANC", "5 Ana LOPEZ (APPT 12, BAT B)", "7 bis Jean Pierre PETIT", "7 bis Jean Pierre PETIT",
                "12 Paul DURAND", "12 Marie Claire Anne DURAND", "14 Ana Lopez", " Zoé ROSE");
        CSVRecord marieClaire = walk.get(7);
        assertThat(marieClaire.get("contact")).as("the voter is the imported contact, listed once").isNotEmpty();

        // voters are no contacts: not counted, not selected, not exported as such
        given().auth().oauth2(staff).contentType(ContentType.JSON).body(EVERYONE_IN_33).urlEncodingEnabled(false)
                .post("/v1/admin/orgs/" + org + "/segments:preview").then().statusCode(200).body("count", equalTo((int) contactsBefore));
        JsonPath export = given().auth().oauth2(owner).contentType(ContentType.JSON).body(Map.of("email", "marie-claire@example.org"))
                .post("/v1/admin/orgs/{org}/privacy/exports", org).then().statusCode(200).extract().jsonPath();
        assertThat(export.getList("electoralRoll.birthName")).containsExactly("MARTIN");
        assertThat(export.getString("contactId")).isEqualTo(marieClaire.get("contact"));
        given().auth().oauth2(owner).contentType(ContentType.JSON).body(Map.of("email", "ana@example.org"))
                .post("/v1/admin/orgs/{org}/privacy/exports", org).then().statusCode(200).body("electoralRoll.size()", equalTo(0));

        given().auth().oauth2(owner).delete("/v1/admin/orgs/{org}/electoral-roll", org).then().statusCode(200)
                .body("voters", equalTo(10));
        assertThat(walkList(org, staff)).extracting(row -> row.get("number") + " " + row.get("name"))
                .containsExactly("12 Marie-Claire Durand", "14 Ana Lopez");
        given().auth().oauth2(owner).contentType(ContentType.JSON).body(Map.of("email", "marie-claire@example.org"))
                .post("/v1/admin/orgs/{org}/privacy/exports", org).then().statusCode(200).body("electoralRoll.size()", equalTo(0));
    }

    @Test
    void onlyAnOwnerUploadsARollThroughThePresignedUrlAndItsImportRuns() throws IOException, InterruptedException {
        String org = organisation();
        String owner = LocalStackResource.ownerToken(org);
        given().auth().oauth2(owner).contentType(ContentType.JSON)
                .body(Map.of("electionDate", LocalDate.now(ZoneOffset.UTC).plusMonths(3).toString(), "retentionDays", 30))
                .put("/v1/admin/orgs/{org}/electoral-roll/retention", org).then().statusCode(200);
        for (String other : List.of(LocalStackResource.staffToken(org), LocalStackResource.volunteerToken(org))) {
            given().auth().oauth2(other).contentType(ContentType.JSON).body(Map.of("fileName", "liste.csv"))
                    .post("/v1/admin/orgs/{org}/electoral-roll/uploads", org).then().statusCode(403);
        }
        given().auth().oauth2(owner).contentType(ContentType.JSON).body(Map.of("fileName", "../liste.csv"))
                .post("/v1/admin/orgs/{org}/electoral-roll/uploads", org).then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", containsInAnyOrder("fileName"));

        JsonPath ticket = given().auth().oauth2(owner).contentType(ContentType.JSON).body(Map.of("fileName", "liste-electorale.csv"))
                .post("/v1/admin/orgs/{org}/electoral-roll/uploads", org).then().statusCode(201)
                .body("method", equalTo("PUT"))
                .body("key", matchesPattern("rolls/" + org + "/\\d{8}T\\d{6}-liste-electorale\\.csv"))
                .extract().jsonPath();
        byte[] file = Files.readAllBytes(RepositoryRoot.locate().path()
                .resolve("functions/core/src/test/resources/rolls/liste-electorale-saint-exemple.csv"));
        ImportSource source = uploadThrough(ticket.getString("uploadUrl"), ticket.getString("key"), file);

        // what the S3 event would start in PrecinctImportFunction
        assertThat(LocalStackResource.as("PrecinctImportFunction", () -> rollImports.run(source))).isEqualTo(ElectionImportService.Run.DONE);
        given().auth().oauth2(owner).get("/v1/admin/orgs/{org}/electoral-roll", org).then().statusCode(200)
                .body("imports[0].status", equalTo("done")).body("imports[0].voters", equalTo(10));
        assertThat(walkList(org, owner)).as("every voter of station 0001").hasSize(9);
    }

    private static List<CSVRecord> walkList(String org, String token) throws IOException {
        String csv = given().auth().oauth2(token).queryParam("station", "0001").queryParam("turfSize", 50)
                .get("/v1/admin/orgs/{org}/walklists", org).then().statusCode(200).extract().asString();
        return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(csv.substring(1)))
                .getRecords().stream().filter(row -> !row.get("name").isEmpty()).toList();
    }

    private static String organisation() {
        String org = uniqueOrg("roll");
        given().auth().oauth2(LocalStackResource.operatorToken()).contentType(ContentType.JSON)
                .body(Map.of("id", org, "name", "Saint-Exemple", "language", "fr", "timeZone", "Europe/Paris"))
                .post("/v1/admin/orgs").then().statusCode(201);
        return org;
    }

    private void importContacts(String org) {
        byte[] bytes = CONTACTS.getBytes(StandardCharsets.UTF_8);
        ImportSource source = put("imports/" + org + "/adherents.csv", bytes);
        assertThat(LocalStackResource.as("ImportFunction", () -> contactImports.run(source, Instant.now().plusSeconds(60))))
                .isEqualTo(ImportService.Run.DONE);
    }

    private ElectionImportService.Run importRoll(String org) throws IOException {
        byte[] bytes = Files.readAllBytes(RepositoryRoot.locate().path()
                .resolve("functions/core/src/test/resources/rolls/liste-electorale-saint-exemple.csv"));
        ImportSource source = put("rolls/" + org + "/liste-" + System.nanoTime() + ".csv", bytes);
        return LocalStackResource.as("PrecinctImportFunction", () -> rollImports.run(source));
    }

    private static ImportSource put(String key, byte[] bytes) {
        String bucket = LocalStackResource.stack.resources().physicalName("Bucket");
        String etag = LocalStackResource.stack.clients().s3().putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(bytes)).eTag();
        return new ImportSource(bucket, key, etag, bytes.length, Instant.now());
    }
}
