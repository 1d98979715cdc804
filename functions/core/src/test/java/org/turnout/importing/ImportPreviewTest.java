package org.turnout.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.turnout.problem.FieldError;
import org.turnout.problem.InvalidInputException;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * A file staged for the console's preview: its first rows read with the import's own dialect detection and
 * column rules, staff's choices over them, and the import started with those choices.
 */
class ImportPreviewTest extends ContactImportTestBase {
    private ImportRequests requests;

    @BeforeEach
    void requests() {
        ImportSettings settings = new ImportSettings() {
            @Override
            public String bucket() {
                return bucket;
            }

            @Override
            public long importMaxRows() {
                return ImportService.MAX_ROWS;
            }
        };
        requests = new ImportRequests(STACK.aws(), jobs, new PresignedUploads(STACK.aws(), Clock.systemUTC(), settings),
                new CsvSource(STACK.aws()), settings);
    }

    @Test
    void previewTellsTheDialectAndTheColumnsAsTheImportWould() throws IOException {
        String key = stage("liste.csv", resource("contacts-fr-windows1252.csv"));

        ImportPreview preview = requests.preview(org, key, null);

        assertThat(preview.format()).isEqualTo("csv");
        assertThat(preview.detected().delimiter()).isEqualTo(';');
        assertThat(preview.detected().charset()).isEqualTo(CsvDialect.WINDOWS_1252);
        assertThat(preview.columns()).extracting(ImportPreview.Column::header, ImportPreview.Column::field).startsWith(
                tuple("Prénom", "firstName"), tuple("Nom", "lastName"),
                tuple("Courriel", "email"));
        assertThat(preview.columns().get(9).field()).as("Profession is kept as a custom column").isNull();
        assertThat(preview.rows()).hasSize(ImportPreview.ROWS);
        assertThat(preview.rows().get(1)).startsWith("Léa", "Dubois", "lea.dubois@exemple.fr");
        assertThat(preview.problem()).isNull();
    }

    @Test
    void staffsDialectAndMappingOverTheDetectedOnes() throws IOException {
        String key = stage("liste.csv", resource("contacts-fr-windows1252.csv"));

        ImportPreview commas = requests.preview(org, key, new UploadRequest(null, null, null, null, ",", "UTF-8"));
        assertThat(commas.dialect().delimiter()).isEqualTo(',');
        assertThat(commas.dialect().charset()).isEqualTo(StandardCharsets.UTF_8);
        assertThat(commas.detected().delimiter()).isEqualTo(';');
        assertThat(commas.problem()).startsWith("no email column");

        ImportPreview mapped = requests.preview(org, key, new UploadRequest(null, null, Map.of("Profession", "ignore", "Ville", "street"), null));
        assertThat(mapped.columns().get(9).field()).isEqualTo("ignore");
        assertThat(mapped.columns().get(5).field()).isEqualTo("street");
    }

    @Test
    void badChoicesAreRefusedNamingTheField() throws IOException {
        String key = stage("liste.csv", resource("contacts-fr-windows1252.csv"));

        assertThat(fieldsRefused(() -> requests.preview(org, key, new UploadRequest(null, null, Map.of("Nom", "surname"), null, "|", "ebcdic"))))
                .containsExactlyInAnyOrder("columns.Nom", "delimiter", "encoding");
        assertThat(fieldsRefused(() -> requests.start(org, key.replace("/" + org + "/", "/other-org/"), null))).containsExactly("key");
        assertThat(fieldsRefused(() -> requests.preview(org, "imports/" + org + "/x.csv", null))).containsExactly("key");
    }

    @Test
    void startImportsTheStagedFileWithStaffsChoices() throws IOException {
        String key = stage("liste.csv", resource("contacts-fr-windows1252.csv"));

        String importKey = requests.start(org, key, new UploadRequest(null, "salon-2026", Map.of("Bureau de vote", "ignore"), null));

        assertThat(importKey).isEqualTo("imports/" + org + key.substring(key.lastIndexOf('/')));
        ImportSource source = landed(importKey);
        assertThat(imports.run(source, farAway())).isEqualTo(ImportService.Run.DONE);
        ImportJobView job = requests.findByKey(org, importKey).orElseThrow();
        assertThat(List.of(job.rows(), job.created(), job.duplicates(), job.rejected())).containsExactly(10L, 4L, 1L, 5L);
        assertThat(job.consentSource()).isEqualTo("salon-2026");
        assertThat(contact("hugo.robert@exemple.fr").station()).as("the station column was ignored").isNull();
        try (InputStream report = requests.report(org, job.id())) {
            assertThat(new String(report.readAllBytes(), StandardCharsets.UTF_8)).contains("paul.example.org");
        }
    }

    @Test
    void theImportReadsInTheDelimiterStaffChose() {
        // the header has more commas than semicolons: told from the file, the delimiter would be the comma
        byte[] file = "Courriel;Nom, prénom, titre\nann@example.org;Martin, Ann, Mme\n".getBytes(StandardCharsets.UTF_8);
        String told = stage("told.csv", file);
        assertThat(requests.preview(org, told, null).problem()).startsWith("no email column");

        String importKey = requests.start(org, stage("chosen.csv", file), new UploadRequest(null, null, null, null, ";", null));

        assertThat(imports.run(landed(importKey), farAway())).isEqualTo(ImportService.Run.DONE);
        assertThat(contact("ann@example.org").attributes()).containsEntry("Nom, prénom, titre", "Martin, Ann, Mme");
    }

    private String stage(String name, byte[] content) {
        String key = requests.requestStagedUpload(org, name).key();
        putObject(key, content, Map.of());
        return key;
    }

    /** The S3 event of the copied file, as the import function gets it. */
    private ImportSource landed(String key) {
        HeadObjectResponse head = STACK.aws().s3().headObject(b -> b.bucket(bucket).key(key));
        return new ImportSource(bucket, key, head.eTag(), head.contentLength(), Instant.now());
    }

    private static List<String> fieldsRefused(Runnable call) {
        try {
            call.run();
        } catch (InvalidInputException e) {
            return e.errors().stream().map(FieldError::field).toList();
        }
        throw new AssertionError("not refused");
    }
}
