package org.turnout.sending;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.turnout.MovableClock;
import org.turnout.aws.AwsClients;
import org.turnout.aws.EmulatedStack;
import org.turnout.aws.EmulatorFront;
import org.turnout.contact.Contact;
import org.turnout.contact.ContactBuilder;
import org.turnout.contact.ContactIds;
import org.turnout.contact.ContactRepository;
import org.turnout.contact.ContactStatus;
import org.turnout.contact.EmailAddress;
import org.turnout.local.Emulator;
import org.turnout.mail.SesMailer;
import org.turnout.mailing.Mailing;
import org.turnout.mailing.MailingRepository;
import org.turnout.organisation.Organisation;
import org.turnout.organisation.OrganisationBuilder;
import org.turnout.organisation.OrganisationRepository;
import org.turnout.organisation.Sender;
import org.turnout.secrets.SecretStore;
import org.turnout.security.LinkSigner;
import org.turnout.store.BatchOperations;
import org.turnout.store.TurnoutTable;
import org.turnout.unsubscribe.UnsubscribeLinks;

/**
 * One SendFunction batch of ten recipients sent several at once, with WireMock in front of the SES emulator holding
 * each answer back as a slow SES would: the sends overlap, each recipient gets one email, and an answer lost on one of
 * the sends in flight leaves exactly that recipient {@code unknown}, never sent again.
 */
class ConcurrentSendingTest {
    @RegisterExtension
    static final EmulatedStack STACK = new EmulatedStack(Emulator.DYNAMODB, Emulator.SES);
    private static final ContactIds IDS = new ContactIds("test-contact-id-key-0123456789");
    private static final String SEND_EMAIL = "/v2/email/outbound-emails";
    private static final int RECIPIENTS = 10;
    private static final int PARALLELISM = 4;
    /**
     * How long each SES answer is held back. Long beside the DynamoDB round trips around each send, even on a loaded
     * machine, so that the overlap depends on the sends in flight, not on how fast the machine is.
     */
    private static final int ANSWER_DELAY_MILLIS = 2_000;
    @RegisterExtension
    static final EmulatorFront SES_FRONT = new EmulatorFront(STACK, Emulator.SES, options().dynamicPort().containerThreads(RECIPIENTS + 10));
    /** In front of the DynamoDB emulator, only to count the calls a batch makes. */
    @RegisterExtension
    static final EmulatorFront DYNAMODB_FRONT = new EmulatorFront(STACK, Emulator.DYNAMODB, options().dynamicPort().containerThreads(40));
    private static AwsClients awsThroughFront;
    private static TurnoutTable table;

    private final MovableClock clock = new MovableClock(Instant.now());
    private MailingRepository mailings;
    private SendRecords records;
    private SendBatch batch;
    private InMemorySendQueue queue;
    private String org;
    private String mailingId;
    private final List<Contact> contacts = new ArrayList<>();

    @BeforeAll
    static void start() {
        String endpoint = System.getProperty("aws.endpointUrlDynamoDb");
        System.setProperty("aws.endpointUrlDynamoDb", DYNAMODB_FRONT.baseUrl());
        try {
            awsThroughFront = new AwsClients();
            table = new TurnoutTable(awsThroughFront, STACK.stack().resources().physicalName("Table"));
        } finally {
            System.setProperty("aws.endpointUrlDynamoDb", endpoint);
        }
    }

    @AfterAll
    static void stop() {
        awsThroughFront.close();
    }

