package org.turnout.workers.sending;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.turnout.contact.Contact;
import org.turnout.contact.ContactRepository;
import org.turnout.contact.ContactStatus;
import org.turnout.local.RepositoryRoot;
import org.turnout.mailing.DispatchRequest;
import org.turnout.mailing.MailingView;
import org.turnout.sending.SendRecords;
import org.turnout.sending.Recipient;
import org.turnout.sending.SendQueue;
import org.turnout.store.Keys;
import org.turnout.testing.LocalStackResource;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * A mailing through DispatchFunction's and SendFunction's real handlers, the real send queue
 * (ElasticMQ), DynamoDB and SES emulators: the events are the ones the Scheduler and SQS send.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackResource.class, restrictToAnnotatedClass = false)
class MailingDeliveryTest extends SendingFunctionTest {

    @Inject
    ObjectMapper json;
    @Inject
    ContactRepository contacts;
    @Inject
    SendRecords records;

    /** The setup goes through the API's services, as ApiFunction: the mailing, its segment, its schedule. */
    @BeforeEach
    void runAsApiFunction() {
        LocalStackResource.runAs("ApiFunction");
    }

    @Test
    void aDueMailingReachesEachMemberOncePersonalisedWithUnsubscribeHeaders() throws Exception {
        String org = fixtures.organisation("mail", 50);
        fixtures.contact(org, "ana@example.org", "Ana", ContactStatus.SUBSCRIBED, "benevole");
        fixtures.contact(org, "bruno@example.org", null, ContactStatus.SUBSCRIBED, "benevole");
        fixtures.contact(org, "chloe@example.org", "Chloé", ContactStatus.SUBSCRIBED, "donateur");
        fixtures.contact(org, "dan@example.org", "Dan", ContactStatus.UNSUBSCRIBED, "benevole");
        String mailingId = fixtures.dueMailing(org, "Nouvelles pour {first_name ?: 'vous'}", "<p>Bonjour {first_name ?: 'ami'} <b>!</b></p>");

        // the Target.Input of the mailing's schedule, as the Scheduler hands it to DispatchFunction
        DispatchRequest due = json.readValue(Files.readString(RepositoryRoot.locate().path().resolve("events/scheduler-dispatch.json"))
                .replace("${ORG}", org).replace("${MAILING}", mailingId)
                .replace("${SEND_AT}", mailings.find(org, mailingId).orElseThrow().sendAt().toString()), DispatchRequest.class);
        assertThat(dispatchAsItsFunction(due, InvocationContext.withBudget("dispatch", 60_000))).endsWith("DISPATCHED");
        // the schedule fires again (at least once delivery): nothing more is enqueued
        assertThat(dispatchAsItsFunction(due, InvocationContext.withBudget("dispatch", 60_000))).endsWith("NOTHING");
        assertThat(mailings.find(org, mailingId).orElseThrow().recipients()).isEqualTo(2L);

        List<Message> messages = receiveAll(org);
        assertThat(messages).hasSize(2);
        SqsEvent.BatchResponse response = sendAsItsFunction(event(messages), InvocationContext.withBudget("send", 60_000));
        assertThat(response.batchItemFailures()).isEmpty();
        // SQS delivered the batch again: no one gets it twice
        sendAsItsFunction(event(messages), InvocationContext.withBudget("send", 60_000));

        List<JsonNode> sent = sentTo(org);
        assertThat(sent).hasSize(2);
        JsonNode toAna = sent.stream().filter(e -> e.path("destination").path("to").get(0).asText().equals("ana@example.org")).findFirst().orElseThrow();
        assertThat(toAna.path("subject").asText()).isEqualTo("Nouvelles pour Ana");
        assertThat(toAna.path("body").path("html").asText()).isEqualTo("<p>Bonjour Ana <b>!</b></p>");
        assertThat(header(toAna, "List-Unsubscribe")).matches("<http://localhost:8081/v1/unsubscribe/[A-Za-z0-9._-]+>");
        assertThat(header(toAna, "List-Unsubscribe-Post")).isEqualTo("List-Unsubscribe=One-Click");
        JsonNode toBruno = sent.stream().filter(e -> e.path("destination").path("to").get(0).asText().equals("bruno@example.org")).findFirst().orElseThrow();
        assertThat(toBruno.path("body").path("html").asText()).isEqualTo("<p>Bonjour ami <b>!</b></p>");

        MailingView view = mailingService.get(org, mailingId);
        assertThat(view.state()).isEqualTo("sent");
        assertThat(view.counts()).isEqualTo(new MailingView.Counts(2, 2, 0, 0, 0));
    }

