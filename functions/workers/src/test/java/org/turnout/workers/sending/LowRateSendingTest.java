package org.turnout.workers.sending;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.turnout.contact.ContactStatus;
import org.turnout.local.CloudFormationTemplate;
import org.turnout.local.RepositoryRoot;
import org.turnout.local.lambda.FunctionInvoker;
import org.turnout.local.sqs.SqsEventSource;
import org.turnout.local.sqs.SqsEventSourceMapping;
import org.turnout.mailing.DispatchRequest;
import org.turnout.mailing.MailingView;
import org.turnout.sending.SendQueue;
import org.turnout.testing.LocalStackResource;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Nothing is shed at a low rate. SendFunction's handler runs behind the local runner's SQS event source mapping (the
 * one {@code infra/local/run} uses: batches of template.yaml's size, deletes what is done, leaves what is reported
 * failed) on the real send queue, whose redrive policy moves a message received more than {@code maxReceiveCount}
 * times to the dead-letter queue.
 *
 * <p>The issue's case is an organisation at one email a second and 2,000 recipients: 33 minutes, too long for the
 * suite. What shed them was the ratio of turns to receives: a recipient waits through (recipients ahead of it) /
 * (sends per receive) receives, each of which the old handler failed, so any mailing whose recipients wait through
 * more than {@code maxReceiveCount} receives lost its tail to the dead-letter queue, whatever its size in absolute
 * terms. This test keeps that ratio and shrinks the clock: the handler here sends one a second (the organisation's
 * 4 a second shared by the template's 4 SendFunction instances), two invocations at once share that rate (as two
 * instances at half of it would), and each invocation has just over the handler's holding margin, room for a turn
 * or so out of its batch of ten; 40 recipients then wait through more than {@code maxReceiveCount} receives at the
 * end of the queue, in about a minute. The receives are counted per recipient (on the new messages a waiting
 * recipient goes back as): the old handler failed all but the last of each, and every recipient counted above
 * {@code maxReceiveCount} is one it would have shed.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackResource.class, restrictToAnnotatedClass = false)
class LowRateSendingTest extends SendingFunctionTest {
    private static final int RECIPIENTS = 40;

    @ConfigProperty(name = "turnout.send-max-wait", defaultValue = "PT20S")
    Duration maxWait;

    /** Receives per recipient of this test's organisation, as the event source hands them to the function. */
    private final Map<String, Integer> receives = new ConcurrentHashMap<>();
    private volatile String org;

    @Test
    void aOneEmailASecondMailingSendsToEveryoneAndShedsNoOneIntoTheDeadLetterQueue() throws Exception {
        // shared by the template's four SendFunction instances: one a second for this one
        org = fixtures.organisation("low-rate", 4);
        for (int i = 0; i < RECIPIENTS; i++) {
            fixtures.contact(org, "personne" + i + "@" + org + ".example.org", null, ContactStatus.SUBSCRIBED, "benevole");
        }
        String mailingId = fixtures.dueMailing(org, "Nouvelles", "<p>Bonjour {first_name ?: 'ami'}</p>");
        DispatchRequest due = new DispatchRequest(org, mailingId, mailings.find(org, mailingId).orElseThrow().sendAt());
        assertThat(dispatchAsItsFunction(due, InvocationContext.withBudget("dispatch", 120_000))).endsWith("DISPATCHED");
        int maxReceiveCount = JSON.readTree(LocalStackResource.stack.clients().sqs().getQueueAttributes(r -> r.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.REDRIVE_POLICY)).attributes().get(QueueAttributeName.REDRIVE_POLICY)).path("maxReceiveCount").asInt();
        assertThat(maxReceiveCount).isEqualTo(10);

        // the handler holds a batch while it has more than the longest rate wait and a send left: this much more
        Duration invocation = maxWait.plusSeconds(11);
        LocalStackResource.runAs("SendFunction");
        SqsEventSourceMapping mapping = sendQueueMapping(invocation).start();
        try {
            Instant giveUp = Instant.now().plus(Duration.ofMinutes(5));
            while (!mailingService.get(org, mailingId).state().equals("sent") && Instant.now().isBefore(giveUp)) {
                Thread.sleep(1_000);
            }
        } finally {
            mapping.close();
            // the queue is the next tests' too: no poll of this mapping may hold their messages
            assertThat(mapping.awaitStopped(Duration.ofSeconds(60))).isTrue();
            LocalStackResource.runAs("ApiFunction");
        }

        MailingView view = mailingService.get(org, mailingId);
        assertThat(view.counts()).isEqualTo(new MailingView.Counts(RECIPIENTS, RECIPIENTS, 0, 0, 0));
        assertThat(view.state()).isEqualTo("sent");
        assertThat(LocalStackResource.stack.sentEmails().stream().filter(e -> e.path("from").asText().contains("@" + org + ".example.org")))
                .hasSize(RECIPIENTS);
        assertThat(deadLettersOf(org)).isEmpty();
        // what the old handler would have shed: recipients received more than maxReceiveCount times before their turn
        long wouldHaveBeenShed = receives.values().stream().filter(count -> count > maxReceiveCount).count();
        System.out.printf("receives per recipient: most %d, %d recipients above maxReceiveCount %d%n",
                receives.values().stream().mapToInt(Integer::intValue).max().orElse(0), wouldHaveBeenShed, maxReceiveCount);
        assertThat(receives).hasSize(RECIPIENTS);
        assertThat(wouldHaveBeenShed).isPositive();
    }

    /** The local runner's event source mapping of SendFunction, invoking its handler here, two batches at once. */
    private SqsEventSourceMapping sendQueueMapping(Duration invocation) {
        SqsEventSource source = SqsEventSource.fromTemplate(CloudFormationTemplate.load(RepositoryRoot.locate().template()),
                        LocalStackResource.stack.resources(), Map.of())
                .stream().filter(s -> s.functionLogicalId().equals("SendFunction")).findFirst().orElseThrow();
        FunctionInvoker handler = (event, timeout) -> CompletableFuture.completedFuture(invoke(event, timeout));
        return new SqsEventSourceMapping(LocalStackResource.stack.clients().sqs(), source, queueUrl, handler, invocation, 2,
                "eu-west-3", line -> { });
    }

    private byte[] invoke(byte[] event, Duration timeout) {
        try {
            SqsEvent batch = JSON.readValue(event, SqsEvent.class);
            for (SqsEvent.Message message : batch.records()) {
                if (message.body().contains("\"" + org + "\"")) {
                    receives.merge(SendQueue.parse(message.body()).contactId(), 1, Integer::sum);
                }
            }
            return JSON.writeValueAsBytes(send.handleRequest(batch, InvocationContext.withBudget("send", timeout.toMillis())));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The organisation's messages in the dead-letter queue, left there. */
    private List<String> deadLettersOf(String org) {
        Set<String> mine = new java.util.HashSet<>();
        for (int look = 0; look < 3; look++) {
            LocalStackResource.stack.clients().sqs().receiveMessage(r -> r.queueUrl(deadLettersUrl)
                            .maxNumberOfMessages(10).waitTimeSeconds(1).visibilityTimeout(0)).messages().stream()
                    .filter(m -> m.body().contains("\"" + org + "\"")).map(Message::messageId).forEach(mine::add);
        }
        return List.copyOf(mine);
    }
}
