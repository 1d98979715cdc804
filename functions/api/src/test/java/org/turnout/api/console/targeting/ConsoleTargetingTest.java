package org.turnout.api.console.targeting;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.turnout.api.ElectionFixtures;
import org.turnout.api.console.ConsoleSessions;
import org.turnout.contact.ContactBuilder;
import org.turnout.contact.ContactIds;
import org.turnout.contact.ContactRepository;
import org.turnout.contact.ContactStatus;
import org.turnout.contact.EmailAddress;
import org.turnout.precinct.ElectionImportService;
import org.turnout.testing.LocalStackResource;

/**
 * The console's targeting page and walk list page on the local emulators: the API's ranking for the elections and
 * side ticked (figures of src/test/resources/elections checked by hand), an election that failed shown with its
 * reason, what files and contacts hold escaped, the service's refusals shown naming the field, and the guard.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackResource.class, restrictToAnnotatedClass = false)
class ConsoleTargetingTest {
    private static final ContactIds IDS = new ContactIds(LocalStackResource.CONTACT_ID_KEY);
    private static final Pattern RANKED = Pattern.compile("<tr data-station=\"([^\"]*)\"");

    @Inject
    ElectionImportService imports;
    @Inject
    ContactRepository contacts;

    @Test
    void staffTickTwoElectionsAndASideAndSeeTheApisRankingAsATableAndAChart() throws Exception {
        String org = ElectionFixtures.organisation("console-target", "Saint-Exemple");
        String presidential = upload(org, "presidentielle-2022-t1.csv", Map.of("name", "Présidentielle 2022", "date", "2022-04-10"),
                ElectionImportService.Run.DONE);
        String european = upload(org, "europeennes-2024.csv", Map.of("name", "Européennes 2024", "date", "2024-06-09"),
                ElectionImportService.Run.DONE);
        String failed = upload(org, "municipales-2020-long.csv", Map.of("name", "Municipales 2020"), ElectionImportService.Run.FAILED);
        String token = LocalStackResource.staffToken(org);

        // nothing ticked: every imported election and its candidates to tick; the failed one with its reason, no box
        String empty = given().cookie(ConsoleSessions.SESSION, token).header("Accept-Language", "fr")
                .get("/console/orgs/{org}/targeting", org).then().statusCode(200).extract().asString();
        assertThat(empty).contains("name=\"elections\" value=\"" + presidential + "\"", "name=\"elections\" value=\"" + european + "\"",
                "value=\"Julie BESSON\"", "value=\"GAUCHE UNIE\"", "data-status=\"failed\"",
                "import échoué : 2 of 3 stations do not add up", "Cochez au moins une élection", "href=\"/console/orgs/" + org + "/elections\"")
                .doesNotContain("value=\"" + failed + "\"", "<table class=\"list\">");

        // 2024 is the reference: GAUCHE UNIE 400 of 500 in 0001 (500 abstentions -> 400), 350 of 700 in 0002 (300 -> 150),
        // 50 of 250 in 0003 (250 -> 50); BESSON had 120 of 200 in 0003 in 2022: a gap of 60 % - 20 % = 40 %
        Map<String, List<String>> choice = Map.of("elections", List.of(presidential, european), "side", List.of("Julie BESSON", "GAUCHE UNIE"));
        String page = given().cookie(ConsoleSessions.SESSION, token).header("Accept-Language", "fr").queryParams(choice)
                .get("/console/orgs/{org}/targeting", org).then().statusCode(200).extract().asString();
        assertThat(ranked(page)).containsExactly("0001", "0002", "0003");
        List<Object> api = given().auth().oauth2(token).queryParam("elections", presidential + "," + european)
                .queryParam("side", "Julie BESSON,GAUCHE UNIE").get("/v1/admin/orgs/{org}/targeting", org)
                .then().statusCode(200).extract().jsonPath().getList("stations.station");
        assertThat(ranked(page)).isEqualTo(api);
        assertThat(row(page, "0001")).contains(">1<", ">1000<", ">500<", ">400,0<", "haute").containsPattern(">80,0.%<")
                .containsPattern(">66,7.%<");
        assertThat(row(page, "0002")).contains(">150,0<", "moyenne").containsPattern(">91,7.%<");
        assertThat(row(page, "0003")).contains(">50,0<", "basse").containsPattern(">40,0.%<");
        assertThat(page).contains("id=\"for50\">1<", "id=\"for80\">2<", "name=\"elections\" value=\"" + presidential + "\" checked",
                "value=\"GAUCHE UNIE\" checked", "Européennes 2024",
                "href=\"/console/orgs/" + org + "/targeting/walklist?station=0003&amp;turfSize=40&amp;elections=" + presidential);
        // the chart: a bar per station, named and described for those who cannot see it
        assertThat(page).contains("role=\"img\" aria-labelledby=\"chart-title chart-desc\"", "<title id=\"chart-title\">",
                "<desc id=\"chart-desc\">3 barres");
        assertThat(page.split("<rect class=\"score", -1)).hasSize(4);

        // what htmx asks for when a box changes: the ranking alone, the address bar following the choice
        Response fragment = given().cookie(ConsoleSessions.SESSION, token).header("HX-Request", "true").queryParams(choice)
                .get("/console/orgs/{org}/targeting/ranking", org);
        fragment.then().statusCode(200).body(not(containsString("<html"))).body(containsString("<rect class=\"score top50\""));
        assertThat(fragment.header("HX-Replace-Url")).isEqualTo("/console/orgs/" + org + "/targeting?elections=" + presidential
                + "&elections=" + european + "&side=Julie+BESSON&side=GAUCHE+UNIE");
        assertThat(ranked(fragment.asString())).containsExactly("0001", "0002", "0003");

        // in English
        given().cookie(ConsoleSessions.SESSION, token).header("Accept-Language", "en").queryParams(choice)
                .get("/console/orgs/{org}/targeting", org).then().statusCode(200)
                .body(containsString("<html lang=\"en\">")).body(containsString(">400.0<")).body(containsString("Walk list of station 0001"));
    }

    @Test
    void aChoiceTheServiceRefusesIsShownNamingTheField() throws Exception {
        String org = ElectionFixtures.organisation("console-target", "Saint-Exemple");
        String id = upload(org, "presidentielle-2022-t1.csv", Map.of(), ElectionImportService.Run.DONE);
        String token = LocalStackResource.ownerToken(org);
        given().cookie(ConsoleSessions.SESSION, token).header("HX-Request", "true")
                .queryParam("elections", id).queryParam("side", "<script>RN</script>")
                .get("/console/orgs/{org}/targeting/ranking", org).then().statusCode(200)
                .body(containsString("role=\"alert\"")).body(containsString("data-field=\"side\""))
                .body(containsString("&#39;&lt;script&gt;RN&lt;/script&gt;&#39; names no candidate")).body(not(containsString("<script>RN")));
        given().cookie(ConsoleSessions.SESSION, token).queryParam("elections", "20260101T000000Z-0000000000").queryParam("side", "2")
                .get("/console/orgs/{org}/targeting", org).then().statusCode(400).body(containsString("data-field=\"elections\""));
        given().cookie(ConsoleSessions.SESSION, token).queryParam("station", "0001").queryParam("turfSize", 0)
                .get("/console/orgs/{org}/targeting/walklist", org).then().statusCode(400)
                .body(containsString("data-field=\"turfSize\"")).body(containsString("must be from 1 to 500"));
    }

    @Test
    void stationsListsAndResidentsFromFilesAndContactsAreEscaped() throws Exception {
        String org = ElectionFixtures.organisation("console-target", "Saint-Exemple");
        String id = upload(org, "municipales-2026-balises-long.csv", Map.of(), ElectionImportService.Run.DONE);
        String token = LocalStackResource.staffToken(org);
        // <b>Bureau</b>: 400 abstentions x 300 of 580 -> 206.9; 0002: 400 x 100 of 400 -> 100
        String page = given().cookie(ConsoleSessions.SESSION, token).queryParam("elections", id).queryParam("side", "<i>Liste</i> Ensemble")
                .get("/console/orgs/{org}/targeting", org).then().statusCode(200).extract().asString();
        assertThat(ranked(page)).containsExactly("&lt;b&gt;Bureau&lt;/b&gt;", "0002");
        assertThat(page).contains("value=\"&lt;i&gt;Liste&lt;/i&gt; Ensemble\" checked", ">206,9<",
                        "walklist?station=%3Cb%3EBureau%3C%2Fb%3E&amp;turfSize=40")
                .doesNotContain("<b>Bureau", "<i>Liste");

        String email = "lea@example.org";
        contacts.createIfAbsent(ContactBuilder.builder().orgId(org).email(email).contactId(IDS.forEmail(EmailAddress.parse(email).orElseThrow()))
                .firstName("<script>alert(1)</script>").lastName("Martin").street("3 rue <i>Haute</i>").postcode("33999").station("0002")
                .phone("06 11 22 33 44").status(ContactStatus.SUBSCRIBED.code()).build()).orElseThrow();
        String walkList = given().cookie(ConsoleSessions.SESSION, token).queryParam("station", "0002").queryParam("turfSize", 40)
                .queryParam("elections", id).queryParam("side", "<i>Liste</i> Ensemble")
                .get("/console/orgs/{org}/targeting/walklist", org).then().statusCode(200).extract().asString();
        assertThat(walkList).contains("&lt;script&gt;alert(1)&lt;/script&gt; Martin", "rue &lt;i&gt;Haute&lt;/i&gt; (impairs)", "06 11 22 33 44",
                        "Bureau 0002 – secteur 1 / 1", "href=\"/console/orgs/" + org + "/targeting?elections=" + id + "&amp;side=%3Ci%3EListe")
                .doesNotContain("<script>alert", "<i>Haute", "lea@example.org");
        given().cookie(ConsoleSessions.SESSION, token).queryParam("station", "<b>Bureau</b>").queryParam("turfSize", 40)
                .get("/console/orgs/{org}/targeting/walklist", org).then().statusCode(200)
                .body(containsString("Aucune porte connue pour le bureau &lt;b&gt;Bureau&lt;/b&gt;")).body(not(containsString("<b>Bureau")));
    }

    @Test
    void theGuardLetsOwnersAndStaffInAndNobodyElse() {
        String org = ElectionFixtures.organisation("console-target", "Saint-Exemple");
        for (String path : List.of("/console/orgs/" + org + "/targeting", "/console/orgs/" + org + "/targeting/walklist?station=0001&turfSize=5")) {
            given().redirects().follow(false).get(path).then().statusCode(303).header("Location", containsString("/console"));
            for (String refused : List.of(LocalStackResource.volunteerToken(org), LocalStackResource.ownerToken("someone-else"),
                    LocalStackResource.operatorToken())) {
                given().cookie(ConsoleSessions.SESSION, refused).header("Accept-Language", "en").get(path)
                        .then().statusCode(403).body(containsString("Access denied"));
            }
            given().cookie(ConsoleSessions.SESSION, LocalStackResource.staffToken(org)).get(path).then().statusCode(200);
            given().cookie(ConsoleSessions.SESSION, LocalStackResource.ownerToken(org)).get(path).then().statusCode(200);
        }
        given().redirects().follow(false).header("HX-Request", "true").get("/console/orgs/{org}/targeting/ranking", org)
                .then().statusCode(401).header("HX-Redirect", equalTo("/console"));
    }

    private String upload(String org, String file, Map<String, String> details, ElectionImportService.Run expected) throws Exception {
        return ElectionFixtures.upload(imports, org, file, details, expected);
    }

    /** The stations of the ranking's table, in its order. */
    private static List<String> ranked(String html) {
        List<String> stations = new ArrayList<>();
        Matcher row = RANKED.matcher(html);
        while (row.find()) {
            stations.add(row.group(1));
        }
        return stations;
    }

    /** The table's line of {@code station}. */
    private static String row(String html, String station) {
        int start = html.indexOf("<tr data-station=\"" + station + "\"");
        assertThat(start).as("a line for " + station).isNotNegative();
        return html.substring(start, html.indexOf("</tr>", start));
    }
}
