package org.turnout.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.turnout.api.ApiTestSupport.newOrganisation;
import static org.turnout.api.ApiTestSupport.uploadThrough;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.turnout.api.console.ConsoleSessions;
import org.turnout.importing.ImportService;
import org.turnout.importing.ImportSource;
import org.turnout.testing.LocalStackResource;

/**
 * The console's imports and election results pages on the local emulators: the guard and CSRF on their routes, a
 * French export uploaded through the pre-signed URL, previewed, mapped and imported, its progress and report, and
 * bad choices answered with the fields named.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackResource.class, restrictToAnnotatedClass = false)
class ConsoleImportsTest {
    /** The French export of the core's import tests: Windows-1252, ';', a formula, a duplicate, rejected rows. */
    private static final Path FRENCH_EXPORT = Path.of("../core/src/test/resources/imports/contacts-fr-windows1252.csv");

    @Inject
    ImportService imports;

    @Test
    void onlyOwnersAndStaffOfTheOrganisationOpenThePagesAndEveryChangeTakesTheCsrfToken() {
        String org = newOrganisation("cimp");
        for (String page : List.of(imports(org), elections(org))) {
            given().redirects().follow(false).get(page).then().statusCode(303);
            for (String refused : List.of(LocalStackResource.volunteerToken(org), LocalStackResource.ownerToken(newOrganisation("cother")))) {
                given().cookie(ConsoleSessions.SESSION, refused).get(page).then().statusCode(403);
            }
            given().cookie(ConsoleSessions.SESSION, LocalStackResource.ownerToken(org)).get(page).then().statusCode(200)
                    .body(containsString("data-upload=\"" + page + "/uploads\""));
        }
        String staff = LocalStackResource.staffToken(org);
        for (String csrf : List.of("", "forged")) {
            given().cookie(ConsoleSessions.SESSION, staff).header("X-CSRF-Token", csrf).formParam("fileName", "liste.csv")
                    .post(imports(org) + "/uploads").then().statusCode(403);
            given().cookie(ConsoleSessions.SESSION, staff).header("X-CSRF-Token", csrf).formParam("fileName", "t1.csv")
                    .post(elections(org) + "/uploads").then().statusCode(403);
        }
        given().cookie(ConsoleSessions.SESSION, staff).header("X-CSRF-Token", ConsoleSessions.csrfToken(staff))
                .formParam("fileName", "../liste.csv").post(imports(org) + "/uploads")
                .then().statusCode(400).body(containsString("fileName"));
    }

    @Test
    void theBrowserMayUploadToTheBucketItIsGivenPresignedUrlsFor() {
        String org = newOrganisation("ccsp");
        String staff = LocalStackResource.staffToken(org);
        String uploadUrl = step(staff, imports(org), "liste.csv").getString("uploadUrl");
        URI bucket = URI.create(uploadUrl);
        String csp = given().cookie(ConsoleSessions.SESSION, staff).get(imports(org)).then().statusCode(200)
                .extract().header("Content-Security-Policy");
        assertThat(csp).contains("connect-src 'self' " + bucket.getScheme() + "://" + bucket.getRawAuthority() + ";")
                .contains("script-src 'self';");
    }

    @Test
    void aFrenchExportIsPreviewedMappedImportedAndReported() throws IOException, InterruptedException {
        String org = newOrganisation("cflow");
        String staff = LocalStackResource.staffToken(org);
        JsonPath step = step(staff, imports(org), "Liste.csv");
        String next = step.getString("next");
        String key = URLDecoder.decode(next.substring(next.indexOf("key=") + 4), StandardCharsets.UTF_8);
        assertThat(key).startsWith("staging/" + org + "/");
        uploadThrough(step.getString("uploadUrl"), key, Files.readAllBytes(FRENCH_EXPORT));

        assertThat(next).isEqualTo(imports(org) + "/preview?key=" + URLEncoder.encode(key, StandardCharsets.UTF_8));
        String preview = given().cookie(ConsoleSessions.SESSION, staff).header("HX-Request", "true").queryParam("key", key)
                .get(imports(org) + "/preview").then().statusCode(200).body(not(containsString("<html"))).extract().asString();
        assertThat(preview).contains("Détecté : séparateur « ; », encodage windows-1252",
                "<option value=\";\" selected>", "<option value=\"windows-1252\" selected>",
                "<th scope=\"col\">Prénom</th>", "<option value=\"email\" selected>", "<td>Léa</td>",
                // what the file holds is escaped, the formula and the quotes included
                "=HYPERLINK(&quot;http://evil.example&quot;)", "O&#39;Neil; &quot;la grande&quot;");
        int stationColumn = columnOf(preview, "Bureau de vote");

        // a mapping the console does not offer is refused, naming the column
        Response refused = choose(staff, org, "preview", key, "field-" + stationColumn, "precinct-ish");
        refused.then().statusCode(400).contentType(containsString("text/html"));
        assertThat(refused.asString()).contains("columns.Bureau de vote", "must be one of");
        choose(staff, org, "preview", key, "delimiter", "|").then().statusCode(400).body(containsString("delimiter"));
        given().cookie(ConsoleSessions.SESSION, staff).get(imports(org) + "/preview?key=staging/other-org/20260101T000000-x.csv")
                .then().statusCode(400).body(containsString("key"));

        // the delimiter changed: one column, no email column, no start button
        assertThat(choose(staff, org, "preview", key, "delimiter", ",").then().statusCode(200).extract().asString())
                .contains("no email column").doesNotContain("id=\"start-import\"");

        String progress = choose(staff, org, "start", key, "field-" + stationColumn, "ignore", "consentSource", "Fête 2026")
                .then().statusCode(200).extract().asString();
        String importKey = "imports/" + org + key.substring(key.lastIndexOf('/'));
        assertThat(progress).contains("hx-trigger=\"every 2s\"", "data-status=\"waiting\"");

        // what the S3 event of the copy starts
        String bucket = LocalStackResource.stack.resources().physicalName("Bucket");
        var head = LocalStackResource.stack.clients().s3().headObject(b -> b.bucket(bucket).key(importKey));
        ImportSource source = new ImportSource(bucket, importKey, head.eTag(), head.contentLength(), Instant.now());
        assertThat(LocalStackResource.as("ImportFunction", () -> imports.run(source, Instant.now().plusSeconds(60))))
                .isEqualTo(ImportService.Run.DONE);

        String done = given().cookie(ConsoleSessions.SESSION, staff).header("HX-Request", "true")
                .queryParam("key", importKey).get(imports(org) + "/progress").then().statusCode(200).extract().asString();
        assertThat(done).contains("data-status=\"done\"", "value=\"100\"", "data-count=\"rows\">10<", "data-count=\"created\">4<",
                "data-count=\"duplicates\">1<", "data-count=\"rejected\">5<", "report.csv",
                // the list below takes the finished import in
                "hx-get=\"/console/orgs/" + org + "/imports/list\" hx-trigger=\"load\"").doesNotContain("every 2s");
        String report = given().cookie(ConsoleSessions.SESSION, staff).get(imports(org) + "/" + source.importId() + "/report.csv")
                .then().statusCode(200).contentType(containsString("text/csv")).extract().asString();
        assertThat(report).contains("paul.example.org");
        ApiTestSupport.readContact(staff, org, "hugo.robert@exemple.fr").statusCode(200).body("station", nullValue());
        given().cookie(ConsoleSessions.SESSION, LocalStackResource.ownerToken(newOrganisation("cspy")))
                .get(imports(org) + "/" + source.importId() + "/report.csv").then().statusCode(403);
    }

    @Test
    void anElectionResultsFileIsUploadedThroughThePresignedUrlAndListed() throws IOException, InterruptedException {
        String org = newOrganisation("celec");
        String staff = LocalStackResource.staffToken(org);
        given().cookie(ConsoleSessions.SESSION, staff).header("X-CSRF-Token", ConsoleSessions.csrfToken(staff))
                .formParam("fileName", "t1.csv").formParam("date", "10 avril").post(elections(org) + "/uploads")
                .then().statusCode(400).body(containsString("date"));
        JsonPath step = given().cookie(ConsoleSessions.SESSION, staff).header("X-CSRF-Token", ConsoleSessions.csrfToken(staff))
                .formParam("fileName", "t1.csv").formParam("name", "Présidentielle <2022>").formParam("date", "2022-04-10")
                .formParam("commune", "").post(elections(org) + "/uploads").then().statusCode(200).extract().jsonPath();
        assertThat(step.getString("next")).isEqualTo(elections(org) + "/list");
        assertThat(step.getString("uploadUrl")).contains("/elections/" + org + "/");

        String list = given().cookie(ConsoleSessions.SESSION, staff).header("HX-Request", "true").get(step.getString("next"))
                .then().statusCode(200).extract().asString();
        assertThat(list).contains("Présidentielle &lt;2022&gt;", "2022-04-10", "data-status=\"awaiting-upload\"", "every 3s");
    }

    private static JsonPath step(String token, String page, String fileName) {
        return given().cookie(ConsoleSessions.SESSION, token).header("X-CSRF-Token", ConsoleSessions.csrfToken(token))
                .formParam("fileName", fileName).post(page + "/uploads").then().statusCode(200).extract().jsonPath();
    }

    /** The preview's form sent back with one choice changed, as htmx sends it. */
    private static Response choose(String token, String org, String action, String key, String... nameValues) {
        var request = given().cookie(ConsoleSessions.SESSION, token).header("X-CSRF-Token", ConsoleSessions.csrfToken(token))
                .header("HX-Request", "true").formParam("key", key);
        for (int i = 0; i < nameValues.length; i += 2) {
            request.formParam(nameValues[i], nameValues[i + 1]);
        }
        String stationColumn = nameValues[0].startsWith("field-") ? nameValues[0].substring("field-".length()) : null;
        if (stationColumn != null) {
            request.formParam("header-" + stationColumn, "Bureau de vote");
        }
        return request.post(imports(org) + "/" + action);
    }

    private static int columnOf(String preview, String header) {
        Matcher m = Pattern.compile("name=\"header-(\\d+)\" value=\"" + Pattern.quote(header) + "\"").matcher(preview);
        assertThat(m.find()).as("a column %s", header).isTrue();
        return Integer.parseInt(m.group(1));
    }

    private static String imports(String org) {
        return "/console/orgs/" + org + "/imports";
    }

    private static String elections(String org) {
        return "/console/orgs/" + org + "/elections";
    }
}
