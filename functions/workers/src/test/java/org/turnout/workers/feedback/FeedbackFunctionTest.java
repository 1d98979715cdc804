package org.turnout.workers.feedback;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.turnout.contact.Contact;
import org.turnout.contact.ContactBuilder;
import org.turnout.contact.ContactRepository;
import org.turnout.contact.ContactStatus;
import org.turnout.contact.ContactIds;
import org.turnout.contact.EmailAddress;
import org.turnout.feedback.ActivityPeriod;
import org.turnout.feedback.MailingActivity;
import org.turnout.feedback.MailingCounter;
import org.turnout.local.RepositoryRoot;
import org.turnout.mailing.Mailing;
import org.turnout.mailing.MailingBuilder;
import org.turnout.mailing.MailingRepository;
import org.turnout.mailing.MailingState;
import org.turnout.organisation.OrganisationRepository;
import org.turnout.sending.Recipient;
import org.turnout.sending.SendOutcome;
import org.turnout.sending.SendRecords;
import org.turnout.store.Keys;
import org.turnout.store.TurnoutTable;
import org.turnout.suppression.SuppressionEntry;
import org.turnout.suppression.SuppressionRepository;
import org.turnout.suppression.SuppressionService;
import org.turnout.testing.LocalStackResource;
import org.turnout.workers.StaffSetup;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The SNS-wrapped SES events of events/sns-ses-*.json, as Lambda hands them over, through the
 * function's real handler against the local DynamoDB; each delivered twice, as SNS may.
 */
