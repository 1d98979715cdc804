package org.turnout.sending;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.http.Fault;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.turnout.MovableClock;
import org.turnout.audit.AuditTrail;
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
import org.turnout.mailing.MailingState;
import org.turnout.mailing.MailingView;
import org.turnout.organisation.Organisation;
import org.turnout.organisation.OrganisationBuilder;
import org.turnout.organisation.OrganisationRepository;
import org.turnout.organisation.Sender;
import org.turnout.secrets.SecretStore;
import org.turnout.security.LinkSigner;
import org.turnout.store.BatchOperations;
import org.turnout.store.TurnoutTable;
import org.turnout.unsubscribe.UnsubscribeLinks;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * The ways a mailing stayed {@code sending} for ever, each produced on the real emulators (WireMock in front of
 * DynamoDB or SES only to inject the fault), and the reconciler bringing it to {@code sent} with exact counts, or
 * writing on it why not. Time is a clock the test moves: the reconciler acts on a mailing that stood still for
 * {@link #STALL}, and settles claims older than their grace period.
 */
class MailingReconcilerFaultTest {
    @RegisterExtension
    static final EmulatedStack STACK = new EmulatedStack(Emulator.DYNAMODB, Emulator.SES, Emulator.SQS);
    @RegisterExtension
    static final EmulatorFront DYNAMODB_FRONT = new EmulatorFront(STACK, Emulator.DYNAMODB);
    @RegisterExtension
    static final EmulatorFront SES_FRONT = new EmulatorFront(STACK, Emulator.SES);
    private static final ContactIds IDS = new ContactIds("test-contact-id-key-0123456789");
    private static final Duration STALL = Duration.ofMinutes(10);
    private static final String SEND_EMAIL = "/v2/email/outbound-emails";
    private static AwsClients awsThroughFaults;
    private static TurnoutTable table;
    private static TurnoutTable tableThroughFaults;

    private final MovableClock clock = new MovableClock(Instant.now());
    private MailingRepository mailings;
    private SendRecords records;
    private MailingReconciler reconciler;
    private String org;

    @BeforeAll
    static void start() {
        table = STACK.table();
        // a second set of clients, whose DynamoDB calls go through WireMock: the services that meet the fault use it
        String endpoint = System.getProperty("aws.endpointUrlDynamoDb");
        System.setProperty("aws.endpointUrlDynamoDb", DYNAMODB_FRONT.server().baseUrl());
        try {
            awsThroughFaults = new AwsClients();
            tableThroughFaults = new TurnoutTable(awsThroughFaults, STACK.stack().resources().physicalName("Table"));
        } finally {
            System.setProperty("aws.endpointUrlDynamoDb", endpoint);
        }
    }

    @AfterAll
    static void stop() {
        awsThroughFaults.close();
    }

    @BeforeEach
    void organisation() {
        // by default, every request goes through to the emulators
        DYNAMODB_FRONT.passEverythingThrough();
        SES_FRONT.passEverythingThrough();

        org = "stuck-" + UUID.randomUUID().toString().substring(0, 8);
        Organisation organisation = OrganisationBuilder.builder()
                .id(org)
                .name("Reconcile test")
                .senders(new ArrayList<>(List.of(new Sender("Équipe", "equipe@" + org + ".example.org"))))
                .build();
        new OrganisationRepository(table).create(organisation);

        mailings = new MailingRepository(table);
        records = new SendRecords(table);
        reconciler = reconcilerOn(table);
    }

    @AfterEach
    void noStrayRequests() {
        assertThat(DYNAMODB_FRONT.server().findAllUnmatchedRequests()).isEmpty();
        assertThat(SES_FRONT.server().findAllUnmatchedRequests()).isEmpty();
    }

    @Test
    void aCrashBetweenMarkingARecordCountedAndAddingTheCountIsRecountedAndTheMailingSent() {
        String ana = contact("ana");
        String bruno = contact("bruno");
        String mailingId = sendingMailing(2);
        MailingSender sender = senderOn(tableThroughFaults, SES_FRONT.sesClient());
        // DynamoDB fails every ADD of one to a count: the record is marked counted, the mailing's count never comes
        DYNAMODB_FRONT.server().stubFor(post(anyUrl()).atPriority(1)
                .withHeader("X-Amz-Target", equalTo("DynamoDB_20120810.UpdateItem"))
                .withRequestBody(containing("\"UpdateExpression\":\"ADD "))
                .withRequestBody(containing("{\"N\":\"1\"}"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertThatThrownBy(() -> sender.deliver(to(mailingId, ana), 1)).isInstanceOf(RuntimeException.class);
        DYNAMODB_FRONT.forgetTheFaults();
        // SQS hands the message out again: the record is settled and counted, so nothing is sent or counted again
        assertThat(sender.deliver(to(mailingId, ana), 2)).isEqualTo(MailingSender.Delivery.DONE);
        assertThat(sender.deliver(to(mailingId, bruno), 1)).isEqualTo(MailingSender.Delivery.DONE);
        sender.afterBatch(org, mailingId);
        Mailing before = mailings.find(org, mailingId).orElseThrow();
        assertThat(before.stateValue()).as("the live count stays one short for good").isEqualTo(MailingState.SENDING);
        assertThat(Mailing.count(before.sent())).isEqualTo(1L);

        reconcileAfterAStall();

        Mailing after = mailings.find(org, mailingId).orElseThrow();
        assertThat(after.stateValue()).isEqualTo(MailingState.SENT);
        assertThat(after.sent()).isEqualTo(2L);
        assertThat(after.unknown()).isZero();
        assertThat(emailsSent()).isEqualTo(2);
    }

    @Test
    void aCountLostOnTheSendEventPathIsRecountedAndTheMailingSent() {
        String ana = contact("ana");
        String mailingId = sendingMailing(1);
        // SES takes the message but its answer is lost: the claim stays, "maybe sent"
        SES_FRONT.server().stubFor(post(urlPathEqualTo(SEND_EMAIL)).atPriority(1).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        MailingSender sender = senderOn(table, SES_FRONT.sesClient());
        assertThat(sender.deliver(to(mailingId, ana), 1)).isEqualTo(MailingSender.Delivery.RETRY);
        // the configuration set's Send event settles it as sent (FeedbackFunction calls this), and the count is lost
        DYNAMODB_FRONT.server().stubFor(post(anyUrl()).atPriority(1)
                .withHeader("X-Amz-Target", equalTo("DynamoDB_20120810.UpdateItem"))
                .withRequestBody(containing("\"UpdateExpression\":\"ADD "))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        SendOutcomes feedbackOutcomes = new SendOutcomes(new SendRecords(tableThroughFaults), new MailingRepository(tableThroughFaults), clock);
        assertThatThrownBy(() -> feedbackOutcomes.sent(to(mailingId, ana), "0100018c-from-the-send-event"))
                .isInstanceOf(RuntimeException.class);
        // the Send event comes again, and the message again: both find the record settled and counted
        assertThat(new SendOutcomes(records, mailings, clock).sent(to(mailingId, ana), "0100018c-from-the-send-event")).isFalse();
        clock.advance(MailingSettlement.CLAIM_GRACE.plusSeconds(1));
        assertThat(sender.deliver(to(mailingId, ana), 2)).isEqualTo(MailingSender.Delivery.DONE);
        sender.afterBatch(org, mailingId);
        assertThat(mailings.find(org, mailingId).orElseThrow().stateValue()).isEqualTo(MailingState.SENDING);

        reconcileAfterAStall();

        Mailing after = mailings.find(org, mailingId).orElseThrow();
        assertThat(after.stateValue()).isEqualTo(MailingState.SENT);
        assertThat(after.sent()).isEqualTo(1L);
        assertThat(after.unknown()).isZero();
        assertThat(records.find(to(mailingId, ana)).orElseThrow().messageId()).isEqualTo("0100018c-from-the-send-event");
    }

    @Test
    void aClaimWhoseSenderDiedIsSettledUnknownPastItsGraceAndNeverResent() {
        String ana = contact("ana");
        String mailingId = sendingMailing(1);
        // a sender claimed Ana and died before SES answered; its message was lost with it
        assertThat(records.claim(to(mailingId, ana), clock.millis())).isTrue();

        reconcileAfterAStall();

        Mailing after = mailings.find(org, mailingId).orElseThrow();
        assertThat(after.stateValue()).isEqualTo(MailingState.SENT);
        assertThat(after.unknown()).isEqualTo(1L);
        assertThat(after.sent()).isZero();
        assertThat(emailsSent()).isZero();
    }

    @Test
    void aCursorAdvanceWithoutTheLeaseIsRefusedSoTheRecipientsAreCountedOnceAndTheMailingIsSent() {
        String ana = contact("ana");
        String bruno = contact("bruno");
        String mailingId = sendingMailing(0, false);
        mailings.beginDispatch(org, mailingId, clock.instant());
        // dispatch A enqueued a page, then stalled past its lease; dispatch B took the lease over and enqueued it again
        assertThat(mailings.leaseDispatch(org, mailingId, "dispatch-a", clock.millis() + 1_000, clock.millis())).isTrue();
        clock.advance(Duration.ofMinutes(3));
        assertThat(mailings.leaseDispatch(org, mailingId, "dispatch-b", clock.millis() + 120_000, clock.millis())).isTrue();
        assertThat(mailings.advanceCursor(org, mailingId, "dispatch-b", 0, "#done", 2)).isTrue();

        // A wakes up and writes its advance: refused, so the page is not counted twice nor the cursor moved back
        assertThat(mailings.advanceCursor(org, mailingId, "dispatch-a", 0, "page-2", 2)).isFalse();
        Mailing dispatched = mailings.find(org, mailingId).orElseThrow();
        assertThat(dispatched.recipients()).isEqualTo(2L);
        assertThat(dispatched.dispatchCursors()).containsEntry("0", "#done");

        mailings.completeDispatch(org, mailingId);
        mailings.releaseDispatch(org, mailingId, "dispatch-b");
        MailingSender sender = senderOn(table, SES_FRONT.sesClient());
        assertThat(sender.deliver(to(mailingId, ana), 1)).isEqualTo(MailingSender.Delivery.DONE);
        assertThat(sender.deliver(to(mailingId, bruno), 1)).isEqualTo(MailingSender.Delivery.DONE);
        reconcileAfterAStall();

        Mailing after = mailings.find(org, mailingId).orElseThrow();
        assertThat(after.stateValue()).isEqualTo(MailingState.SENT);
        assertThat(after.recipients()).isEqualTo(2L);
        assertThat(after.sent()).isEqualTo(2L);
    }

    @Test
    void aMailingThatCannotBeSettledSaysWhyOnItForStaffAndMovesOnOnceItsRecipientsDo() {
        String ana = contact("ana");
        String bruno = contact("bruno");
        String mailingId = sendingMailing(2);
        MailingSender sender = senderOn(table, SES_FRONT.sesClient());
        assertThat(sender.deliver(to(mailingId, ana), 1)).isEqualTo(MailingSender.Delivery.DONE);

        // Bruno's message is nowhere to be seen (still on the queue, or lost): no outcome to count
        reconcileAfterAStall();
        Mailing stuck = mailings.find(org, mailingId).orElseThrow();
        assertThat(stuck.stateValue()).isEqualTo(MailingState.SENDING);
        assertThat(MailingView.of(stuck).stuckReason())
                .isEqualTo("1 recipients have no send record yet: their messages wait on the send queue (at the sending rate) or were lost")
                .doesNotContain(ana, bruno, "@");

        // Bruno's message comes: the mailing is sent, and the note shows no more
        assertThat(sender.deliver(to(mailingId, bruno), 1)).isEqualTo(MailingSender.Delivery.DONE);
        sender.afterBatch(org, mailingId);
        Mailing sent = mailings.find(org, mailingId).orElseThrow();
        assertThat(sent.stateValue()).isEqualTo(MailingState.SENT);
        assertThat(MailingView.of(sent).stuckReason()).isNull();
    }

    @Test
    void recipientsInTheDeadLetterQueueGoBackOnTheQueueAndTheirClaimsLetNoOneBeSentTwice() {
        String ana = contact("ana");
        String bruno = contact("bruno");
        String mailingId = sendingMailing(2);
        MailingSender sender = senderOn(table, SES_FRONT.sesClient());
        // Ana was sent, but her message went on failing (a crash after the send) into the dead letters; so did Bruno's, never sent
        assertThat(sender.deliver(to(mailingId, ana), 1)).isEqualTo(MailingSender.Delivery.DONE);
        String deadLetters = STACK.stack().resources().ref("SendDeadLetters");
        for (String contactId : List.of(ana, bruno)) {
            STACK.stack().clients().sqs().sendMessage(r -> r.queueUrl(deadLetters).messageBody(SendQueue.body(to(mailingId, contactId))));
        }

        reconciler.reconcile(clock.instant().plus(Duration.ofMinutes(4)));

        List<Recipient> back = new ArrayList<>();
        String queueUrl = STACK.stack().resources().ref("SendQueue");
        for (int empty = 0; empty < 2; ) {
            var messages = STACK.stack().clients().sqs().receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
            empty = messages.isEmpty() ? empty + 1 : 0;
            messages.forEach(m -> {
                back.add(SendQueue.parse(m.body()));
                STACK.stack().clients().sqs().deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
            });
        }
        assertThat(back).containsExactlyInAnyOrder(to(mailingId, ana), to(mailingId, bruno));
        assertThat(STACK.stack().clients().sqs().receiveMessage(r -> r.queueUrl(deadLetters).waitTimeSeconds(1)).messages()).isEmpty();
        for (Recipient recipient : back) {
            assertThat(sender.deliver(recipient, 1)).isEqualTo(MailingSender.Delivery.DONE);
        }
        sender.afterBatch(org, mailingId);

        assertThat(emailsTo(ana)).as("Ana's claim lets no second email go").isEqualTo(1);
        assertThat(emailsTo(bruno)).isEqualTo(1);
        Mailing after = mailings.find(org, mailingId).orElseThrow();
        assertThat(after.stateValue()).isEqualTo(MailingState.SENT);
        assertThat(after.sent()).isEqualTo(2L);
    }

    private long emailsTo(String contactId) {
        String address = new ContactRepository(table, new BatchOperations(table, 4)).find(org, contactId).orElseThrow().email();
        return STACK.stack().sentEmails().stream().filter(e -> e.path("destination").path("to").toString().contains(address)).count();
    }

    /**
     * Two runs a stall apart, as the schedule makes them: the first notes where the mailing stands. (Their reports
     * count the mailings of every test of the class: the tests look at their own mailing.)
     */
    private void reconcileAfterAStall() {
        reconciler.reconcile(clock.instant().plus(Duration.ofMinutes(4)));
        clock.advance(STALL.plusSeconds(1));
        reconciler.reconcile(clock.instant().plus(Duration.ofMinutes(4)));
    }

    private MailingReconciler reconcilerOn(TurnoutTable on) {
        MailingRepository repository = new MailingRepository(on);
        SendRecords sendRecords = new SendRecords(on);
        MailingSettlement settlement = new MailingSettlement(repository, sendRecords, new SendOutcomes(sendRecords, repository, clock), clock);
        SendQueue queue = new SqsSendQueue(STACK.aws().sqs(), STACK.stack().resources().ref("SendQueue"));
        return new MailingReconciler(new OrganisationRepository(on), repository, sendRecords, settlement,
                new SendDeadLetters(STACK.aws().sqs(), queue, STACK.stack().resources().ref("SendDeadLetters"), clock), clock, STALL);
    }

    private MailingSender senderOn(TurnoutTable on, SesV2Client ses) {
        BatchOperations batches = new BatchOperations(on, 4);
        ContactRepository contacts = new ContactRepository(on, batches);
        MailingRepository repository = new MailingRepository(on);
        SendRecords sendRecords = new SendRecords(on);
        SendOutcomes outcomes = new SendOutcomes(sendRecords, repository, clock);
        return new MailingSender(new MailingCache(repository, new OrganisationRepository(on), clock), new RecipientReads(batches, clock), new RecipientCheck(contacts, clock),
                new SendLedger(sendRecords, outcomes, new MailingSettlement(repository, sendRecords, outcomes, clock), clock),
                new SendQuota(STACK.aws(), clock, 1, Duration.ofSeconds(5)), new SesMailer(ses, Optional.empty()),
                new UnsubscribeLinks(new LinkSigner(new SecretStore(id -> "{\"kid\":\"k1\",\"secret\":\"0123456789abcdef0123456789abcdef\"}", clock),
                        Optional.of("link-keys"), clock), "http://localhost:8080", Duration.ofDays(365)),
                10);
    }

    /** A subscribed contact of the organisation: its id. */
    private String contact(String name) {
        EmailAddress email = EmailAddress.parse(name + "@" + org + ".example.org").orElseThrow();
        Contact contact = ContactBuilder.builder()
                .orgId(org)
                .contactId(IDS.forEmail(email))
                .email(email.value())
                .firstName(name)
                .status(ContactStatus.SUBSCRIBED.code())
                .build();
        new ContactRepository(table, new BatchOperations(table, 4)).createIfAbsent(contact);
        return contact.contactId();
    }

    private Recipient to(String mailingId, String contactId) {
        return new Recipient(org, mailingId, contactId);
    }

    /** A mailing under way whose dispatch enqueued {@code recipients}. */
    private String sendingMailing(long recipients) {
        return sendingMailing(recipients, true);
    }

    private String sendingMailing(long recipients, boolean dispatchComplete) {
        Mailing mailing = MailingsUnderWay.of(org, recipients, dispatchComplete);
        mailings.create(mailing);
        return mailing.mailingId();
    }

    private long emailsSent() {
        return STACK.stack().sentEmails().stream().filter(e -> e.path("from").asText().contains("@" + org + ".example.org")).count();
    }
}
