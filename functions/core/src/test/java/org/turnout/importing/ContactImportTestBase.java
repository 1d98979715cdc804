package org.turnout.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.turnout.audit.AuditTrail;
import org.turnout.aws.EmulatedStack;
import org.turnout.contact.Contact;
import org.turnout.contact.ContactIds;
import org.turnout.contact.ContactRepository;
import org.turnout.contact.EmailAddress;
import org.turnout.local.Emulator;
import org.turnout.organisation.OrganisationRepository;
import org.turnout.privacy.ErasureTombstones;
import org.turnout.secrets.SecretStore;
import org.turnout.store.BatchOperations;
import org.turnout.store.TurnoutTable;
import org.turnout.suppression.SuppressionRepository;
import org.turnout.suppression.SuppressionService;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * The contact import wired as the import function wires it, on dynalite and S3Proxy, for the tests of what
 * it makes of the files staff upload (CSV and workbooks alike): a new organisation for each test, the upload
 * of a file to its folder, and the reading of what the import left (a contact, the report).
 */
abstract class ContactImportTestBase {
    static final ContactIds IDS = new ContactIds("test-contact-id-key-0123456789");
    @RegisterExtension
    static final EmulatedStack STACK = new EmulatedStack(Emulator.DYNAMODB, Emulator.S3);
    static String bucket;
    static ContactRepository contacts;
    static ImportJobRepository jobs;
    static ImportService imports;
    static OrganisationRepository organisations;
    static SuppressionService suppressions;
    static ErasureTombstones erasures;
    String org;

    @BeforeAll
    static void services() {
        bucket = STACK.bucket();
        TurnoutTable table = STACK.table();
        BatchOperations batches = new BatchOperations(table, 8);
        contacts = new ContactRepository(table, batches);
        jobs = new ImportJobRepository(table);
        organisations = new OrganisationRepository(table);
        erasures = new ErasureTombstones(table, batches, new SecretStore(id -> "test-pepper-0123456789", Clock.systemUTC()), Optional.of("erasure-pepper"));
        suppressions = new SuppressionService(new SuppressionRepository(table, batches), contacts, IDS, erasures,
                new AuditTrail(table, Clock.systemUTC()), Clock.systemUTC());
        imports = new ImportService(organisations, jobs, new ContactImportWriter(contacts, IDS, batches, suppressions, Clock.systemUTC()),
                new ImportReport(table, STACK.aws(), bucket), STACK.aws(), Clock.systemUTC(), ImportService.MAX_ROWS);
    }

    @BeforeEach
    void organisation() {
        org = STACK.createOrganisation("imp", "Import test");
    }

    ImportSource upload(String name, byte[] content, Map<String, String> metadata) {
        String key = "imports/" + org + "/" + name;
        PutObjectResponse put = putObject(key, content, metadata);
        return new ImportSource(bucket, key, put.eTag(), content.length, Instant.now());
    }

    static PutObjectResponse putObject(String key, byte[] content, Map<String, String> metadata) {
        return STACK.aws().s3().putObject(b -> b.bucket(bucket).key(key).metadata(metadata), RequestBody.fromBytes(content));
    }

    Contact contact(String email) {
        return contacts.find(org, IDS.forEmail(EmailAddress.parse(email).orElseThrow())).orElseThrow();
    }

    static List<CSVRecord> report(ImportJob job) throws IOException {
        try (InputStream in = STACK.aws().s3().getObject(b -> b.bucket(bucket).key(job.reportKey()))) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\uFEFF", "");
            return CSVParser.parse(text, CSVFormat.RFC4180.builder().setHeader().get()).getRecords();
        }
    }

    /**
     * Invokes the import again, with no time left in any invocation, while it hands over (ten invocations in all
     * at most), and checks it ends done; returns how many invocations there were in all.
     */
    static int goOnUntilDone(ImportSource source, int invocationsSoFar) {
        ImportService.Run run;
        int invocations = invocationsSoFar;
        do {
            run = imports.run(source, Instant.now());
            invocations++;
        } while (run == ImportService.Run.CONTINUE && invocations < 10);
        assertThat(run).isEqualTo(ImportService.Run.DONE);
        return invocations;
    }

    /**
     * The long file of the CSV and workbook tests (person0 to person999, then person0 again as "Again") as one
     * pass would have imported it, though it took several invocations.
     */
    void assertTheLongFileWasImportedWhole(ImportSource source) {
        ImportJob job = jobs.find(org, source.importId()).orElseThrow();
        assertThat(List.of(job.rows(), job.created(), job.duplicates(), job.rejected())).containsExactly(1001L, 1000L, 1L, 0L);
        assertThat(contact("person999@example.org").firstName()).isEqualTo("P999");
        assertThat(contact("person0@example.org").firstName()).isEqualTo("Again");
        assertThat(contact("person500@example.org").lastImportLine()).isEqualTo(502L);
    }

    /** A file of the test resources' {@code imports/}. */
    static byte[] resource(String name) throws IOException {
        try (InputStream in = ContactImportTestBase.class.getResourceAsStream("/imports/" + name)) {
            return in.readAllBytes();
        }
    }

    /** A deadline no test reaches: the import runs to its end in one invocation. */
    static Instant farAway() {
        return Instant.now().plusSeconds(900);
    }
}
