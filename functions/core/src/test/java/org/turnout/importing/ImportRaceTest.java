package org.turnout.importing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.turnout.audit.AuditTrail;
import org.turnout.aws.AwsClients;
import org.turnout.aws.EmulatedStack;
import org.turnout.contact.Contact;
import org.turnout.contact.ContactBuilder;
import org.turnout.contact.ContactIds;
import org.turnout.contact.ContactOptOut;
import org.turnout.contact.ContactRepository;
import org.turnout.contact.ContactStatus;
import org.turnout.contact.EmailAddress;
import org.turnout.contact.idmigration.MovedContactIds;
import org.turnout.feedback.AppliedEvents;
import org.turnout.feedback.EventContacts;
import org.turnout.feedback.FeedbackEffects;
import org.turnout.feedback.FeedbackService;
import org.turnout.feedback.FeedbackSuppressions;
import org.turnout.feedback.MailingActivity;
import org.turnout.feedback.MailingItemCounters;
import org.turnout.local.Emulator;
import org.turnout.local.RepositoryRoot;
import org.turnout.mail.SesMailer;
import org.turnout.mailing.Mailing;
import org.turnout.mailing.MailingBuilder;
import org.turnout.mailing.MailingRepository;
import org.turnout.mailing.MailingState;
import org.turnout.organisation.Language;
import org.turnout.organisation.Organisation;
import org.turnout.organisation.OrganisationBuilder;
import org.turnout.organisation.OrganisationRepository;
import org.turnout.organisation.Sender;
import org.turnout.privacy.ErasureTombstones;
import org.turnout.privacy.PersonalDataHolder;
import org.turnout.privacy.PrivacyRequest;
import org.turnout.privacy.HeldPersonalData;
import org.turnout.privacy.PrivacyService;
import org.turnout.secrets.SecretStore;
import org.turnout.security.IpHasher;
import org.turnout.security.LinkClaims;
import org.turnout.security.LinkSigner;
import org.turnout.security.RateLimiter;
import org.turnout.security.VisitorRateLimit;
import org.turnout.security.RateWindowRepository;
import org.turnout.sending.MailingSettlement;
import org.turnout.sending.SendOutcomes;
import org.turnout.sending.SendRecords;
import org.turnout.signup.ConfirmationMail;
import org.turnout.signup.ConsentRequests;
import org.turnout.signup.SignupForm;
import org.turnout.signup.SignupForms;
import org.turnout.signup.SignupService;
import org.turnout.store.BatchOperations;
import org.turnout.store.Keys;
import org.turnout.store.TurnoutTable;
import org.turnout.suppression.SuppressionRepository;
import org.turnout.suppression.SuppressionService;
import org.turnout.template.Templates;
import org.turnout.unsubscribe.UnsubscribeRequests;
import org.turnout.unsubscribe.UnsubscribeService;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * An import racing a person's own change. The import talks to dynalite through WireMock, which
 * passes every request through; when the emulator has answered the import's read of a person's
 * contact (its BatchGetItem), and before the answer reaches the import, a listener makes the
 * change through the real service, straight on the emulator. So the change lands exactly between
 * the import's read and its write, with no timing involved.
 */
class ImportRaceTest {
    @RegisterExtension
    static final EmulatedStack STACK = new EmulatedStack(Emulator.DYNAMODB, Emulator.S3, Emulator.SES);
    private static final ContactIds IDS = new ContactIds("test-contact-id-key-0123456789");
    private static final String PUT_ITEM = "DynamoDB_20120810.PutItem";
    private static final String BATCH_GET_ITEM = "DynamoDB_20120810.BatchGetItem";
    private static final Clock CLOCK = Clock.systemUTC();
    private static final BetweenReadAndWrite RACE = new BetweenReadAndWrite();

    private static WireMockServer dynamoFront;
    private static DynamoDbClient dynamoThroughFront;
    private static String bucket;
    private static TurnoutTable table;
    private static ContactRepository contacts;
    private static OrganisationRepository organisations;
    private static SuppressionService suppressions;
    private static ErasureTombstones tombstones;
    private static SuppressionRepository suppressionList;
    private static LinkSigner signer;
    private static ImportJobRepository importJobs;
    private static ImportService imports;

    private String org;

