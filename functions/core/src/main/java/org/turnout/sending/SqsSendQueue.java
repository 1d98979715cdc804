package org.turnout.sending;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.turnout.aws.AwsClients;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * The send queue on SQS: one message per recipient, so that SendFunction's partial batch failures
 * name exactly the recipients to try again. Sent ten at a time (SendMessageBatch's limit).
 */
@Singleton
public record SqsSendQueue(SqsClient sqs, String queueUrl) implements SendQueue {
    private static final int BATCH = 10;
    private static final int ATTEMPTS = 5;

    @Inject
    public SqsSendQueue(AwsClients clients, SendingSettings settings) {
        this(clients.sqs(), settings.queueUrl());
    }

    @Override
    public void enqueue(List<Recipient> recipients) {
        for (int from = 0; from < recipients.size(); from += BATCH) {
            sendBatch(recipients.subList(from, Math.min(recipients.size(), from + BATCH)));
        }
    }

    /** Entries SQS could not take are sent again; what still fails throws, and the dispatch resumes from its cursor. */
    private void sendBatch(List<Recipient> batch) {
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i)).messageBody(SendQueue.body(batch.get(i))).build());
        }
        for (int attempt = 1; ; attempt++) {
            List<SendMessageBatchRequestEntry> pending = entries;
            SendMessageBatchResponse response = sqs.sendMessageBatch(r -> r.queueUrl(queueUrl).entries(pending));
            if (response.failed().isEmpty()) {
                return;
            }
            if (attempt == ATTEMPTS || response.failed().stream().anyMatch(BatchResultErrorEntry::senderFault)) {
                throw new IllegalStateException("the send queue refused " + response.failed().size() + " messages: "
                        + response.failed().stream().map(BatchResultErrorEntry::message).distinct().collect(Collectors.joining("; ")));
            }
            List<String> failedIds = response.failed().stream().map(BatchResultErrorEntry::id).toList();
            entries = pending.stream().filter(entry -> failedIds.contains(entry.id())).toList();
            sleep(100L << attempt);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while enqueueing", e);
        }
    }
}