    @BeforeEach
    void mailingToTenContacts() {
        DYNAMODB_FRONT.passEverythingThrough();
        SES_FRONT.passEverythingThrough();
        SES_FRONT.server().stubFor(post(urlPathEqualTo(SEND_EMAIL)).atPriority(5)
                .willReturn(aResponse().proxiedFrom(SES_FRONT.emulatorUrl()).withFixedDelay(ANSWER_DELAY_MILLIS)));

        org = "concurrent-" + UUID.randomUUID().toString().substring(0, 8);
        OrganisationRepository organisations = new OrganisationRepository(table);
        organisations.create(OrganisationBuilder.builder()
                .id(org)
                .name("Concurrent test")
                .senders(new ArrayList<>(List.of(new Sender("Équipe", "equipe@" + org + ".example.org"))))
                .build());

        BatchOperations batches = new BatchOperations(table, 4);
        ContactRepository contactRepository = new ContactRepository(table, batches);
        for (int i = 0; i < RECIPIENTS; i++) {
            EmailAddress email = EmailAddress.parse("personne" + i + "@" + org + ".example.org").orElseThrow();
            Contact contact = ContactBuilder.builder()
                    .orgId(org)
                    .contactId(IDS.forEmail(email))
                    .email(email.value())
                    .firstName("Personne " + i)
                    .status(ContactStatus.SUBSCRIBED.code())
                    .build();
            contactRepository.createIfAbsent(contact);
            contacts.add(contact);
        }

        mailings = new MailingRepository(table);
        Mailing mailing = MailingsUnderWay.of(org, RECIPIENTS, true);
        mailings.create(mailing);
        mailingId = mailing.mailingId();

        records = new SendRecords(table);
        SendOutcomes outcomes = new SendOutcomes(records, mailings, clock);
        MailingSender sender = new MailingSender(new MailingCache(mailings, organisations, clock),
                new RecipientReads(batches, clock), new RecipientCheck(contactRepository, clock),
                new SendLedger(records, outcomes, new MailingSettlement(mailings, records, outcomes, clock), clock),
                new SendQuota(STACK.aws(), clock, 1, Duration.ofSeconds(20)),
                new SesMailer(SES_FRONT.sesClient(), Optional.empty()),
                new UnsubscribeLinks(new LinkSigner(new SecretStore(id -> "{\"kid\":\"k1\",\"secret\":\"0123456789abcdef0123456789abcdef\"}", clock),
                        Optional.of("link-keys"), clock), "http://localhost:8080", Duration.ofDays(365)),
                10);
        queue = new InMemorySendQueue();
        batch = new SendBatch(sender, queue, PARALLELISM);
    }

    @AfterEach
    void closeBatch() {
        batch.close();
        assertThat(SES_FRONT.server().findAllUnmatchedRequests()).isEmpty();
    }

    @Test
    void aBatchOfTenKeepsSeveralSendEmailCallsInFlightAndSendsEachRecipientOnce() {
        SendBatch.Result result = batch.deliver(attempts(), () -> true);

        assertThat(result.retryLater()).isEmpty();
        assertThat(result.failed()).isEmpty();
        assertThat(queue.messages()).as("nobody waited for the rate: SES's 14 a second is above what slow answers allow").isEmpty();
        List<ServeEvent> sends = sendEmailEvents();
        assertThat(sends).hasSize(RECIPIENTS);
        int mostAtOnce = mostInFlight(sends);
        System.out.printf("SendEmail calls in flight at once: at most %d of %d senders%n", mostAtOnce, PARALLELISM);
        assertThat(mostAtOnce).isBetween(3, PARALLELISM);
        assertThat(emailsOfThisMailing()).extracting(e -> e.path("destination").path("to").get(0).asText())
                .hasSize(RECIPIENTS).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(contacts.stream().map(Contact::email).toList());
        Mailing mailing = mailings.find(org, mailingId).orElseThrow();
        assertThat(mailing.sent()).isEqualTo((long) RECIPIENTS);
        assertThat(mailing.state()).isEqualTo("sent");
    }

    @Test
    void aBatchReadsWhatItsRecipientsNeedInOneCallAndAddsItsCountsInOne() {
        DYNAMODB_FRONT.server().resetRequests();

        SendBatch.Result result = batch.deliver(attempts(), () -> true);

        assertThat(result.failed()).isEmpty();
        assertThat(result.retryLater()).isEmpty();
        Map<String, Long> calls = DYNAMODB_FRONT.server().getAllServeEvents().stream()
                .collect(Collectors.groupingBy(e -> e.getRequest().getHeader("X-Amz-Target").replaceFirst(".*\\.", ""), Collectors.counting()));
        assertThat(calls.get("BatchGetItem")).as("the ten contacts, suppression entries and send records: one read").isEqualTo(1L);
        assertThat(calls.get("PutItem")).as("the claims, one a recipient").isEqualTo((long) RECIPIENTS);
        assertThat(calls.get("UpdateItem")).as("an outcome a recipient; the mailing's counts once, its settling and its end")
                .isEqualTo(RECIPIENTS + 3L);
        assertThat(calls.get("GetItem")).as("the mailing and its organisation, once for the batch; the mailing once settled").isEqualTo(3L);
        Mailing mailing = mailings.find(org, mailingId).orElseThrow();
        assertThat(mailing.sent()).isEqualTo((long) RECIPIENTS);
        assertThat(mailing.state()).isEqualTo("sent");
    }