    @BeforeAll
    static void start() {
        bucket = STACK.bucket();
        String tableName = STACK.stack().resources().physicalName("Table");

        // the people's services, straight on the emulator
        table = new TurnoutTable(STACK.aws(), tableName);
        BatchOperations batches = new BatchOperations(table, 4);
        contacts = new ContactRepository(table, batches);
        organisations = new OrganisationRepository(table);
        SecretStore secrets = new SecretStore(id -> id.equals("link-keys")
                ? "{\"kid\":\"k1\",\"secret\":\"0123456789abcdef0123456789abcdef\"}" : "test-pepper-0123456789", CLOCK);
        tombstones = new ErasureTombstones(table, batches, secrets, Optional.of("erasure-pepper"));
        suppressionList = new SuppressionRepository(table, batches);
        suppressions = new SuppressionService(suppressionList, contacts, IDS, tombstones, new AuditTrail(table, CLOCK), CLOCK);
        signer = new LinkSigner(secrets, Optional.of("link-keys"), CLOCK);

        // the import, through WireMock
        dynamoFront = new WireMockServer(options().dynamicPort().extensions(RACE));
        dynamoFront.start();
        dynamoThroughFront = DynamoDbClient.builder().endpointOverride(URI.create(dynamoFront.baseUrl()))
                .httpClient(ApacheHttpClient.create()).build();
        DynamoDbEnhancedClient enhancedThroughFront = DynamoDbEnhancedClient.builder().dynamoDbClient(dynamoThroughFront).build();
        AwsClients importAws = new AwsClients() {
            @Override
            public DynamoDbClient dynamoDb() {
                return dynamoThroughFront;
            }

            @Override
            public DynamoDbEnhancedClient dynamoDbEnhanced() {
                return enhancedThroughFront;
            }
        };
        TurnoutTable importTable = new TurnoutTable(importAws, tableName);
        BatchOperations importBatches = new BatchOperations(importTable, 8);
        ContactRepository importContacts = new ContactRepository(importTable, importBatches);
        SuppressionService importSuppressions = new SuppressionService(new SuppressionRepository(importTable, importBatches), importContacts,
                IDS, new ErasureTombstones(importTable, importBatches, secrets, Optional.of("erasure-pepper")),
                new AuditTrail(importTable, CLOCK), CLOCK);
        importJobs = new ImportJobRepository(importTable);
        imports = new ImportService(new OrganisationRepository(importTable), importJobs,
                new ContactImportWriter(importContacts, IDS, importBatches, importSuppressions, CLOCK),
                new ImportReport(importTable, STACK.aws(), bucket), STACK.aws(), CLOCK, ImportService.MAX_ROWS);
    }

    @AfterAll
    static void stop() {
        dynamoThroughFront.close();
        dynamoFront.stop();
    }

    @BeforeEach
    void organisation() {
        dynamoFront.resetAll();
        dynamoFront.stubFor(any(anyUrl()).willReturn(aResponse().proxiedFrom(STACK.stack().emulatorEndpoint(Emulator.DYNAMODB).toString())));
        RACE.reset();
        org = "race-" + UUID.randomUUID().toString().substring(0, 8);
        Organisation organisation = OrganisationBuilder.builder()
                .id(org)
                .name("Race test")
                .publicSignup(true)
                .senders(new ArrayList<>(List.of(new Sender("Équipe", "equipe@" + org + ".example.org"))))
                .build();
        organisations.create(organisation);
    }

    @AfterEach
    void theChangeWasMadeWhenAsked() {
        assertThat(RACE.failure()).as("the concurrent change").isNull();
        assertThat(dynamoFront.findAllUnmatchedRequests()).isEmpty();
    }

    @Test
    void withoutARaceEveryChangedContactIsOneConditionalPutAndCountsAreAsBefore() {
        Contact ana = known("ana@example.org", ContactStatus.IMPORTED, "adhérente");

        ImportJob job = importFile("email,first name,tags\nana@example.org,Ana-Maria,bénévole\nbob@example.org,Bob,\n"
                + "BOB@example.org,,tractage\n", null);

        assertThat(List.of(job.rows(), job.created(), job.updated(), job.duplicates())).containsExactly(3L, 1L, 1L, 1L);
        Contact updated = contact("ana@example.org");
        assertThat(updated.firstName()).isEqualTo("Ana-Maria");
        assertThat(updated.tags()).containsExactly("adhérente", "bénévole");
        assertThat(updated.version()).isEqualTo(ana.version() + 1);
        Contact bob = contact("bob@example.org");
        assertThat(bob.tags()).containsExactly("tractage");
        assertThat(bob.version()).isEqualTo(1L);
        assertThat(contactPuts("ana@example.org")).isEqualTo(1);
        assertThat(contactPuts("bob@example.org")).as("two rows of one person, one write").isEqualTo(1);
        assertThat(tombstoneReads("ana@example.org")).as("a known contact: its erasure read once").isEqualTo(1);
        assertThat(tombstoneReads("bob@example.org")).as("a created one: read again after the put").isEqualTo(2);
    }

