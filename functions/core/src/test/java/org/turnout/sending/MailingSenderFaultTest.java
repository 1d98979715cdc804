package org.turnout.sending;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.turnout.MovableClock;
import org.turnout.aws.EmulatedStack;
import org.turnout.aws.EmulatorFront;
import org.turnout.secrets.SecretStore;
import org.turnout.contact.Contact;
import org.turnout.contact.ContactBuilder;
import org.turnout.contact.ContactRepository;
import org.turnout.contact.ContactStatus;
import org.turnout.contact.ContactIds;
import org.turnout.contact.EmailAddress;
import org.turnout.local.Emulator;
import org.turnout.mail.SesMailer;
import org.turnout.mailing.Mailing;
import org.turnout.mailing.MailingBuilder;
import org.turnout.mailing.MailingRepository;
import org.turnout.mailing.MailingState;
import org.turnout.organisation.Organisation;
import org.turnout.organisation.OrganisationBuilder;
import org.turnout.organisation.OrganisationRepository;
import org.turnout.organisation.Sender;
import org.turnout.security.LinkSigner;
import org.turnout.unsubscribe.UnsubscribeLinks;
import org.turnout.store.BatchOperations;
import org.turnout.store.TurnoutTable;

/**
 * The send protocol against the faults a real SES produces, injected by WireMock in front of the
 * SES emulator (everything else passes through to it): throttling, a permanent rejection, and an
 * answer lost after the request left.
 */
class MailingSenderFaultTest {
    @RegisterExtension
    static final EmulatedStack STACK = new EmulatedStack(Emulator.DYNAMODB, Emulator.SES);
    @RegisterExtension
    static final EmulatorFront SES_FRONT = new EmulatorFront(STACK, Emulator.SES);
    private static final ContactIds IDS = new ContactIds("test-contact-id-key-0123456789");
    private static final String SEND_EMAIL = "/v2/email/outbound-emails";
    private static TurnoutTable table;

    private final MovableClock clock = new MovableClock(Instant.now());
    private MailingSender sender;
    private MailingRepository mailings;
    private SendRecords records;
    private ContactRepository contacts;
    private Recipient recipient;
    private String address;

    @BeforeAll
    static void start() {
        table = STACK.table();
    }

    @BeforeEach
    void mailingToOneContact() {
        // by default, every request goes through to the emulator
        SES_FRONT.passEverythingThrough();

        String org = "fault-" + UUID.randomUUID().toString().substring(0, 8);
        OrganisationRepository organisations = new OrganisationRepository(table);
        Organisation organisation = OrganisationBuilder.builder()
                .id(org)
                .name("Fault test")
                .senders(new ArrayList<>(List.of(new Sender("Équipe", "equipe@" + org + ".example.org"))))
                .build();
        organisations.create(organisation);

        BatchOperations batches = new BatchOperations(table, 4);
        contacts = new ContactRepository(table, batches);
        address = "ana@" + org + ".example.org";
        EmailAddress email = EmailAddress.parse(address).orElseThrow();
        Contact ana = ContactBuilder.builder()
                .orgId(org)
                .contactId(IDS.forEmail(email))
                .email(email.value())
                .firstName("Ana")
                .status(ContactStatus.SUBSCRIBED.code())
                .build();
        contacts.createIfAbsent(ana);

        mailings = new MailingRepository(table);
        Mailing mailing = MailingsUnderWay.of(org, 1, true);
        mailings.create(mailing);
        recipient = new Recipient(org, mailing.mailingId(), ana.contactId());

        records = new SendRecords(table);
        MailingSettlement settlement = new MailingSettlement(mailings, records, new SendOutcomes(records, mailings, clock), clock);
        sender = new MailingSender(new MailingCache(mailings, organisations, clock), new RecipientReads(batches, clock), new RecipientCheck(contacts, clock),
                new SendLedger(records, new SendOutcomes(records, mailings, clock), settlement, clock), new SendQuota(STACK.aws(), clock, 1, Duration.ofSeconds(5)),
                new SesMailer(SES_FRONT.sesClient(), Optional.empty()),
                new UnsubscribeLinks(new LinkSigner(new SecretStore(id -> "{\"kid\":\"k1\",\"secret\":\"0123456789abcdef0123456789abcdef\"}", clock), Optional.of("link-keys"), clock), "http://localhost:8080", Duration.ofDays(365)),
                10);
    }

