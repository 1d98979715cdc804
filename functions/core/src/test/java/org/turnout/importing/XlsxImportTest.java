package org.turnout.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.turnout.audit.AuditTrail;
import org.turnout.aws.AwsClients;
import org.turnout.contact.Contact;
import org.turnout.contact.ContactIds;
import org.turnout.contact.ContactRepository;
import org.turnout.contact.EmailAddress;
import org.turnout.local.Emulator;
import org.turnout.local.LocalAwsStack;
import org.turnout.organisation.Organisation;
import org.turnout.organisation.OrganisationBuilder;
import org.turnout.organisation.OrganisationRepository;
import org.turnout.privacy.ErasureTombstones;
import org.turnout.secrets.SecretStore;
import org.turnout.store.BatchOperations;
import org.turnout.store.TurnoutTable;
import org.turnout.suppression.SuppressionRepository;
import org.turnout.suppression.SuppressionService;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/** Excel workbooks, written as Excel saves them, through the real path: S3 -> ImportService -> DynamoDB and the report. */
class XlsxImportTest {
    private static final ContactIds IDS = new ContactIds("test-contact-id-key-0123456789");
    private static LocalAwsStack stack;
    private static AwsClients aws;
    private static String bucket;
    private static ContactRepository contacts;
    private static ImportJobRepository jobs;
    private static ImportService imports;
    private static OrganisationRepository organisations;
    private String org;

    @BeforeAll
    static void startStack() {
        stack = LocalAwsStack.start(EnumSet.of(Emulator.DYNAMODB, Emulator.S3));
        stack.sdkSystemProperties().forEach(System::setProperty);
        aws = new AwsClients();
        bucket = stack.resources().physicalName("Bucket");
        TurnoutTable table = new TurnoutTable(aws, stack.resources().physicalName("Table"));
        BatchOperations batches = new BatchOperations(table, 8);
        contacts = new ContactRepository(table, batches);
        jobs = new ImportJobRepository(table);
        organisations = new OrganisationRepository(table);
        ErasureTombstones tombstones = new ErasureTombstones(table, batches,
                new SecretStore(id -> "test-pepper-0123456789", Clock.systemUTC()), Optional.of("erasure-pepper"));
        SuppressionService suppressions = new SuppressionService(new SuppressionRepository(table, batches), contacts, IDS, tombstones,
                new AuditTrail(table, Clock.systemUTC()), Clock.systemUTC());
        imports = new ImportService(organisations, jobs, new ContactImportWriter(contacts, IDS, batches, suppressions, Clock.systemUTC()),
                new ImportReport(table, aws, bucket), aws, Clock.systemUTC(), ImportService.MAX_ROWS);
    }

    @AfterAll
    static void stopStack() {
        aws.close();
        stack.close();
    }

    @BeforeEach
    void organisation() {
        org = "xls-" + UUID.randomUUID().toString().substring(0, 8);
        Organisation organisation = OrganisationBuilder.builder()
                .id(org)
                .name("Workbook test")
                .build();
        organisations.create(organisation);
    }

    @Test
    void theFirstSheetAsStaffSaveItWithEveryRowRule() throws IOException {
        ImportSource source = upload("adherents.xlsx", membersWorkbook(), Map.of());

        ImportService.Run run = imports.run(source, farAway());

        ImportJob job = jobs.find(org, source.importId()).orElseThrow();
        assertThat(run).as("failure: %s", job.failure()).isEqualTo(ImportService.Run.DONE);
        assertThat(job.format()).isEqualTo(ImportJob.XLSX);
        assertThat(List.of(job.rows(), job.created(), job.duplicates(), job.rejected(), job.warnings()))
                .containsExactly(4L, 2L, 1L, 1L, 1L);

        Contact alice = contact("alice@example.org");
        assertThat(alice.firstName()).isEqualTo("Alice");
        assertThat(alice.lastName()).as("an empty cell keeps the next cells in their columns").isNull();
        assertThat(alice.postcode()).as("a number cell").isEqualTo("75011");
        assertThat(alice.attributes()).containsEntry("Adhésion", "15/03/2024").containsEntry("Cotisation", "12,50");
        assertThat(alice.tags()).containsExactly("bénévoles");
        assertThat(alice.lastImportLine()).as("the sheet's row number of her later row").isEqualTo(5L);

        Contact bob = contact("bob@example.org"); // the cached result of =LOWER("BOB@EXAMPLE.ORG")
        assertThat(bob.lastName()).isEqualTo("Martin");
        assertThat(bob.lastImportLine()).isEqualTo(3L);
        assertThat(contacts.find(org, IDS.forEmail(EmailAddress.parse("archive@example.org").orElseThrow())))
                .as("the second sheet is not read").isEmpty();

        List<CSVRecord> report = report(job);
        assertThat(report).extracting(r -> r.get("line"), r -> r.get("outcome"))
                .containsExactly(tuple("6", ImportReport.REJECTED), tuple("5", ImportReport.WARNED));
        assertThat(report.get(0).get("reason")).isEqualTo("invalid email");
        assertThat(report.get(0).get("Prénom")).isEqualTo("Nemo");
        assertThat(report.get(1).get("reason")).startsWith("invalid tag");
    }

