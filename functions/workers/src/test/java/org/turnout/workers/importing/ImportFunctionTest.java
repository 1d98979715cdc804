package org.turnout.workers.importing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.turnout.contact.ContactRepository;
import org.turnout.contact.ContactIds;
import org.turnout.contact.ContactStatus;
import org.turnout.contact.EmailAddress;
import org.turnout.importing.ImportJobRepository;
import org.turnout.local.RepositoryRoot;
import org.turnout.organisation.Organisation;
import org.turnout.organisation.OrganisationBuilder;
import org.turnout.organisation.OrganisationRepository;
import org.turnout.testing.LocalStackResource;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The S3 notification of events/s3-put-import.json, as S3 sends it (key URL-encoded), through
 * the function's real Lambda handler; delivered twice, as S3 may.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackResource.class, restrictToAnnotatedClass = false)
class ImportFunctionTest {
    private static final ContactIds IDS = new ContactIds(LocalStackResource.CONTACT_ID_KEY);
    @Inject
    OrganisationRepository organisations;
    @Inject
    ContactRepository contacts;
    @Inject
    ImportJobRepository jobs;

    @BeforeEach
    void runAsImportFunction() {
        LocalStackResource.runAs("ImportFunction");
    }

    /** A plain {@code aws s3 cp}: no metadata, no options sidecar (a GET that S3 answers 404 only to whom may list). */
    @Test
    void s3PutEventImportsTheFileOnceHoweverOftenItIsDelivered() throws IOException {
        String org = "s3-" + UUID.randomUUID().toString().substring(0, 8);
        Organisation organisation = OrganisationBuilder.builder()
                .id(org)
                .name("S3")
                .build();
        organisations.create(organisation);
        String bucket = LocalStackResource.stack.resources().physicalName("Bucket");
        byte[] file = "Prénom;Nom;Courriel\nLéa;Dubois;lea@example.org\nLéa;Dubois;LEA@example.org\n".getBytes(Charset.forName("windows-1252"));
        // staff's upload, as the administrator of the stack
        String etag = LocalStackResource.stack.clients().s3().putObject(b -> b.bucket(bucket).key("imports/" + org + "/liste bénévoles.csv"), RequestBody.fromBytes(file)).eTag();

        String event = Files.readString(RepositoryRoot.locate().path().resolve("events/s3-put-import.json"))
                .replace("${BUCKET}", bucket).replace("${ORG}", org).replace("${SIZE}", Integer.toString(file.length))
                .replace("${ETAG}", etag.replace("\"", ""));
        String first = given().contentType(ContentType.JSON).body(event).post("/_lambda_").then().statusCode(200).extract().asString();
        String again = given().contentType(ContentType.JSON).body(event).post("/_lambda_").then().statusCode(200).extract().asString();

        assertThat(first).contains(":DONE");
        assertThat(again).contains(":SKIPPED");
        assertThat(jobs.list(org, 10)).singleElement().satisfies(job -> {
            assertThat(job.objectKey()).isEqualTo("imports/" + org + "/liste bénévoles.csv");
            assertThat(Map.of("rows", job.rows(), "created", job.created(), "duplicates", job.duplicates()))
                    .isEqualTo(Map.of("rows", 2L, "created", 1L, "duplicates", 1L));
        });
        assertThat(contacts.find(org, IDS.forEmail(EmailAddress.parse("lea@example.org").orElseThrow())).orElseThrow())
                .satisfies(contact -> {
                    assertThat(contact.firstName()).isEqualTo("Léa");
                    // no consent source declared: imported, not subscribed
                    assertThat(contact.status()).isEqualTo(ContactStatus.IMPORTED.code());
                });
    }

    /** A workbook through the function's own role: read whole into its temporary storage, then streamed. */
    @Test
    void anExcelWorkbookImportsThroughTheFunction() throws IOException {
        String org = "xl-" + UUID.randomUUID().toString().substring(0, 8);
        Organisation organisation = OrganisationBuilder.builder()
                .id(org)
                .name("Workbook")
                .build();
        organisations.create(organisation);
        String bucket = LocalStackResource.stack.resources().physicalName("Bucket");
        byte[] file;
        try (SXSSFWorkbook book = new SXSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = book.createSheet("Feuil1");
            Row header = sheet.createRow(0);
            header.createCell(0).setCellValue("Prénom");
            header.createCell(1).setCellValue("Courriel");
            Row row = sheet.createRow(1);
            row.createCell(0).setCellValue("Léa");
            row.createCell(1).setCellValue("lea@example.org");
            book.write(out);
            file = out.toByteArray();
        }
        String etag = LocalStackResource.stack.clients().s3().putObject(b -> b.bucket(bucket).key("imports/" + org + "/membres.xlsx"), RequestBody.fromBytes(file)).eTag();

        String event = Files.readString(RepositoryRoot.locate().path().resolve("events/s3-put-import.json"))
                .replace("liste+b%C3%A9n%C3%A9voles.csv", "membres.xlsx")
                .replace("${BUCKET}", bucket).replace("${ORG}", org).replace("${SIZE}", Integer.toString(file.length))
                .replace("${ETAG}", etag.replace("\"", ""));
        assertThat(given().contentType(ContentType.JSON).body(event).post("/_lambda_").then().statusCode(200).extract().asString())
                .contains(":DONE");
        assertThat(contacts.find(org, IDS.forEmail(EmailAddress.parse("lea@example.org").orElseThrow())).orElseThrow().firstName())
                .isEqualTo("Léa");
    }
}
