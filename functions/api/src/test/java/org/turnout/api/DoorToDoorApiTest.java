package org.turnout.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;
import static org.turnout.api.ApiTestSupport.uniqueOrg;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.turnout.canvass.AddressImportService;
import org.turnout.contact.Contact;
import org.turnout.contact.ContactBuilder;
import org.turnout.contact.ContactRepository;
import org.turnout.contact.ContactStatus;
import org.turnout.contact.ContactIds;
import org.turnout.contact.EmailAddress;
import org.turnout.importing.ImportSource;
import org.turnout.precinct.ElectionImportService;
import org.turnout.testing.LocalStackResource;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Walk lists from contacts and an address file, in walking order and turfs, as CSV and HTML; then
 * canvass results coming back, kept once per session, changing who is in a segment.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackResource.class, restrictToAnnotatedClass = false)
class DoorToDoorApiTest {
    private static final ContactIds IDS = new ContactIds(LocalStackResource.CONTACT_ID_KEY);
    private static final String ADDRESSES = """
            numero;rep;voie;code postal;bureau de vote
            1;;Rue de la Paix;33999;0001
            5;;rue de la paix;33999;0001
            7;;Rue de la Paix;33999;0001
            2;;Allée des Chênes;33999;0001
            4;;Allée des Chênes;33999;0001
            6;;Allée des Chênes;33999;0001
            8;;Allée des Chênes;33999;0001
            13;;Allée des Chênes;33999;0001
            12;bis;Rue de la Paix;33999;0001
            3;;Boulevard Ailleurs;33999;0002
            x;;Rue de la Paix;33999;0001
            """;

    @Inject
    AddressImportService addressImports;
    @Inject
    ContactRepository contacts;