    @Test
    void aPersonEndingOneWindowAndStartingTheNextIsReadOnlyOnceTheFirstIsWritten() {
        // the second window's contacts are read while the first is written: ana, in both, is read after
        StringBuilder csv = new StringBuilder("email,first name\n");
        for (int i = 1; i < ImportService.WINDOW_ROWS; i++) {
            csv.append("person").append(i).append("@example.org,P").append(i).append('\n');
        }
        csv.append("ana@example.org,Ana\nana@example.org,Ana-Maria\nzoe@example.org,Zoé\n");

        ImportJob job = importFile(csv.toString(), null);

        assertThat(List.of(job.rows(), job.created(), job.updated(), job.duplicates()))
                .containsExactly(ImportService.WINDOW_ROWS + 2L, ImportService.WINDOW_ROWS + 1L, 0L, 1L);
        assertThat(contact("ana@example.org").firstName()).isEqualTo("Ana-Maria");
        assertThat(contactPuts("ana@example.org")).as("created by the first window, changed by the second: no write refused")
                .isEqualTo(2);
        assertThat(contactPuts("zoe@example.org")).isEqualTo(1);
    }

    @Test
    void anUnsubscribeBetweenTheReadAndTheWriteStands() {
        known("ana@example.org", ContactStatus.IMPORTED, "adhérente");
        String contactId = idOf("ana@example.org");
        UnsubscribeService unsubscribe = new UnsubscribeService(
                new UnsubscribeRequests(signer, organisations, new VisitorRateLimit(new RateLimiter(new RateWindowRepository(table), CLOCK), ipHasher()), 300),
                new ContactOptOut(contacts), new MovedContactIds(table, IDS), new MailingItemCounters(new MailingRepository(table), new MailingActivity(table)), CLOCK);
        String token = signer.sign(new LinkClaims(LinkClaims.UNSUBSCRIBE, org, contactId, null), Duration.ofDays(365));
        RACE.arm(Keys.contact(org, contactId), () -> assertThat(unsubscribe.unsubscribe(token, "192.0.2.1", Language.FR).valid()).isTrue());

        // a declared consent source would subscribe an imported contact: not one who unsubscribed meanwhile
        ImportJob job = importFile("email,first name,tags\nana@example.org,Ana-Maria,bénévole\nbob@example.org,Bob,\n", "fete-2026");

        assertThat(RACE.fired()).isTrue();
        assertThat(List.of(job.rows(), job.created(), job.updated(), job.duplicates())).containsExactly(2L, 1L, 1L, 0L);
        Contact ana = contact("ana@example.org");
        assertThat(ana.statusValue()).isEqualTo(ContactStatus.UNSUBSCRIBED);
        assertThat(ana.consentHistory()).singleElement()
                .satisfies(change -> assertThat(change.reason()).isEqualTo(UnsubscribeService.REASON));
        assertThat(ana.firstName()).as("the file's rows merged onto the fresh contact").isEqualTo("Ana-Maria");
        assertThat(ana.tags()).containsExactly("adhérente", "bénévole");
        assertThat(ana.version()).as("created, unsubscribed, imported").isEqualTo(3L);
        assertThat(contactPuts("ana@example.org")).as("the first write refused, the second on the fresh version").isEqualTo(2);
        assertThat(contact("bob@example.org").statusValue()).isEqualTo(ContactStatus.SUBSCRIBED);
    }