    @Test
    void aContactSuppressedSinceDispatchIsSkippedAndAClaimWithoutAnswerIsMarkedUnknownNotResent() throws Exception {
        String org = fixtures.organisation("mail", 50);
        Contact ana = fixtures.contact(org, "ana@example.org", "Ana", ContactStatus.SUBSCRIBED, "benevole");
        Contact bruno = fixtures.contact(org, "bruno@example.org", "Bruno", ContactStatus.SUBSCRIBED, "benevole");
        Contact chloe = fixtures.contact(org, "chloe@example.org", "Chloé", ContactStatus.SUBSCRIBED, "benevole");
        String mailingId = fixtures.dueMailing(org, "Nouvelles pour {first_name ?: 'vous'}", "<p>{first_name}</p>");
        dispatchAsItsFunction(new DispatchRequest(org, mailingId, mailings.find(org, mailingId).orElseThrow().sendAt()),
                InvocationContext.withBudget("dispatch", 60_000));
        List<Message> messages = receiveAll(org);
        assertThat(messages).hasSize(3);

        // Ana unsubscribes after the dispatch; a sender claimed Bruno and died before SES answered, long ago
        contacts.modify(org, ana.contactId(), c -> Optional.of(c.with().status(ContactStatus.UNSUBSCRIBED.code()).build()));
        Recipient toBruno = new Recipient(org, mailingId, bruno.contactId());
        records.claim(toBruno, Instant.now().minus(10, ChronoUnit.MINUTES).toEpochMilli());

        sendAsItsFunction(event(messages), InvocationContext.withBudget("send", 60_000));

        assertThat(sentTo(org)).extracting(e -> e.path("destination").path("to").get(0).asText()).containsExactly(chloe.email());
        MailingView view = mailingService.get(org, mailingId);
        assertThat(view.counts()).isEqualTo(new MailingView.Counts(3, 1, 0, 1, 1));
        assertThat(view.state()).isEqualTo("sent");
    }

    @Test
    void aPausedMailingHoldsItsRecipientsUntilItResumes() throws Exception {
        String org = fixtures.organisation("mail", 50);
        fixtures.contact(org, "ana@example.org", "Ana", ContactStatus.SUBSCRIBED, "benevole");
        fixtures.contact(org, "bruno@example.org", "Bruno", ContactStatus.SUBSCRIBED, "benevole");
        String mailingId = fixtures.dueMailing(org, "Nouvelles pour {first_name ?: 'vous'}", "<p>{first_name}</p>");
        Instant sendAt = mailings.find(org, mailingId).orElseThrow().sendAt();
        dispatchAsItsFunction(new DispatchRequest(org, mailingId, sendAt), InvocationContext.withBudget("dispatch", 60_000));
        mailingService.pause(org, mailingId);
        Thread.sleep(2_100); // senders trust a mailing's state for two seconds

        sendAsItsFunction(event(receiveAll(org)), InvocationContext.withBudget("send", 60_000));
        assertThat(sentTo(org)).isEmpty();
        assertThat(mailingService.get(org, mailingId).state()).isEqualTo("paused");

        mailingService.resume(org, mailingId);
        assertThat(dispatchAsItsFunction(new DispatchRequest(org, mailingId, sendAt), InvocationContext.withBudget("dispatch", 60_000)))
                .endsWith("NOTHING"); // dispatch was complete: only the held recipients went back on the queue
        List<Message> requeued = receiveAll(org);
        assertThat(requeued).hasSize(2);
        Thread.sleep(2_100);
        sendAsItsFunction(event(requeued), InvocationContext.withBudget("send", 60_000));
        assertThat(sentTo(org)).hasSize(2);
        assertThat(mailingService.get(org, mailingId).state()).isEqualTo("sent");
    }

