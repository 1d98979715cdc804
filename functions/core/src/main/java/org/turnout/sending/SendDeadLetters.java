package org.turnout.sending;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.turnout.aws.AwsClients;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The send queue's dead-letter queue, where a recipient lands after {@code maxReceiveCount}
 * receives without an outcome (an SES outage, a crash loop). Redriving them is safe: the send
 * record's claim lets no one be sent a mailing twice, so a recipient already settled is only
 * counted, and one never claimed is sent.
 */
@Singleton
public record SendDeadLetters(SqsClient sqs, SendQueue queue, String deadLettersUrl, Clock clock) {
    private static final Logger LOG = Logger.getLogger(SendDeadLetters.class);
    private static final int SQS_MAX_MESSAGES = 10;
    /** Long enough for one page's round trip; a message that cannot be redriven comes back after it. */
    private static final int VISIBILITY_SECONDS = 60;

    /** A mailing, as the redrive counts its recipients. */
    public record MailingKey(String orgId, String mailingId) {
    }

    @Inject
    public SendDeadLetters(AwsClients clients, SendQueue queue, SendingSettings settings, Clock clock) {
        this(clients.sqs(), queue, settings.deadLettersUrl(), clock);
    }

    /**
     * Moves the dead letters back onto the send queue until none is left, {@code limit} are moved or
     * the deadline comes: enqueued first, deleted after, so a crash between leaves a duplicate, which
     * the claim absorbs, and never loses one. A message that is not a recipient stays where it is.
     *
     * @return how many recipients of each mailing went back
     */
    public Map<MailingKey, Long> redrive(int limit, Instant deadline) {
        Map<MailingKey, Long> moved = new HashMap<>();
        int total = 0;
        int unreadable = 0;
        while (total + unreadable < limit && clock.instant().isBefore(deadline)) {
            List<Message> page = sqs.receiveMessage(r -> r.queueUrl(deadLettersUrl).maxNumberOfMessages(SQS_MAX_MESSAGES)
                    .visibilityTimeout(VISIBILITY_SECONDS).waitTimeSeconds(0)).messages();
            if (page.isEmpty()) {
                break;
            }
            List<Recipient> recipients = new ArrayList<>();
            List<DeleteMessageBatchRequestEntry> done = new ArrayList<>();
            for (Message message : page) {
                Recipient recipient;
                try {
                    recipient = SendQueue.parse(message.body());
                } catch (IllegalArgumentException e) {
                    unreadable++;
                    continue;
                }
                recipients.add(recipient);
                done.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(done.size())).receiptHandle(message.receiptHandle()).build());
                moved.merge(new MailingKey(recipient.orgId(), recipient.mailingId()), 1L, Long::sum);
            }
            if (recipients.isEmpty()) {
                continue; // unreadable ones stay out of view a while: the next page holds others
            }
            queue.enqueue(recipients);
            sqs.deleteMessageBatch(r -> r.queueUrl(deadLettersUrl).entries(done));
            total += recipients.size();
        }
        if (total > 0 || unreadable > 0) {
            LOG.infof("%d recipients went back from the send dead-letter queue to the send queue; %d messages there are not recipients and stay",
                    total, unreadable);
        }
        return moved;
    }
}
