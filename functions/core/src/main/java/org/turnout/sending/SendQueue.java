package org.turnout.sending;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.turnout.aws.AwsClients;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * The SQS send queue: one message per recipient, so that SendFunction's partial batch failures
 * name exactly the recipients to try again. Sent ten at a time (SendMessageBatch's limit).
 */
@ApplicationScoped
public class SendQueue {
    private static final int BATCH = 10;
    private static final int ATTEMPTS = 5;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SqsClient sqs;
    private final String queueUrl;

    @Inject
    public SendQueue(AwsClients clients, SendingSettings settings) {
        this(clients, settings.queueUrl());
    }

    public SendQueue(AwsClients clients, String queueUrl) {
        this.sqs = clients.sqs();
        this.queueUrl = queueUrl;
    }

    public void enqueue(List<Recipient> recipients) {
        for (int from = 0; from < recipients.size(); from += BATCH) {
            sendBatch(recipients.subList(from, Math.min(recipients.size(), from + BATCH)));
        }
    }

    /** Entries SQS could not take are sent again; what still fails throws, and the dispatch resumes from its cursor. */
    private void sendBatch(List<Recipient> batch) {
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i)).messageBody(body(batch.get(i))).build());
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

    public static String body(Recipient recipient) {
        try {
            return JSON.writeValueAsString(recipient);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Recipient parse(String body) {
        try {
            return JSON.readValue(body, Recipient.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a recipient: " + e.getOriginalMessage(), e);
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