    @Test
    void aDispatchThatDiedPartWayContinuesFromItsCursorsWithoutCountingAnyoneTwice() throws Exception {
        String org = fixtures.organisation("mail", 50);
        List<Contact> members = new ArrayList<>();
        for (String name : List.of("ana", "bruno", "chloe", "dan", "eve", "farid", "gael", "hana")) {
            members.add(fixtures.contact(org, name + "@example.org", name, ContactStatus.SUBSCRIBED, "benevole"));
        }
        String mailingId = fixtures.dueMailing(org, "Nouvelles pour {first_name ?: 'vous'}", "<p>{first_name}</p>");
        Instant sendAt = mailings.find(org, mailingId).orElseThrow().sendAt();
        // the dead dispatch had moved the mailing to sending and finished Ana's shard, enqueueing those in it
        mailings.startSending(org, mailingId, Instant.now());
        mailings.beginDispatch(org, mailingId, Instant.now());
        // its lease ran out when it died
        mailings.leaseDispatch(org, mailingId, "dead-dispatch", Instant.now().toEpochMilli(), Instant.now().toEpochMilli());
        int doneShard = Integer.parseInt(members.get(0).contactId().substring(0, 2), 16) % Keys.CONTACT_SHARDS;
        List<Contact> inDoneShard = members.stream()
                .filter(c -> Integer.parseInt(c.contactId().substring(0, 2), 16) % Keys.CONTACT_SHARDS == doneShard).toList();
        assertThat(mailings.advanceCursor(org, mailingId, "dead-dispatch", doneShard, "#done", inDoneShard.size())).isTrue();

        assertThat(dispatchAsItsFunction(new DispatchRequest(org, mailingId, sendAt), InvocationContext.withBudget("dispatch", 60_000)))
                .endsWith("DISPATCHED");

        List<String> enqueued = receiveAll(org).stream().map(m -> SendQueue.parse(m.body()).contactId()).toList();
        assertThat(enqueued).hasSize(members.size() - inDoneShard.size())
                .doesNotContainAnyElementsOf(inDoneShard.stream().map(Contact::contactId).toList());
        assertThat(mailings.find(org, mailingId).orElseThrow().recipients()).isEqualTo((long) members.size());
    }

    /** Every message of this organisation on the send queue, as SQS hands them out. */
    private List<Message> receiveAll(String org) {
        List<Message> mine = new ArrayList<>();
        for (int empty = 0; empty < 2; ) {
            List<Message> batch = LocalStackResource.stack.clients().sqs().receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
            if (batch.isEmpty()) {
                empty++;
            }
            for (Message message : batch) {
                if (message.body().contains("\"" + org + "\"")) {
                    mine.add(message);
                    LocalStackResource.stack.clients().sqs().deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
                }
            }
        }
        return mine;
    }

    private static List<JsonNode> sentTo(String org) {
        return LocalStackResource.stack.sentEmails().stream()
                .filter(email -> email.path("from").asText().contains("@" + org + ".example.org")).toList();
    }

    private static String header(JsonNode email, String name) {
        return StreamSupport.stream(email.path("headers").spliterator(), false)
                .filter(h -> h.path("name").asText().equals(name)).map(h -> h.path("value").asText()).findFirst().orElse(null);
    }
}
