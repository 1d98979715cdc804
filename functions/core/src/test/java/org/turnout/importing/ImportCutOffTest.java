package org.turnout.importing;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.turnout.secrets.SecretStore;
import org.turnout.audit.AuditTrail;
import org.turnout.contact.Contact;
import org.turnout.contact.ContactRepository;
import org.turnout.contact.ContactIds;
import org.turnout.contact.EmailAddress;
import org.turnout.organisation.OrganisationRepository;
import org.turnout.privacy.ErasureTombstones;
import org.turnout.store.BatchOperations;
import org.turnout.store.TurnoutTable;
import org.turnout.suppression.SuppressionRepository;
import org.turnout.suppression.SuppressionService;

/**
 * A download cut off part-way, as S3 drops a long one: WireMock in front of S3Proxy passes every
 * request through, except the file's GET that a test cuts short (the status and a Content-Length
 * for the whole file, then part of the body and a closed connection). Everything else is real:
 * ImportService, S3Proxy behind the proxy, dynalite.
 */
class ImportCutOffTest {
    private static final ContactIds IDS = new ContactIds("test-contact-id-key-0123456789");
    private static final int ROWS = 3000;
    /** Where the first download stops: past the 64 KiB the dialect is sniffed from, inside row 1600-something. */
    private static final int CUT_AT = 100_000;
    @RegisterExtension
    static final ImportTestStack STACK = new ImportTestStack(Instant.now());
    private static ContactRepository contacts;
    private static ImportJobRepository jobs;
    private static OrganisationRepository organisations;
    private static ImportService imports;

    private String org;
    private String objectPath;
    private ContactFile file;
    private ImportSource source;

    @BeforeAll
    static void services() {
        TurnoutTable table = STACK.table();
        BatchOperations batches = new BatchOperations(table, 8);
        contacts = new ContactRepository(table, batches);
        jobs = new ImportJobRepository(table);
        organisations = new OrganisationRepository(table);
        SuppressionService suppressions = new SuppressionService(new SuppressionRepository(table, batches), contacts, IDS,
                new ErasureTombstones(table, batches, new SecretStore(id -> "test-pepper-0123456789", Clock.systemUTC()), Optional.of("erasure-pepper")),
                new AuditTrail(table, Clock.systemUTC()), Clock.systemUTC());
        imports = new ImportService(organisations, jobs, new ContactImportWriter(contacts, IDS, batches, suppressions, Clock.systemUTC()),
                new ImportReport(table, STACK.aws(), STACK.bucket()), STACK.s3ThroughFaults(), Clock.systemUTC(), ImportService.MAX_ROWS);
    }

    @BeforeEach
    void fileInTheBucket() {
        STACK.passEverythingThrough();

        org = STACK.createOrganisation("cut", "Cut-off test");

        file = ContactFile.generate(ROWS);
        String key = "imports/" + org + "/liste.csv";
        objectPath = "/" + STACK.bucket() + "/" + key;
        source = STACK.upload(key, file.bytes());
    }

    @AfterEach
    void noStrayRequests() {
        assertThat(STACK.unmatchedRequests()).isEmpty();
    }

    @Test
    void aCutOffDownloadHandsOverAndTheNextInvocationResumesFromTheCheckpointWithARangedRead() {
        // only the first download, the one that reads from the start, is cut
        STACK.fault(get(urlPathEqualTo(objectPath)).withHeader("Range", absent()).willReturn(cutShort(file.bytes(), CUT_AT)));

        assertThat(imports.run(source, farAway())).isEqualTo(ImportService.Run.CONTINUE);

        ImportJob handedOver = job();
        assertThat(handedOver.status()).isEqualTo(ImportJob.RUNNING);
        assertThat(handedOver.progress().readAttempts()).isEqualTo(1);
        assertThat(handedOver.progress().leaseUntil()).as("given up, so the next invocation can take it at once").isNull();
        // the windows read before the cut are written and checkpointed; the rows read after the last window are not
        long windows = file.rowAt(CUT_AT) / ImportService.WINDOW_ROWS;
        assertThat(windows).isGreaterThanOrEqualTo(2);
        long checkpointed = windows * ImportService.WINDOW_ROWS;
        assertThat(handedOver.rows()).isEqualTo(checkpointed);
        assertThat(handedOver.progress().nextByte()).isEqualTo(file.offsetOfRow((int) checkpointed));
        assertThat(handedOver.progress().nextLine()).as("lines done: the header's and the rows'").isEqualTo(checkpointed + 1);
        assertThat(contactOfRow((int) checkpointed - 1)).isPresent();
        assertThat(contactOfRow((int) checkpointed)).as("read before the cut, but not checkpointed").isEmpty();

        assertThat(imports.run(source, farAway())).isEqualTo(ImportService.Run.DONE);

        List<LoggedRequest> downloads = downloads();
        assertThat(downloads).hasSize(2);
        assertThat(downloads.get(0).containsHeader("Range")).isFalse();
        assertThat(downloads.get(1).getHeader("Range")).isEqualTo("bytes=" + handedOver.progress().nextByte() + "-");
        ImportJob job = job();
        assertThat(job.status()).isEqualTo(ImportJob.DONE);
        assertThat(job.progress().readAttempts()).isNull();
        // every row counted once: a row read twice would count twice
        assertThat(List.of(job.rows(), job.created(), job.updated(), job.duplicates(), job.rejected()))
                .containsExactly((long) ROWS, file.people(), 0L, file.repeats(), file.invalid());
        for (int row : new int[] {0, (int) checkpointed - 1, (int) checkpointed, (int) checkpointed + 1, ROWS - 1}) {
            Contact contact = contactOfRow(row).orElseThrow();
            assertThat(contact.firstName()).isEqualTo(file.firstNameOf(row));
            assertThat(contact.version()).as("written once, by its own row").isEqualTo(1L);
        }
    }