    @Test
    void anErasureBetweenTheReadAndTheWriteIsNotUndone() {
        known("ana@example.org", ContactStatus.SUBSCRIBED, "adhérente");
        PrivacyService privacy = privacy();
        RACE.arm(Keys.contact(org, idOf("ana@example.org")),
                () -> assertThat(privacy.erase(org, new PrivacyRequest("ana@example.org", "asked by mail"), "staff@test").contactFound()).isTrue());

        ImportJob job = importFile("email,first name\nana@example.org,Ana\n", "fete-2026");

        assertThat(RACE.fired()).isTrue();
        assertThat(List.of(job.rows(), job.created(), job.updated())).as("what was finally written: a new contact")
                .containsExactly(1L, 1L, 0L);
        Contact ana = contact("ana@example.org");
        // as for any erased address that a file brings in again: stored, never mailable
        assertThat(ana.statusValue()).isEqualTo(ContactStatus.SUPPRESSED);
        assertThat(ana.createdByImport()).as("a new contact, made by the import").isNotNull();
        assertThat(ana.tags()).as("nothing of the erased contact comes back").isEmpty();
        assertThat(ana.version()).isEqualTo(1L);
        assertThat(contactPuts("ana@example.org")).isEqualTo(2);
        assertThat(tombstoneReads("ana@example.org")).as("one read a round; created suppressed, so not read again").isEqualTo(2);
    }

    @Test
    void anAddressWithNoContactErasedBetweenTheErasureReadAndTheCreateComesBackOnlySuppressed() {
        PrivacyService privacy = privacy();
        // the window's read of the erasures has found none; the person is erased before the create reaches the table
        RACE.arm(tombstoneKey("ana@example.org"),
                () -> assertThat(privacy.erase(org, new PrivacyRequest("ana@example.org", "asked by mail"), "staff@test").contactFound()).isFalse());

        ImportJob job = importFile("email,first name\nana@example.org,Ana\nbob@example.org,Bob\n", "fete-2026");

        assertThat(RACE.fired()).isTrue();
        assertThat(List.of(job.rows(), job.created(), job.updated())).as("both rows created a contact").containsExactly(2L, 2L, 0L);
        Contact ana = contact("ana@example.org");
        assertThat(ana.statusValue()).as("the file's consent does not make an erased address mailable").isEqualTo(ContactStatus.SUPPRESSED);
        assertThat(ana.firstName()).isEqualTo("Ana");
        assertThat(ana.version()).as("created, then suppressed on the version just written").isEqualTo(2L);
        assertThat(suppressions.isSuppressed(org, idOf("ana@example.org"))).isTrue();
        assertThat(contactPuts("ana@example.org")).as("the create, then the suppression").isEqualTo(2);
        assertThat(tombstoneReads("ana@example.org")).as("the window's read, then the check of what it created").isEqualTo(2);
        assertThat(contact("bob@example.org").statusValue()).isEqualTo(ContactStatus.SUBSCRIBED);
        assertThat(contactPuts("bob@example.org")).isEqualTo(1);
    }

    @Test
    void aCreatedContactOfAnErasedAddressChangedBeforeTheCheckIsStillMadeUnmailable() {
        PrivacyService privacy = privacy();
        String contactId = idOf("ana@example.org");
        // erased after the window's read; then, after the create and before the check's answer, someone changes the contact
        RACE.arm(tombstoneKey("ana@example.org"), () -> {
            privacy.erase(org, new PrivacyRequest("ana@example.org", "asked by mail"), "staff@test");
            RACE.arm(tombstoneKey("ana@example.org"), () -> assertThat(contacts.modify(org, contactId, contact -> Optional.of(contact.with().canvassOutcome("talked").build()))).isTrue());
        });

        ImportJob job = importFile("email,first name\nana@example.org,Ana\n", "fete-2026");

        assertThat(RACE.fired()).isTrue();
        assertThat(List.of(job.rows(), job.created())).containsExactly(1L, 1L);
        Contact ana = contact("ana@example.org");
        assertThat(ana.statusValue()).isEqualTo(ContactStatus.SUPPRESSED);
        assertThat(ana.canvassOutcome()).as("the later change is kept").isEqualTo("talked");
        assertThat(ana.version()).as("created, changed, suppressed after a fresh read").isEqualTo(3L);
        assertThat(contactPuts("ana@example.org")).as("the create, the refused suppression, the one on the fresh version").isEqualTo(3);
    }