@QuarkusTest
@TestProfile(FeedbackFunctionTest.FeedbackHandler.class)
@QuarkusTestResource(value = LocalStackResource.class, restrictToAnnotatedClass = false)
class FeedbackFunctionTest {
    private static final ContactIds IDS = new ContactIds(LocalStackResource.CONTACT_ID_KEY);
    /** The workers package runs the handler QUARKUS_LAMBDA_HANDLER names: here FeedbackFunction's. */
    public static class FeedbackHandler implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.lambda.handler", "feedback");
        }
    }

    private static final String MAILING = "m-2026-11";

    @Inject
    ContactRepository contacts;
    @Inject
    OrganisationRepository organisations;
    @Inject
    SuppressionRepository suppressionList;
    @Inject
    SuppressionService suppressions;
    @Inject
    TurnoutTable table;
    @Inject
    MailingRepository mailings;
    @Inject
    SendRecords records;
    @Inject
    MailingActivity activity;

    @BeforeEach
    void runAsFeedbackFunction() {
        LocalStackResource.runAs("FeedbackFunction");
    }

    @Test
    void aPermanentBounceSuppressesTheContactAndCountsOnceHoweverOftenItComes() {
        String org = organisation();
        String contactId = subscribed(org, "bounce@simulator.amazonses.com");

        assertThat(invoke("bounce-permanent", org, contactId, "msg-1", null)).isEqualTo("APPLIED");
        assertThat(invoke("bounce-permanent", org, contactId, "msg-1", null)).isEqualTo("DUPLICATE");

        Contact contact = contacts.find(org, contactId).orElseThrow();
        assertThat(contact.statusValue()).isEqualTo(ContactStatus.BOUNCED);
        assertThat(contact.consentHistory()).singleElement().satisfies(change -> {
            assertThat(change.mailingId()).isEqualTo(MAILING);
            assertThat(change.reason()).isEqualTo("permanent bounce");
            assertThat(change.at()).isEqualTo(Instant.parse("2026-11-28T09:00:02Z"));
        });
        SuppressionEntry entry = suppressionList.find(org, contactId).orElseThrow();
        assertThat(entry.source()).isEqualTo("bounce");
        assertThat(entry.email()).isEqualTo("bounce@simulator.amazonses.com");
        assertThat(suppressions.isSuppressed(org, contactId)).isTrue();
        assertThat(counters(org)).containsExactly(Map.entry("bounced", "1"));
    }

    @Test
    void aComplaintSuppressesEvenAnAddressThatIsNoContact() {
        String org = organisation();
        String contactId = subscribed(org, "complaint@simulator.amazonses.com");
        assertThat(invoke("complaint", org, contactId, "msg-2", null)).isEqualTo("APPLIED");
        assertThat(invoke("complaint", org, contactId, "msg-2", null)).isEqualTo("DUPLICATE");
        assertThat(contacts.find(org, contactId).orElseThrow().statusValue()).isEqualTo(ContactStatus.COMPLAINED);
        assertThat(suppressionList.find(org, contactId).orElseThrow().source()).isEqualTo("complaint");
        assertThat(counters(org)).containsExactly(Map.entry("complained", "1"));

        String stranger = organisation();
        String strangerId = IDS.forEmail(EmailAddress.parse("complaint@simulator.amazonses.com").orElseThrow());
        assertThat(invoke("complaint", stranger, strangerId, "msg-3", null)).isEqualTo("APPLIED");
        assertThat(suppressionList.find(stranger, strangerId)).isPresent();
        assertThat(contacts.find(stranger, strangerId)).isEmpty();
    }

    @Test
    void threeTransientBouncesInARowSuppressADeliveryBetweenThemResetsTheRun() {
        String org = organisation();
        String contactId = subscribed(org, "ooto@simulator.amazonses.com");
        invoke("bounce-transient", org, contactId, "t-1", "2026-11-01T10:00:00Z");
        invoke("bounce-transient", org, contactId, "t-2", "2026-11-02T10:00:00Z");
        invoke("delivery", org, contactId, "d-3", "2026-11-03T10:00:00Z");
        invoke("bounce-transient", org, contactId, "t-4", "2026-11-04T10:00:00Z");
        invoke("bounce-transient", org, contactId, "t-5", "2026-11-05T10:00:00Z");
        invoke("bounce-transient", org, contactId, "t-5", "2026-11-05T10:00:00Z"); // the same bounce again
        // a bounce older than the last delivery, arriving late, does not count
        invoke("bounce-transient", org, contactId, "t-0", "2026-10-31T10:00:00Z");
        assertThat(contacts.find(org, contactId).orElseThrow().statusValue()).isEqualTo(ContactStatus.SUBSCRIBED);
        assertThat(suppressions.isSuppressed(org, contactId)).isFalse();

        invoke("bounce-transient", org, contactId, "t-6", "2026-11-06T10:00:00Z");
        Contact contact = contacts.find(org, contactId).orElseThrow();
        assertThat(contact.statusValue()).isEqualTo(ContactStatus.BOUNCED);
        assertThat(contact.transientBounces()).extracting(b -> b.messageId()).containsExactly("t-4", "t-5", "t-6");
        assertThat(suppressionList.find(org, contactId).orElseThrow().source()).isEqualTo("transient-bounces");
        assertThat(counters(org)).containsExactly(Map.entry("delivered", "1"));
    }

    @Test
    void deliveryOpenAndClickUpdateEngagementAndCountUniqueEvents() {
        String org = organisation();
        String contactId = subscribed(org, "success@simulator.amazonses.com");
        for (String type : new String[] {"delivery", "open", "open", "click", "delivery", "click"}) {
            invoke(type, org, contactId, "msg-4", "2026-11-28T09:00:03Z");
        }
        invoke("open", org, contactId, "msg-5", null); // another message of the same mailing, opened too

        Contact contact = contacts.find(org, contactId).orElseThrow();
        assertThat(contact.mailingsReceived()).containsExactly(MAILING);
        assertThat(contact.mailingsOpened()).containsExactly(MAILING);
        assertThat(contact.mailingsClicked()).containsExactly(MAILING);
        assertThat(contact.lastDeliveredAt()).isEqualTo(Instant.parse("2026-11-28T09:00:03Z"));
        assertThat(contact.lastOpenedAt()).isEqualTo(Instant.parse("2026-11-28T10:12:00Z"));
        assertThat(contact.lastClickedAt()).isEqualTo(Instant.parse("2026-11-28T10:13:00Z"));
        assertThat(contact.statusValue()).isEqualTo(ContactStatus.SUBSCRIBED);
        assertThat(counters(org)).containsOnly(Map.entry("delivered", "1"), Map.entry("opened", "2"), Map.entry("clicked", "1"));
    }

    @Test
    void eachCountedEventIsCountedOnceInTheTenMinutesItHappenedIn() {
        String org = organisation();
        String first = subscribed(org, "success@simulator.amazonses.com");
        String second = subscribed(org, "success+2@simulator.amazonses.com");
        String bounced = subscribed(org, "bounce@simulator.amazonses.com");
        invoke("delivery", org, first, "msg-a", "2026-11-28T09:01:00Z");
        invoke("delivery", org, second, "msg-b", "2026-11-28T09:14:59Z");
        invoke("delivery", org, second, "msg-b", "2026-11-28T09:14:59Z"); // SNS again: counted once
        invoke("open", org, first, "msg-a", null);   // 10:12
        invoke("open", org, first, "msg-a", null);
        invoke("click", org, first, "msg-a", null);  // 10:13
        invoke("bounce-permanent", org, bounced, "msg-c", null); // 09:00:02

        assertThat(activity.periods(org, MAILING)).containsExactly(
                new ActivityPeriod(Instant.parse("2026-11-28T09:00:00Z"), Map.of(MailingCounter.DELIVERED, 1L, MailingCounter.BOUNCED, 1L)),
                new ActivityPeriod(Instant.parse("2026-11-28T09:10:00Z"), Map.of(MailingCounter.DELIVERED, 1L)),
                new ActivityPeriod(Instant.parse("2026-11-28T10:10:00Z"), Map.of(MailingCounter.OPENED, 1L, MailingCounter.CLICKED, 1L)));
        // the periods add up to the mailing's own counters
        assertThat(counters(org)).containsOnly(Map.entry("delivered", "2"), Map.entry("opened", "1"), Map.entry("clicked", "1"),
                Map.entry("bounced", "1"));
        // no mailing, no period: a test email leaves nothing behind
        String noMailing = StaffSetup.newOrganisation(organisations, "fb", "Feedback");
        assertThat(invoke("delivery", noMailing, first, "msg-d", "2026-11-28T09:01:00Z")).isEqualTo("APPLIED");
        assertThat(activity.periods(noMailing, MAILING)).isEmpty();
    }

    @Test
    void sendRejectAndRenderingFailureChangeNoContactAndEventsOfOthersAreIgnored() {
        String org = organisation();
        String contactId = subscribed(org, "success@simulator.amazonses.com");
        long version = contacts.find(org, contactId).orElseThrow().version();
        assertThat(invoke("send", org, contactId, "msg-6", null)).isEqualTo("APPLIED");
        assertThat(invoke("reject", org, contactId, "msg-6", null)).isEqualTo("APPLIED");
        assertThat(invoke("rendering-failure", org, contactId, "msg-6", null)).isEqualTo("APPLIED");
        assertThat(contacts.find(org, contactId).orElseThrow().version()).isEqualTo(version);
        assertThat(counters(org)).isEmpty();

        String withoutTag = event("bounce-permanent", org, contactId, "msg-7", null).replace("turnout-org", "other-tag");
        assertThat(post(withoutTag)).isEqualTo("IGNORED");
        assertThat(contacts.find(org, contactId).orElseThrow().statusValue()).isEqualTo(ContactStatus.SUBSCRIBED);
    }

    /** The settlement reads the mailing's send records back with a Query, which FeedbackFunction's policy must grant. */
    @Test
    void aSendEventForTheLastClaimSettlesTheMailingFromItsSendRecords() {
        String org = StaffSetup.newOrganisation(organisations, "fb", "Feedback");
        String contactId = subscribed(org, "last@example.org");
        Mailing mailing = MailingBuilder.builder()
                .orgId(org)
                .mailingId(MAILING)
                .state(MailingState.SENDING.code())
                .fromAddress("equipe@example.org")
                .subject("Bonjour")
                .text("Bonjour")
                .recipients(1L)
                .dispatchComplete(true)
                .build();
        mailings.create(mailing);
        // the sender claimed the recipient, then its answer from SES was lost
        assertThat(records.claim(new Recipient(org, MAILING, contactId), System.currentTimeMillis())).isTrue();

        invoke("send", org, contactId, "msg-send-1", null);

        assertThat(records.find(new Recipient(org, MAILING, contactId)).orElseThrow().outcome()).isEqualTo(SendOutcome.SENT);
        assertThat(mailings.find(org, MAILING).orElseThrow().state()).isEqualTo(MailingState.SENT.code());
    }

    private String invoke(String eventCase, String org, String contactId, String messageId, String timestamp) {
        return post(event(eventCase, org, contactId, messageId, timestamp));
    }

    private static String post(String event) {
        return given().contentType(ContentType.JSON).body(event).post("/_lambda_").then().statusCode(200).extract().asString()
                .replace("\"", "");
    }

    private static String event(String eventCase, String org, String contactId, String messageId, String timestamp) {
        try {
            return Files.readString(RepositoryRoot.locate().path().resolve("events/sns-ses-" + eventCase + ".json"))
                    .replace("${ORG}", org).replace("${MAILING}", MAILING).replace("${CONTACT}", contactId)
                    .replace("${MESSAGE_ID}", messageId)
                    .replace("${TIMESTAMP}", timestamp == null ? "2026-11-28T09:00:03.000Z" : timestamp);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String organisation() {
        String org = StaffSetup.newOrganisation(organisations, "fb", "Feedback");
        Map<String, AttributeValue> mailing = new HashMap<>(TurnoutTable.key(Keys.organisation(org), Keys.mailingSk(MAILING)));
        mailing.put("type", AttributeValue.fromS("mailing"));
        table.client().putItem(b -> b.tableName(table.name()).item(mailing));
        return org;
    }

    private String subscribed(String org, String email) {
        EmailAddress address = EmailAddress.parse(email).orElseThrow();
        Contact contact = ContactBuilder.builder()
                .orgId(org)
                .contactId(IDS.forEmail(address))
                .email(address.value())
                .status(ContactStatus.SUBSCRIBED.code())
                .build();
        assertThat(contacts.createIfAbsent(contact)).isPresent();
        return IDS.forEmail(address);
    }

    /** The counters on the mailing item (its other attributes left out). */
    private Map<String, String> counters(String org) {
        Map<String, AttributeValue> item = table.client().getItem(b -> b.tableName(table.name())
                .key(TurnoutTable.key(Keys.organisation(org), Keys.mailingSk(MAILING))).consistentRead(true)).item();
        Map<String, String> counters = new HashMap<>();
        item.forEach((name, value) -> {
            if (value.n() != null) {
                counters.put(name, value.n());
            }
        });
        return counters;
    }
}