    @Test
    void fiveCutOffsInARowWithoutProgressFailTheJobWithTheReason() {
        STACK.fault(get(urlPathEqualTo(objectPath)).withHeader("Range", absent()).willReturn(cutShort(file.bytes(), CUT_AT)));
        assertThat(imports.run(source, farAway())).isEqualTo(ImportService.Run.CONTINUE);
        long checkpoint = job().progress().nextByte();
        long rows = job().rows();

        // every download from the checkpoint is cut too, before a window is read
        byte[] rest = Arrays.copyOfRange(file.bytes(), (int) checkpoint, file.bytes().length);
        STACK.fault(get(urlPathEqualTo(objectPath)).withHeader("Range", equalTo("bytes=" + checkpoint + "-"))
                .willReturn(cutShort(rest, 5_000).withStatus(206)
                        .withHeader("Content-Range", "bytes " + checkpoint + "-" + (file.bytes().length - 1) + "/" + file.bytes().length)));
        for (int attempt = 2; attempt < ImportService.MAX_READ_ATTEMPTS; attempt++) {
            assertThat(imports.run(source, farAway())).as("attempt %d", attempt).isEqualTo(ImportService.Run.CONTINUE);
            assertThat(job().progress().readAttempts()).isEqualTo(attempt);
            assertThat(job().progress().nextByte()).isEqualTo(checkpoint);
        }
        assertThat(imports.run(source, farAway())).isEqualTo(ImportService.Run.FAILED);

        assertThat(downloads()).hasSize(ImportService.MAX_READ_ATTEMPTS);
        ImportJob job = job();
        assertThat(job.status()).isEqualTo(ImportJob.FAILED);
        assertThat(job.failure()).startsWith("the download of the file was cut off 5 times in a row after line " + job.progress().nextLine())
                .contains("Premature end of Content-Length delimited message body"); // as the HTTP client says it of a cut connection
        assertThat(job.rows()).isEqualTo(rows);
        assertThat(imports.run(source, farAway())).as("a failed job is not taken up again").isEqualTo(ImportService.Run.SKIPPED);
    }

    /** What a connection cut part-way delivers: the status and the length of the whole, then only {@code cut} bytes. */
    private static ResponseDefinitionBuilder cutShort(byte[] whole, int cut) {
        return aResponse().withStatus(200)
                .withHeader("Content-Type", "text/csv")
                .withHeader("Content-Length", Integer.toString(whole.length))
                .withBody(Arrays.copyOf(whole, cut));
    }

    private List<LoggedRequest> downloads() {
        return STACK.downloads(source);
    }

    private ImportJob job() {
        return jobs.find(org, source.importId()).orElseThrow();
    }

    private Optional<Contact> contactOfRow(int row) {
        return contacts.find(org, IDS.forEmail(EmailAddress.parse(file.emailOf(row)).orElseThrow()));
    }

    private static Instant farAway() {
        return Instant.now().plusSeconds(900);
    }

    /**
     * A UTF-8 file with accents (so that bytes and characters differ), a person repeated every 50th row and an
     * invalid address every 500th, and where each row starts in it.
     */
    private record ContactFile(byte[] bytes, int[] rowOffsets, long people, long repeats, long invalid) {
        static ContactFile generate(int rows) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            List<Integer> offsets = new ArrayList<>();
            out.writeBytes("Prénom;Nom;Courriel;Étiquettes\n".getBytes(StandardCharsets.UTF_8));
            long repeats = 0;
            long invalid = 0;
            for (int row = 0; row < rows; row++) {
                offsets.add(out.size());
                String email = emailOf(row);
                if (row % 50 == 49) {
                    repeats++;
                } else if (row % 500 == 250) {
                    invalid++;
                }
                String line = firstNameOf(row) + ";Lefèvre-Müller;" + email + ";quartier-nord\n";
                out.writeBytes(line.getBytes(StandardCharsets.UTF_8));
            }
            return new ContactFile(out.toByteArray(), offsets.stream().mapToInt(Integer::intValue).toArray(),
                    rows - repeats - invalid, repeats, invalid);
        }

        /** A repeat writes the person of 25 rows before with her address in capitals. */
        static String emailOf(int row) {
            if (row % 50 == 49) {
                return emailOf(row - 25).toUpperCase(java.util.Locale.ROOT);
            }
            return row % 500 == 250 ? "personne" + row + "(at)exemple.fr" : "personne" + row + "@exemple.fr";
        }

        static String firstNameOf(int row) {
            return row % 50 == 49 ? firstNameOf(row - 25) : "Zoé-" + row;
        }

        long offsetOfRow(int row) {
            return rowOffsets[row];
        }

        /** The row in which this byte offset falls. */
        int rowAt(int offset) {
            int row = Arrays.binarySearch(rowOffsets, offset);
            return row >= 0 ? row : -row - 2;
        }
    }
}