    @Test
    void aCreateOfAnErasedAddressLeftUncheckedByACrashIsCaughtWhenTheWindowIsReplayed() {
        ImportSource source = upload("email,first name\nana@example.org,Ana\n", "fete-2026");
        // what an attempt that crashed between its create and its check left: the address erased, then Ana created mailable
        assertThat(privacy().erase(org, new PrivacyRequest("ana@example.org", "asked by mail"), "staff@test").contactFound()).isFalse();
        Contact crashed = new ContactMerge(org, source.importId(), "fete-2026", Instant.now())
                .apply(null, idOf("ana@example.org"), new ImportRow(2, EmailAddress.parse("ana@example.org").orElseThrow(), "Ana",
                        null, null, null, null, null, List.of(), null, Map.of(), false), false).contact();
        assertThat(contacts.createIfAbsent(crashed)).isPresent();

        ImportJob job = importFile(source);

        assertThat(List.of(job.rows(), job.created())).as("counted as the first attempt would have").containsExactly(1L, 1L);
        Contact ana = contact("ana@example.org");
        assertThat(ana.statusValue()).isEqualTo(ContactStatus.SUPPRESSED);
        assertThat(ana.version()).isEqualTo(2L);
        assertThat(contactPuts("ana@example.org")).as("nothing to merge again, only the suppression").isEqualTo(1);
    }

    @Test
    void aSuppressionBetweenTheReadAndTheWriteStands() throws IOException {
        String address = "bounce@simulator.amazonses.com";
        known(address, ContactStatus.IMPORTED, "adhérente");
        String contactId = idOf(address);
        MailingRepository mailings = new MailingRepository(table);
        Mailing mailing = MailingBuilder.builder()
                .orgId(org)
                .mailingId(UUID.randomUUID().toString().replace("-", "").substring(0, 16))
                .state(MailingState.SENT.code())
                .fromAddress("equipe@" + org + ".example.org")
                .subject("Bonjour")
                .text("Bonjour")
                .build();
        mailings.create(mailing);
        SendRecords records = new SendRecords(table);
        SendOutcomes outcomes = new SendOutcomes(records, mailings, CLOCK);
        FeedbackService feedback = new FeedbackService(new EventContacts(IDS, new MovedContactIds(table, IDS)),
                new FeedbackEffects(contacts, new FeedbackSuppressions(new ContactOptOut(contacts), contacts, tombstones, suppressions),
                        outcomes, new MailingSettlement(mailings, records, outcomes, CLOCK)),
                new AppliedEvents(table, CLOCK), new MailingItemCounters(new MailingRepository(table), new MailingActivity(table)), CLOCK);
        String bounce = sesEvent("sns-ses-bounce-permanent.json", mailing.mailingId(), contactId);
        RACE.arm(Keys.contact(org, contactId),
                () -> assertThat(feedback.apply(bounce)).containsExactly(FeedbackService.Outcome.APPLIED));

        ImportJob job = importFile("email,first name\n" + address + ",Lou\n", "fete-2026");

        assertThat(RACE.fired()).isTrue();
        assertThat(List.of(job.rows(), job.created(), job.updated())).containsExactly(1L, 0L, 1L);
        Contact lou = contact(address);
        assertThat(lou.statusValue()).isEqualTo(ContactStatus.BOUNCED);
        assertThat(lou.consent()).isNull();
        assertThat(lou.firstName()).isEqualTo("Lou");
        assertThat(suppressions.isSuppressed(org, contactId)).isTrue();
        assertThat(contactPuts(address)).isEqualTo(2);
    }

    @Test
    void aSignUpBetweenTheReadAndTheWriteKeepsItsConsentRequest() {
        ConfirmationMail confirmationMail = new ConfirmationMail(new SesMailer(STACK.aws().sesForMailings(), Optional.empty()), new Templates(),
                signer, "https://api.example.org", "Turnout <noreply@example.org>", Duration.ofDays(7));
        SignupService signups = new SignupService(organisations, new SignupForms(IDS), new VisitorRateLimit(new RateLimiter(new RateWindowRepository(table), CLOCK), ipHasher()),
                suppressions, new ConsentRequests(contacts, confirmationMail, CLOCK, Duration.ofMinutes(10)), 5);
        RACE.arm(Keys.contact(org, idOf("zoe@example.org")), () -> signups.signUp(org,
                new SignupForm("zoe@example.org", "Zoé", null, null, null, List.of(), "v1", null, null), "192.0.2.7"));

        ImportJob job = importFile("email,first name,last name\nzoe@example.org,Zoe,Martin\nbob@example.org,Bob,\n", null);

        assertThat(RACE.fired()).isTrue();
        assertThat(List.of(job.rows(), job.created(), job.updated())).as("Zoé was read as new, and written as known")
                .containsExactly(2L, 1L, 1L);
        Contact zoe = contact("zoe@example.org");
        assertThat(zoe.statusValue()).isEqualTo(ContactStatus.PENDING);
        assertThat(zoe.consent().source()).startsWith(SignupForms.SOURCE_PREFIX);
        assertThat(zoe.consent().requestedAt()).isNotNull();
        assertThat(zoe.confirmationSentAt()).isNotNull();
        assertThat(zoe.lastName()).isEqualTo("Martin");
        assertThat(zoe.version()).isEqualTo(2L);
        assertThat(contactPuts("zoe@example.org")).as("the create refused, then the update").isEqualTo(2);
    }