    @Test
    void walkListGroupsStreetsSidesAndHouseNumbersIntoTurfs() throws Exception {
        String org = organisation();
        String token = LocalStackResource.staffToken(org);
        contact(org, "ana@example.org", "Ana", "Lopez", "14 rue de la Paix", "0001", ContactStatus.SUBSCRIBED, "06 11 22 33 44");
        contact(org, "bob@example.org", null, "=HYPERLINK(\"http://evil.example\")", "12 Rue de la Paix", "0001", ContactStatus.IMPORTED, "06 99 88 77 66");
        contact(org, "cleo@example.org", "Cléo", "Martin", "3, rue de la Paix", "0001", ContactStatus.SUBSCRIBED, null);
        contact(org, "dan@example.org", "Dan", "Elsewhere", "3 boulevard Ailleurs", "0002", ContactStatus.SUBSCRIBED, null);
        importAddresses(org);

        given().auth().oauth2(token).get("/v1/admin/orgs/{org}/addresses", org).then().statusCode(200)
                .body("items[0].status", equalTo("done")).body("items[0].doors", equalTo(10)).body("items[0].rejected", equalTo(1))
                .body("items[0].problems[0].line", equalTo(12))
                .body("items[0].problems[0].message", equalTo("the street number is not a number: 'x'"));

        String csv = given().auth().oauth2(token).queryParam("station", "0001").queryParam("turfSize", 4)
                .get("/v1/admin/orgs/{org}/walklists", org).then().statusCode(200)
                .contentType(startsWith("text/csv")).extract().asString();
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv.substring(1))).getRecords();
        List<String> walk = new ArrayList<>();
        rows.forEach(r -> walk.add(r.get("turf") + " " + r.get("street") + " " + r.get("number")));
        // streets in alphabetical order, odd side then even side, 12 before 12 bis before 14; a side is not cut across turfs
        assertThat(walk).containsExactly(
                "1 Allée des Chênes 13",
                "2 Allée des Chênes 2", "2 Allée des Chênes 4", "2 Allée des Chênes 6", "2 Allée des Chênes 8",
                "3 Rue de la Paix 1", "3 Rue de la Paix 3", "3 Rue de la Paix 5", "3 Rue de la Paix 7",
                "4 Rue de la Paix 12", "4 Rue de la Paix 12 bis", "4 Rue de la Paix 14");
        CSVRecord bob = rows.get(9);
        assertThat(bob.get("name")).as("formula-safe").isEqualTo("'=HYPERLINK(\"http://evil.example\")");
        assertThat(bob.get("phone")).as("no consent, no phone").isEmpty();
        CSVRecord ana = rows.get(11);
        assertThat(ana.get("name")).isEqualTo("Ana Lopez");
        assertThat(ana.get("phone")).isEqualTo("06 11 22 33 44");
        assertThat(ana.get("contact")).isEqualTo(IDS.forEmail(EmailAddress.parse("ana@example.org").orElseThrow()));
        assertThat(rows.get(6).get("name")).isEqualTo("Cléo Martin");
        assertThat(csv).doesNotContain("@example.org", "Elsewhere", "Ailleurs");

        // a side longer than a turf goes on over the next
        List<String> turfsOfThree = given().auth().oauth2(token).queryParam("station", "0001").queryParam("turfSize", 3)
                .get("/v1/admin/orgs/{org}/walklists", org).then().statusCode(200)
                .extract().asString().lines().skip(1).map(line -> line.substring(0, line.indexOf(','))).toList();
        assertThat(turfsOfThree).containsExactly("1", "1", "1", "2", "2", "2", "3", "3", "3", "4", "4", "4");

        String html = given().auth().oauth2(token).queryParam("station", "0001").queryParam("turfSize", 4).queryParam("format", "html")
                .get("/v1/admin/orgs/{org}/walklists", org).then().statusCode(200)
                .contentType(startsWith("text/html")).extract().asString();
        assertThat(html).contains("Bureau 0001 – secteur 4 / 4", "Soutien 1-5", "☐", "=HYPERLINK(&quot;http://evil.example&quot;)")
                .doesNotContain("ana@example.org");
    }

    @Test
    void walkListCsvIsSafeAgainstFormulas() throws Exception {
        String org = organisation();
        contact(org, "eve@example.org", "@SUM(1+1)", "-2+3", "=cmd|' /C calc'!A0 rue du Piège", "0003", ContactStatus.SUBSCRIBED, "+33 6 00 00 00 00");
        String csv = given().auth().oauth2(LocalStackResource.staffToken(org)).queryParam("station", "0003").queryParam("turfSize", 10)
                .get("/v1/admin/orgs/{org}/walklists", org).then().statusCode(200).extract().asString();
        CSVRecord row = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv.substring(1))).getRecords().get(0);
        assertThat(row.get("street")).isEqualTo("'=cmd|' /C calc'!A0 rue du Piège");
        assertThat(row.get("name")).isEqualTo("'@SUM(1+1) -2+3");
        assertThat(row.get("phone")).isEqualTo("'+33 6 00 00 00 00");
    }

    @Test
    void canvassResultsAreKeptOncePerSessionAndChangeASegment() {
        String org = organisation();
        String token = LocalStackResource.staffToken(org);
        // the results come from the door, by a volunteer
        String volunteer = LocalStackResource.volunteerToken(org);
        Contact zoe = contact(org, "zoe@example.org", "Zoé", "Petit", "9 rue de la Paix", "0001", ContactStatus.SUBSCRIBED, null);
        assertThat(contacts.update(zoe.with().mailingsReceived(List.of("m1", "m2")).mailingsOpened(List.of("m1")).build())).isPresent();
        Map<String, Object> rule = Map.of("all", List.of(
                Map.of("field", "canvass.support", "op", "between", "min", 4),
                Map.of("field", "canvass.outcome", "op", "in", "values", List.of("talked")),
                Map.of("field", "mailings.notOpened", "op", "inLast", "value", 1)));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("rule", rule))
                .urlEncodingEnabled(false).post("/v1/admin/orgs/" + org + "/segments:preview").then().statusCode(200).body("count", equalTo(0));

        Map<String, Object> door = Map.of("session", "2026-11-28-nord", "canvasser", "Lina", "at", "2026-11-28T15:30:00Z",
                "contactId", zoe.contactId(), "outcome", "talked", "support", 5, "volunteer", true, "notes", "veut une affiche");
        given().auth().oauth2(volunteer).contentType(ContentType.JSON).body(door).post("/v1/admin/orgs/{org}/canvass", org)
                .then().statusCode(200).body("results[0].result", equalTo("recorded"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("rule", rule))
                .urlEncodingEnabled(false).post("/v1/admin/orgs/" + org + "/segments:preview").then().statusCode(200)
                .body("count", equalTo(1)).body("sample[0].email", equalTo("zoe@example.org"));

        // the same door sent again (a tablet retrying) changes nothing, even with other figures
        Map<String, Object> again = new java.util.HashMap<>(door);
        again.put("support", 1);
        given().auth().oauth2(volunteer).contentType(ContentType.JSON).body(again).post("/v1/admin/orgs/{org}/canvass", org)
                .then().statusCode(200).body("results[0].result", equalTo("duplicate"));
        Contact after = contacts.find(org, zoe.contactId()).orElseThrow();
        assertThat(after.canvassSupport()).isEqualTo(5);
        assertThat(after.canvassVolunteer()).isTrue();
        assertThat(after.lastCanvassedAt()).isEqualTo(Instant.parse("2026-11-28T15:30:00Z"));

        // an older sheet typed in later is kept, but does not overwrite the newer result on the contact
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("session", "2026-11-20-nord", "canvasser", "Lina", "at", "2026-11-20T10:00:00Z",
                        "results", List.of(Map.of("contactId", zoe.contactId(), "outcome", "not_home"))))
                .post("/v1/admin/orgs/{org}/canvass", org).then().statusCode(200).body("results[0].result", equalTo("recorded"));
        assertThat(contacts.find(org, zoe.contactId()).orElseThrow().canvassOutcome()).isEqualTo("talked");
    }

    @Test
    void anAddressThatIsNobodyYetBecomesAContactWithoutEmail() {
        String org = organisation();
        String token = LocalStackResource.staffToken(org);
        Map<String, Object> batch = Map.of("session", "s1", "canvasser", "Lina", "at", "2026-11-28T16:00:00Z", "results", List.of(
                Map.of("address", Map.of("number", "12 bis", "street", "Rue de la Paix", "postcode", "33999", "station", "0001"),
                        "lastName", "Durand", "outcome", "talked", "support", 4, "volunteer", true)));
        String id = given().auth().oauth2(token).contentType(ContentType.JSON).body(batch).post("/v1/admin/orgs/{org}/canvass", org)
                .then().statusCode(200).body("results[0].contactCreated", equalTo(true)).extract().path("results[0].contactId");
        given().auth().oauth2(token).contentType(ContentType.JSON).body(batch).post("/v1/admin/orgs/{org}/canvass", org)
                .then().statusCode(200).body("results[0].contactId", equalTo(id)).body("results[0].result", equalTo("duplicate"))
                .body("results[0].contactCreated", equalTo(false));
        Contact durand = contacts.find(org, id).orElseThrow();
        assertThat(durand.email()).isNull();
        assertThat(durand.status()).isEqualTo("no_email");
        assertThat(durand.street()).isEqualTo("12 bis Rue de la Paix");
        assertThat(durand.canvassSupport()).isEqualTo(4);
        // never mailable, whatever the segment says
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("rule", Map.of("field", "canvass.volunteer", "op", "equals", "value", true), "allowImported", true))
                .urlEncodingEnabled(false).post("/v1/admin/orgs/" + org + "/segments:preview").then().statusCode(200).body("count", equalTo(0));
        // and on the walk list of its station
        assertThat(given().auth().oauth2(token).queryParam("station", "0001").queryParam("turfSize", 10)
                .get("/v1/admin/orgs/{org}/walklists", org).then().statusCode(200).extract().asString()).contains("Durand", id);
    }

    @Test
    void badCanvassAndWalkListRequestsNameTheField() {
        String org = organisation();
        String token = LocalStackResource.staffToken(org);
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("session", "s 1", "at", "yesterday", "results", List.of(
                        Map.of("contactId", "0123456789abcdef0123456789abcdef", "outcome", "talked", "support", 7),
                        Map.of("outcome", "maybe"))))
                .post("/v1/admin/orgs/{org}/canvass", org).then().statusCode(400)
                .body("errors.field", hasItems("results[0].session", "results[0].canvasser", "results[0].at", "results[0].support",
                        "results[1].outcome", "results[1].contactId"));
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("session", "s1", "canvasser", "Lina", "at", "2026-11-28T16:00:00Z", "email", "nobody@example.org", "outcome", "talked"))
                .post("/v1/admin/orgs/{org}/canvass", org).then().statusCode(400)
                .body("errors[0].field", equalTo("email")).body("errors[0].message", equalTo("is no contact of this organisation"));
        given().auth().oauth2(token).queryParam("turfSize", 0).get("/v1/admin/orgs/{org}/walklists", org)
                .then().statusCode(400).body("errors.field", hasItems("station", "turfSize"));
        given().auth().oauth2(LocalStackResource.staffToken("other-org")).queryParam("station", "0001").queryParam("turfSize", 5)
                .get("/v1/admin/orgs/{org}/walklists", org).then().statusCode(403);
    }

    private String organisation() {
        String org = uniqueOrg("door");
        given().auth().oauth2(LocalStackResource.operatorToken()).contentType(ContentType.JSON)
                .body(Map.of("id", org, "name", "Saint-Exemple", "language", "fr", "timeZone", "Europe/Paris"))
                .post("/v1/admin/orgs").then().statusCode(201);
        return org;
    }

    private Contact contact(String org, String email, String firstName, String lastName, String street, String station,
                            ContactStatus status, String phone) {
        EmailAddress address = EmailAddress.parse(email).orElseThrow();
        Contact contact = ContactBuilder.builder()
                .orgId(org)
                .contactId(IDS.forEmail(address))
                .email(address.value())
                .firstName(firstName)
                .lastName(lastName)
                .street(street)
                .postcode("33999")
                .station(station)
                .phone(phone)
                .status(status.code())
                .createdAt(Instant.now())
                .build();
        return contacts.createIfAbsent(contact).orElseThrow();
    }

    private void importAddresses(String org) {
        String bucket = LocalStackResource.stack.resources().physicalName("Bucket");
        String key = "addresses/" + org + "/adresses.csv";
        byte[] bytes = ADDRESSES.getBytes(StandardCharsets.ISO_8859_1);
        // staff's upload, then what the S3 event would start in PrecinctImportFunction
        String etag = LocalStackResource.stack.clients().s3().putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(bytes)).eTag();
        assertThat(LocalStackResource.as("PrecinctImportFunction",
                () -> addressImports.run(new ImportSource(bucket, key, etag, bytes.length, Instant.now()))))
                .isEqualTo(ElectionImportService.Run.DONE);
    }
}