    @Test
    void anAnswerLostOnOneOfTheSendsInFlightLeavesExactlyThatRecipientUnknownAndNeverResent() {
        Contact unlucky = contacts.get(5);
        SES_FRONT.server().stubFor(post(urlPathEqualTo(SEND_EMAIL)).withRequestBody(containing(unlucky.email())).atPriority(1)
                .willReturn(aResponse().withFixedDelay(ANSWER_DELAY_MILLIS).withFault(Fault.CONNECTION_RESET_BY_PEER)));

        SendBatch.Result first = batch.deliver(attempts(), () -> true);

        assertThat(mostInFlight(sendEmailEvents())).as("the lost answer was one of several sends in flight").isGreaterThanOrEqualTo(3);
        assertThat(first.failed()).isEmpty();
        assertThat(first.retryLater()).as("only the lost answer's message comes back").containsExactly(messageId(unlucky));
        assertThat(records.find(recipient(unlucky)).orElseThrow().outcome()).isEqualTo(SendOutcome.CLAIMED);

        // SQS hands the whole batch out again once its claim is past the grace period (a redelivery of all ten, the worst case)
        clock.advance(MailingSender.CLAIM_GRACE.plusSeconds(1));
        SendBatch.Result again = batch.deliver(attempts(), () -> true);

        assertThat(again.retryLater()).isEmpty();
        assertThat(again.failed()).isEmpty();
        assertThat(sendEmailEvents()).as("no recipient was asked of SES twice").hasSize(RECIPIENTS);
        for (Contact contact : contacts) {
            SendOutcome expected = contact == unlucky ? SendOutcome.UNKNOWN : SendOutcome.SENT;
            assertThat(records.find(recipient(contact)).orElseThrow().outcome()).as(contact.firstName()).isEqualTo(expected);
        }
        assertThat(emailsOfThisMailing()).extracting(e -> e.path("destination").path("to").get(0).asText())
                .hasSize(RECIPIENTS - 1).doesNotHaveDuplicates().doesNotContain(unlucky.email());
        Mailing mailing = mailings.find(org, mailingId).orElseThrow();
        assertThat(mailing.sent()).isEqualTo(RECIPIENTS - 1L);
        assertThat(mailing.unknown()).isEqualTo(1L);
        assertThat(mailing.state()).isEqualTo("sent");
    }

    private List<SendBatch.Attempt> attempts() {
        return contacts.stream().map(c -> new SendBatch.Attempt(messageId(c), recipient(c), 1)).toList();
    }

    private Recipient recipient(Contact contact) {
        return new Recipient(org, mailingId, contact.contactId());
    }

    private static String messageId(Contact contact) {
        return "message-" + contact.contactId();
    }

    private static List<ServeEvent> sendEmailEvents() {
        return SES_FRONT.server().getAllServeEvents().stream()
                .filter(e -> e.getRequest().getMethod().getName().equals("POST") && e.getRequest().getUrl().startsWith(SEND_EMAIL)).toList();
    }

    /** The most SendEmail calls WireMock was serving at once, from its journal: each from its arrival to its answer. */
    private static int mostInFlight(List<ServeEvent> sends) {
        int most = 0;
        for (ServeEvent at : sends) {
            long instant = at.getRequest().getLoggedDate().getTime();
            int during = (int) sends.stream().filter(e -> {
                long start = e.getRequest().getLoggedDate().getTime();
                return start <= instant && instant < start + e.getTiming().getTotalTime();
            }).count();
            most = Math.max(most, during);
        }
        return most;
    }

    private List<JsonNode> emailsOfThisMailing() {
        return STACK.stack().sentEmails().stream().filter(e -> e.path("from").asText().contains("@" + org + ".example.org")).toList();
    }
}