    @AfterEach
    void noStrayRequests() {
        assertThat(SES_FRONT.server().findAllUnmatchedRequests()).isEmpty();
    }

    @Test
    void throttledOnceTheSdkRetriesAndItIsSentOnce() {
        fault(post(urlPathEqualTo(SEND_EMAIL)).inScenario("throttle").whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("passed").willReturn(throttled()));

        assertThat(sender.deliver(recipient, 1)).isEqualTo(MailingSender.Delivery.DONE);

        assertThat(sendRequests()).isEqualTo(2);
        assertThat(emailsToAna()).isEqualTo(1);
        assertThat(records.find(recipient).orElseThrow().outcome()).isEqualTo(SendOutcome.SENT);
        assertThat(mailings.find(recipient.orgId(), recipient.mailingId()).orElseThrow().sent()).isEqualTo(1L);
    }

    @Test
    void throttledThroughEveryRetryTheClaimIsGivenBackNothingCountsAndALaterTrySendsIt() {
        fault(post(urlPathEqualTo(SEND_EMAIL)).willReturn(throttled()));

        assertThat(sender.deliver(recipient, 1)).isEqualTo(MailingSender.Delivery.RETRY);
        assertThat(sendRequests()).isEqualTo(4); // the mailer's attempts, with backoff
        assertThat(records.find(recipient)).isEmpty();
        assertThat(emailsToAna()).isZero();
        assertThat(mailings.find(recipient.orgId(), recipient.mailingId()).orElseThrow().sent()).isNull();

        SES_FRONT.forgetTheFaults();
        clock.advance(Duration.ofSeconds(30));
        assertThat(sender.deliver(recipient, 2)).isEqualTo(MailingSender.Delivery.DONE);
        sender.afterBatch(recipient.orgId(), recipient.mailingId());
        assertThat(emailsToAna()).isEqualTo(1);
        assertThat(mailings.find(recipient.orgId(), recipient.mailingId()).orElseThrow().state()).isEqualTo("sent");
    }

    @Test
    void aPermanentRejectionIsRecordedAgainstTheContactAndCountedFailed() {
        fault(post(urlPathEqualTo(SEND_EMAIL)).willReturn(aResponse().withStatus(400)
                .withHeader("x-amzn-ErrorType", "MessageRejected").withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"Email address is on the account-level suppression list\"}")));

        assertThat(sender.deliver(recipient, 1)).isEqualTo(MailingSender.Delivery.DONE);