    @Test
    void aSheetNamedInTheOptionsIsReadAndAWorkbookIsKnownByItsContent() {
        putObject("imports/" + org + "/classeur.bin" + ImportSource.SIDECAR_SUFFIX,
                "{\"sheet\": \"Archives\"}".getBytes(StandardCharsets.UTF_8), Map.of());
        ImportSource source = upload("classeur.bin", membersWorkbook(), Map.of());

        ImportService.Run run = imports.run(source, farAway());

        ImportJob job = jobs.find(org, source.importId()).orElseThrow();
        assertThat(run).as("failure: %s", job.failure()).isEqualTo(ImportService.Run.DONE);
        assertThat(job.format()).isEqualTo(ImportJob.XLSX);
        assertThat(job.sheet()).isEqualTo("Archives");
        assertThat(List.of(job.rows(), job.created())).containsExactly(1L, 1L);
        assertThat(contact("archive@example.org").firstName()).isEqualTo("Ancien");
        assertThat(contacts.find(org, IDS.forEmail(EmailAddress.parse("alice@example.org").orElseThrow()))).isEmpty();
    }

    @Test
    void aSheetNamedInTheObjectMetadataIsReadAndAMissingOneFailsNamingTheSheets() {
        ImportSource archives = upload("meta.xlsx", membersWorkbook(), Map.of("sheet", "Archives"));
        assertThat(imports.run(archives, farAway())).isEqualTo(ImportService.Run.DONE);
        assertThat(contact("archive@example.org").firstName()).isEqualTo("Ancien");

        ImportSource missing = upload("missing.xlsx", membersWorkbook(), Map.of("sheet", "Feuil9"));
        assertThat(imports.run(missing, farAway())).isEqualTo(ImportService.Run.FAILED);
        assertThat(jobs.find(org, missing.importId()).orElseThrow().failure())
                .isEqualTo("the workbook has no sheet named \"Feuil9\" (its sheets: Membres, Archives)");
    }

    @Test
    void aLongWorkbookContinuesFromItsCheckpointSkippingTheRowsDone() {
        byte[] workbook = workbook(book -> {
            Sheet sheet = book.createSheet("Feuil1");
            cells(sheet.createRow(0), "email", "first_name");
            for (int i = 0; i < 1000; i++) {
                cells(sheet.createRow(i + 1), "person" + i + "@example.org", "P" + i);
            }
            cells(sheet.createRow(1001), "person0@example.org", "Again");
        });
        ImportSource source = upload("long.xlsx", workbook, Map.of());

        // a deadline already near: the invocation writes one window, saves its checkpoint and hands over
        assertThat(imports.run(source, Instant.now())).isEqualTo(ImportService.Run.CONTINUE);
        ImportJob halfway = jobs.find(org, source.importId()).orElseThrow();
        assertThat(halfway.status()).isEqualTo(ImportJob.RUNNING);
        assertThat(List.of(halfway.rows(), halfway.nextRecord(), halfway.progress().nextLine()))
                .containsExactly((long) ImportService.WINDOW_ROWS, (long) ImportService.WINDOW_ROWS, ImportService.WINDOW_ROWS + 1L);

        ImportService.Run run;
        int invocations = 1;
        do {
            run = imports.run(source, Instant.now());
            invocations++;
        } while (run == ImportService.Run.CONTINUE && invocations < 10);
        assertThat(run).isEqualTo(ImportService.Run.DONE);
        assertThat(invocations).isEqualTo(3);

        ImportJob job = jobs.find(org, source.importId()).orElseThrow();
        assertThat(List.of(job.rows(), job.created(), job.duplicates(), job.rejected())).containsExactly(1001L, 1000L, 1L, 0L);
        assertThat(contact("person999@example.org").firstName()).isEqualTo("P999");
        assertThat(contact("person0@example.org").firstName()).isEqualTo("Again");
        assertThat(contact("person500@example.org").lastImportLine()).isEqualTo(502L);
    }

