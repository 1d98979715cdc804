package org.turnout.workers.sending;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.turnout.contact.ContactStatus;
import org.turnout.local.scheduler.LocalScheduler;
import org.turnout.local.scheduler.Schedule;
import org.turnout.mailing.DispatchRequest;
import org.turnout.mailing.MailingView;
import org.turnout.sending.MailingReconciler;
import org.turnout.testing.LocalStackResource;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * ReconcileFunction's handler fired by the template's rate schedule through the local Scheduler (the schedule's
 * role authorised as in AWS), running with ReconcileFunction's own credentials, against recipients that the real
 * send queue's redrive policy moved to its dead-letter queue.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackResource.class, restrictToAnnotatedClass = false)
class ReconcileFunctionTest extends SendingFunctionTest {

    @Inject
    ReconcileMailingsHandler reconcile;

    private final List<MailingReconciler.Report> reports = new ArrayList<>();

    @BeforeEach
    void reconcileWhenTheScheduleFires() {
        LocalStackResource.runAs("ApiFunction");
        // the Scheduler's Lambda target: ReconcileFunction's handler, with that function's credentials
        LocalStackResource.scheduler.deliverTo((targetArn, input) -> {
            assertThat(targetArn).endsWith(":function:turnout-local-reconcile");
            Map<String, Object> event = readEvent(input);
            reports.add(LocalStackResource.as("ReconcileFunction",
                    () -> reconcile.handleRequest(event, InvocationContext.withBudget("reconcile", 240_000))));
            return UUID.randomUUID().toString();
        });
    }

    @AfterEach
    void scheduleTargetsAsBefore() {
        LocalStackResource.scheduler.deliverTo((targetArn, input) -> UUID.randomUUID().toString());
    }

    @Test
    void recipientsShedIntoTheDeadLetterQueueGoBackOnTheQueueWhenTheScheduleFiresAndTheMailingIsSent() throws Exception {
        String org = fixtures.organisation("reconcile", 50);
        fixtures.contact(org, "ana@example.org", "Ana", ContactStatus.SUBSCRIBED, "benevole");
        fixtures.contact(org, "bruno@example.org", "Bruno", ContactStatus.SUBSCRIBED, "benevole");
        String mailingId = fixtures.dueMailing(org, "Nouvelles pour {first_name ?: 'vous'}", "<p>{first_name}</p>");
        DispatchRequest due = new DispatchRequest(org, mailingId, mailings.find(org, mailingId).orElseThrow().sendAt());
        dispatchAsItsFunction(due, InvocationContext.withBudget("dispatch", 60_000));

        // SendFunction never settles them: each receive spends one, until SQS's redrive moves them to the dead letters
        List<Message> shed = shedIntoDeadLetters(org);
        assertThat(shed).hasSize(2);
        assertThat(messagesOf(org, queueUrl)).isEmpty();

        LocalScheduler.Delivery fired = LocalStackResource.scheduler.fireNow(reconcileSchedule().groupName(), reconcileSchedule().name());
        assertThat(fired.succeeded()).as(fired.errorMessage()).isTrue();
        assertThat(reports).singleElement().satisfies(report -> assertThat(report.redriven()).isGreaterThanOrEqualTo(2));
        assertThat(messagesOf(org, deadLettersUrl)).isEmpty();

        // back on the send queue, SendFunction sends them: once each, the mailing sent with its exact counts
        List<Message> back = messagesOf(org, queueUrl);
        assertThat(back).hasSize(2);
        assertThat(sendAsItsFunction(event(back), InvocationContext.withBudget("send", 60_000)).batchItemFailures()).isEmpty();
        MailingView view = mailingService.get(org, mailingId);
        assertThat(view.state()).isEqualTo("sent");
        assertThat(view.counts()).isEqualTo(new MailingView.Counts(2, 2, 0, 0, 0));
        assertThat(LocalStackResource.stack.sentEmails().stream()
                .filter(email -> email.path("from").asText().contains("@" + org + ".example.org"))).hasSize(2);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> readEvent(byte[] input) {
        try {
            return JSON.readValue(input, Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The template's ReconcileSchedule, as the local Scheduler holds it. */
    private static Schedule reconcileSchedule() {
        String name = LocalStackResource.stack.resources().physicalName("ReconcileSchedule");
        return LocalStackResource.scheduler.schedules().stream().filter(schedule -> schedule.name().equals(name)).findFirst().orElseThrow();
    }

    /**
     * Receives the queue's messages again and again, making them visible at once, as a SendFunction that fails them
     * would; the queue's own redrive policy moves each to the dead-letter queue once received maxReceiveCount times.
     */
    private List<Message> shedIntoDeadLetters(String org) {
        SqsClient sqs = LocalStackResource.stack.clients().sqs();
        List<Message> shed = List.of();
        for (int round = 0; round < 60 && shed.size() < 2; round++) {
            sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).visibilityTimeout(0).waitTimeSeconds(1));
            shed = peek(org, deadLettersUrl);
        }
        return shed;
    }

    /** The organisation's messages on the queue, left there (made visible again at once). */
    private static List<Message> peek(String org, String url) {
        SqsClient sqs = LocalStackResource.stack.clients().sqs();
        List<Message> mine = new ArrayList<>();
        List<Message> page = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).visibilityTimeout(0).waitTimeSeconds(0)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
        page.stream().filter(m -> m.body().contains("\"" + org + "\"")).forEach(mine::add);
        return mine;
    }

    /** The organisation's messages on the queue, taken off it. */
    private static List<Message> messagesOf(String org, String url) {
        SqsClient sqs = LocalStackResource.stack.clients().sqs();
        List<Message> mine = new ArrayList<>();
        for (int empty = 0; empty < 2; ) {
            List<Message> batch = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1).visibilityTimeout(30)
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
            if (batch.isEmpty()) {
                empty++;
            }
            for (Message message : batch) {
                if (message.body().contains("\"" + org + "\"")) {
                    mine.add(message);
                    sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(message.receiptHandle()));
                } else {
                    sqs.changeMessageVisibility(r -> r.queueUrl(url).receiptHandle(message.receiptHandle()).visibilityTimeout(0));
                }
            }
        }
        return mine;
    }

}