    @Test
    void aContactThatChangesBeforeEveryWriteFailsTheWindowAfterABoundedNumberOfRounds() {
        known("ana@example.org", ContactStatus.IMPORTED, "adhérente");
        String contactId = idOf("ana@example.org");
        RACE.armEveryTime(Keys.contact(org, contactId), () -> assertThat(contacts.modify(org, contactId, contact -> Optional.of(contact.with().canvassOutcome("talked").build()))).isTrue());

        String key = "imports/" + org + "/busy.csv";
        byte[] bytes = "email,first name\nana@example.org,Ana\n".getBytes(StandardCharsets.UTF_8);
        String etag = STACK.aws().s3().putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(bytes)).eTag();
        ImportSource source = new ImportSource(bucket, key, etag, bytes.length, Instant.now());

        assertThatThrownBy(() -> imports.run(source, Instant.now().plusSeconds(900)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("kept changing");
        assertThat(contactPuts("ana@example.org")).isEqualTo(ContactImportWriter.MAX_ROUNDS);
        Contact ana = contact("ana@example.org");
        assertThat(ana.firstName()).as("nothing of the import written over a change").isEqualTo("Old");
        assertThat(ana.version()).as("created, then changed before each of the rounds").isEqualTo(1L + ContactImportWriter.MAX_ROUNDS);
        assertThat(importJobs.find(org, source.importId()).orElseThrow().rows()).as("the window is not counted nor checkpointed").isZero();
    }

    // ------------------------------------------------------------------ helpers

    private Contact known(String email, ContactStatus status, String tag) {
        EmailAddress address = EmailAddress.parse(email).orElseThrow();
        Contact contact = ContactBuilder.builder()
                .orgId(org)
                .contactId(IDS.forEmail(address))
                .email(address.value())
                .firstName("Old")
                .tags(new ArrayList<>(List.of(tag)))
                .status(status.code())
                .build();
        return contacts.createIfAbsent(contact).orElseThrow();
    }

    private ImportJob importFile(String csv, String consentSource) {
        return importFile(upload(csv, consentSource));
    }

    private ImportSource upload(String csv, String consentSource) {
        String key = "imports/" + org + "/" + UUID.randomUUID() + ".csv";
        byte[] bytes = csv.getBytes(StandardCharsets.UTF_8);
        String etag = STACK.aws().s3().putObject(b -> b.bucket(bucket).key(key)
                .metadata(consentSource == null ? Map.of() : Map.of("consent-source", consentSource)), RequestBody.fromBytes(bytes)).eTag();
        return new ImportSource(bucket, key, etag, bytes.length, Instant.now());
    }

    private ImportJob importFile(ImportSource source) {
        ImportService.Run run = imports.run(source, Instant.now().plusSeconds(900));
        ImportJob job = importJobs.find(org, source.importId()).orElseThrow();
        assertThat(run).as("failure: %s", job.failure()).isEqualTo(ImportService.Run.DONE);
        return job;
    }

    private Contact contact(String email) {
        return contacts.find(org, idOf(email)).orElseThrow();
    }

    private static String idOf(String email) {
        return IDS.forEmail(EmailAddress.parse(email).orElseThrow());
    }

    /** The import's PutItem calls on this contact, refused or not. */
    private int contactPuts(String email) {
        return dynamoFront.findAll(postRequestedFor(anyUrl()).withHeader("X-Amz-Target", equalTo(PUT_ITEM))
                .withRequestBody(containing(Keys.contact(org, idOf(email))))).size();
    }

    private String sesEvent(String file, String mailingId, String contactId) throws IOException {
        String sns = Files.readString(RepositoryRoot.locate().path().resolve("events/" + file))
                .replace("${ORG}", org).replace("${MAILING}", mailingId).replace("${CONTACT}", contactId)
                .replace("${MESSAGE_ID}", "msg-" + UUID.randomUUID());
        return new ObjectMapper().readTree(sns).path("Records").path(0).path("Sns").path("Message").asText();
    }

    private static PrivacyService privacy() {
        return new PrivacyService(IDS, tombstones, new HeldPersonalData(table, contacts, suppressionList, new Holders(List.of())),
                new AuditTrail(table, CLOCK), CLOCK);
    }

    private String tombstoneKey(String email) {
        return Keys.erasureTombstone(org, tombstones.hash(EmailAddress.parse(email).orElseThrow()));
    }

    /** The import's BatchGetItem calls that read this address's erasure tombstone. */
    private int tombstoneReads(String email) {
        return dynamoFront.findAll(postRequestedFor(anyUrl()).withHeader("X-Amz-Target", equalTo(BATCH_GET_ITEM))
                .withRequestBody(containing(tombstoneKey(email)))).size();
    }

    private static IpHasher ipHasher() {
        return new IpHasher(new SecretStore(id -> "test-pepper-0123456789", CLOCK), Optional.of("ip-pepper"));
    }

    /**
     * Makes the armed change once, when the emulator's answer to a BatchGetItem that reads the
     * armed key (a contact, or an address's erasure tombstone) is about to go back to the import.
     * A change may arm the next one, for the import's next read of that key.
     */
    static final class BetweenReadAndWrite implements ServeEventListener {
        private final AtomicReference<Armed> armed = new AtomicReference<>();
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private volatile boolean fired;

        private record Armed(String contactKey, Runnable change, boolean everyTime) {
        }

        void arm(String contactKey, Runnable change) {
            armed.set(new Armed(contactKey, change, false));
        }

        /** Makes the change after every read of the contact, not only the first. */
        void armEveryTime(String contactKey, Runnable change) {
            armed.set(new Armed(contactKey, change, true));
        }

        void reset() {
            armed.set(null);
            failure.set(null);
            fired = false;
        }

        boolean fired() {
            return fired;
        }

        Throwable failure() {
            return failure.get();
        }

        @Override
        public void beforeResponseSent(ServeEvent serveEvent, Parameters parameters) {
            Armed change = armed.get();
            if (change == null || !BATCH_GET_ITEM.equals(serveEvent.getRequest().getHeader("X-Amz-Target"))
                    || !serveEvent.getRequest().getBodyAsString().contains(change.contactKey())
                    || (!change.everyTime() && !armed.compareAndSet(change, null))) {
                return;
            }
            try {
                change.change().run();
                fired = true;
            } catch (Throwable e) {
                failure.set(e);
            }
        }

        @Override
        public String getName() {
            return "between-read-and-write";
        }
    }

    /** The personal data holders the erasure goes through besides the contact: none needed here. */
    private record Holders(List<PersonalDataHolder> holders) implements jakarta.enterprise.inject.Instance<PersonalDataHolder> {
        @Override
        public Iterator<PersonalDataHolder> iterator() {
            return holders.iterator();
        }

        @Override
        public jakarta.enterprise.inject.Instance<PersonalDataHolder> select(java.lang.annotation.Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends PersonalDataHolder> jakarta.enterprise.inject.Instance<U> select(Class<U> subtype,
                                                                                            java.lang.annotation.Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends PersonalDataHolder> jakarta.enterprise.inject.Instance<U> select(jakarta.enterprise.util.TypeLiteral<U> subtype,
                                                                                            java.lang.annotation.Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isUnsatisfied() {
            return holders.isEmpty();
        }

        @Override
        public boolean isAmbiguous() {
            return holders.size() > 1;
        }

        @Override
        public void destroy(PersonalDataHolder instance) {
        }

        @Override
        public Handle<PersonalDataHolder> getHandle() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Iterable<? extends Handle<PersonalDataHolder>> handles() {
            throw new UnsupportedOperationException();
        }

        @Override
        public PersonalDataHolder get() {
            throw new UnsupportedOperationException();
        }
    }
}