    @Test
    void aZipThatIsNoWorkbookFailsTheJobWithAReason() {
        ImportSource source = upload("book.ods", new byte[] {'P', 'K', 3, 4, 20, 0, 6, 0}, Map.of());
        assertThat(imports.run(source, farAway())).isEqualTo(ImportService.Run.FAILED);
        assertThat(jobs.find(org, source.importId()).orElseThrow().failure()).startsWith("the file cannot be read as an Excel workbook");
    }

    /** Sheet "Membres" as staff keep it, and a second sheet "Archives". */
    private static byte[] membersWorkbook() {
        return workbook(book -> {
            CellStyle date = book.createCellStyle();
            date.setDataFormat(book.createDataFormat().getFormat("dd/mm/yyyy"));
            CellStyle money = book.createCellStyle();
            money.setDataFormat(book.createDataFormat().getFormat("0.00"));
            Sheet members = book.createSheet("Membres");
            cells(members.createRow(0), "Courriel", "Prénom", "Nom", "Code postal", "Adhésion", "Cotisation", "Étiquettes");

            Row alice = members.createRow(1);
            cells(alice, "alice@example.org", "Alice"); // C (Nom) left empty, as Excel writes no cell
            alice.createCell(3).setCellValue(75011);
            Cell joined = alice.createCell(4);
            joined.setCellValue(LocalDate.of(2024, 3, 15));
            joined.setCellStyle(date);
            Cell fee = alice.createCell(5);
            fee.setCellValue(12.5);
            fee.setCellStyle(money);
            alice.createCell(6).setCellValue("bénévoles");

            Row bob = members.createRow(2);
            Cell formula = bob.createCell(0);
            formula.setCellFormula("LOWER(\"BOB@EXAMPLE.ORG\")");
            formula.setCellValue("bob@example.org"); // the result Excel caches with the formula
            bob.createCell(2).setCellValue("Martin");
            // row 4 is empty: no row element at all
            Row tagged = members.createRow(4);
            cells(tagged, "alice@example.org", "Alice");
            tagged.createCell(6).setCellValue("#urgent");
            cells(members.createRow(5), "pas-un-courriel", "Nemo");

            Sheet archives = book.createSheet("Archives");
            cells(archives.createRow(0), "Courriel", "Prénom");
            cells(archives.createRow(1), "archive@example.org", "Ancien");
        });
    }

    private static byte[] workbook(Consumer<SXSSFWorkbook> content) {
        try (SXSSFWorkbook book = new SXSSFWorkbook(new XSSFWorkbook(), 100)) {
            content.accept(book);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void cells(Row row, String... values) {
        for (int i = 0; i < values.length; i++) {
            row.createCell(i, CellType.STRING).setCellValue(values[i]);
        }
    }

    private ImportSource upload(String name, byte[] content, Map<String, String> metadata) {
        String key = "imports/" + org + "/" + name;
        PutObjectResponse put = putObject(key, content, metadata);
        return new ImportSource(bucket, key, put.eTag(), content.length, Instant.now());
    }

    private PutObjectResponse putObject(String key, byte[] content, Map<String, String> metadata) {
        return aws.s3().putObject(b -> b.bucket(bucket).key(key).metadata(metadata), RequestBody.fromBytes(content));
    }

    private Contact contact(String email) {
        return contacts.find(org, IDS.forEmail(EmailAddress.parse(email).orElseThrow())).orElseThrow();
    }

    private static List<CSVRecord> report(ImportJob job) throws IOException {
        try (InputStream in = aws.s3().getObject(b -> b.bucket(bucket).key(job.reportKey()))) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\uFEFF", "");
            return CSVParser.parse(text, CSVFormat.RFC4180.builder().setHeader().get()).getRecords();
        }
    }

    private static Instant farAway() {
        return Instant.now().plusSeconds(900);
    }
}