        assertThat(sendRequests()).isEqualTo(1);
        assertThat(records.find(recipient).orElseThrow().outcome()).isEqualTo(SendOutcome.FAILED);
        Contact ana = contacts.find(recipient.orgId(), recipient.contactId()).orElseThrow();
        assertThat(ana.sendRejection()).contains("suppression list");
        assertThat(mailings.find(recipient.orgId(), recipient.mailingId()).orElseThrow().failed()).isEqualTo(1L);
    }

    @Test
    void anAnswerLostAfterTheRequestLeftIsNeverRetriedAndEndsUnknownNotResent() {
        fault(post(urlPathEqualTo(SEND_EMAIL)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertThat(sender.deliver(recipient, 1)).isEqualTo(MailingSender.Delivery.RETRY);
        assertThat(sendRequests()).as("a send whose answer was lost may have gone: the SDK must not retry it").isEqualTo(1);
        assertThat(records.find(recipient).orElseThrow().outcome()).isEqualTo(SendOutcome.CLAIMED);

        // SES works again, but the claim is young: it may still be in flight elsewhere
        SES_FRONT.forgetTheFaults();
        assertThat(sender.deliver(recipient, 2)).isEqualTo(MailingSender.Delivery.RETRY);

        clock.advance(MailingSender.CLAIM_GRACE.plusSeconds(1));
        assertThat(sender.deliver(recipient, 3)).isEqualTo(MailingSender.Delivery.DONE);
        sender.afterBatch(recipient.orgId(), recipient.mailingId());
        assertThat(records.find(recipient).orElseThrow().outcome()).isEqualTo(SendOutcome.UNKNOWN);
        assertThat(sendRequests()).isEqualTo(1);
        assertThat(emailsToAna()).isZero();
        Mailing mailing = mailings.find(recipient.orgId(), recipient.mailingId()).orElseThrow();
        assertThat(mailing.unknown()).isEqualTo(1L);
        assertThat(mailing.state()).isEqualTo("sent");
    }

    @Test
    void sesSendEventSettlesALostAnswerAsSentAndCountsItOnce() {
        fault(post(urlPathEqualTo(SEND_EMAIL)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        assertThat(sender.deliver(recipient, 1)).isEqualTo(MailingSender.Delivery.RETRY);

        // the configuration set's Send event says SES took it after all (FeedbackFunction calls this), twice as events come
        SendOutcomes outcomes = new SendOutcomes(records, mailings, clock);
        assertThat(outcomes.sent(recipient, "0100018c-from-the-send-event")).isTrue();
        assertThat(outcomes.sent(recipient, "0100018c-from-the-send-event")).isFalse();

        SendRecord record = records.find(recipient).orElseThrow();
        assertThat(record.outcome()).isEqualTo(SendOutcome.SENT);
        assertThat(record.messageId()).isEqualTo("0100018c-from-the-send-event");
        // the redelivered message finds it settled: no second send, no second count
        clock.advance(MailingSender.CLAIM_GRACE.plusSeconds(1));
        assertThat(sender.deliver(recipient, 2)).isEqualTo(MailingSender.Delivery.DONE);
        sender.afterBatch(recipient.orgId(), recipient.mailingId());
        assertThat(sendRequests()).isEqualTo(1);
        Mailing mailing = mailings.find(recipient.orgId(), recipient.mailingId()).orElseThrow();
        assertThat(mailing.sent()).isEqualTo(1L);
        assertThat(mailing.unknown()).isZero();
        assertThat(mailing.state()).isEqualTo("sent");
    }

    /** A template saved before templates were rendered on save: its message fails before any claim, never "maybe sent". */
    @Test
    void aMessageThatCannotRenderIsNeverClaimedAndEndsFailedWithItsReason() {
        Mailing unrenderable = MailingBuilder.builder()
                .orgId(recipient.orgId())
                .mailingId(UUID.randomUUID().toString().replace("-", "").substring(0, 16))
                .state(MailingState.SENDING.code())
                .fromAddress("equipe@" + recipient.orgId() + ".example.org")
                .subject("Bonjour")
                .text("Bonjour {first_name}, de la part de {organisation.foo}")
                .recipients(1L)
                .dispatchComplete(true)
                .build();
        mailings.create(unrenderable);
        Recipient toAna = new Recipient(recipient.orgId(), unrenderable.mailingId(), recipient.contactId());

        assertThat(sender.deliver(toAna, 1)).isEqualTo(MailingSender.Delivery.DONE);
        sender.afterBatch(toAna.orgId(), toAna.mailingId());

        assertThat(sendRequests()).isZero();
        SendRecord record = records.find(toAna).orElseThrow();
        assertThat(record.outcome()).isEqualTo(SendOutcome.FAILED);
        assertThat(table.client().getItem(b -> b.tableName(table.name()).key(TurnoutTable.key(
                        org.turnout.store.Keys.sendRecords(toAna.orgId(), toAna.mailingId()), org.turnout.store.Keys.sendRecordSk(toAna.contactId()))))
                .item().get("reason").s())
                .startsWith("the message cannot be rendered: text: line 1, column ").contains("organisation.foo");
        Mailing settled = mailings.find(toAna.orgId(), toAna.mailingId()).orElseThrow();
        assertThat(settled.failed()).isEqualTo(1L);
        assertThat(settled.unknown()).isZero();
        assertThat(settled.state()).isEqualTo("sent");
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder throttled() {
        return aResponse().withStatus(429).withHeader("x-amzn-ErrorType", "TooManyRequestsException")
                .withHeader("Content-Type", "application/json").withBody("{\"message\":\"Maximum sending rate exceeded.\"}");
    }

    private static void fault(MappingBuilder mapping) {
        SES_FRONT.server().stubFor(mapping.atPriority(1));
    }

    private static int sendRequests() {
        return SES_FRONT.server().findAll(postRequestedFor(urlPathEqualTo(SEND_EMAIL))).size();
    }

    private long emailsToAna() {
        return STACK.stack().sentEmails().stream().filter(e -> e.path("destination").path("to").toString().contains(address)).count();
    }
}
