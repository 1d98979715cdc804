package org.turnout.workers.sending;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;
import org.turnout.aws.AwsClients;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * A message to try again comes back sooner than the queue's visibility timeout (sized for a whole
 * batch), later with each try: 15 s, 30 s, ... up to 5 minutes.
 */
@ApplicationScoped
public class RetryDelay {
    private static final Logger LOG = Logger.getLogger(RetryDelay.class);
    private static final int MAX_SECONDS = 300;

    private final SqsClient sqs;
    private final Map<String, String> queueUrls = new ConcurrentHashMap<>();

    public RetryDelay(AwsClients clients) {
        this.sqs = clients.sqs();
    }

    void delay(SqsEvent.Message message) {
        try {
            int seconds = Math.min(MAX_SECONDS, 15 * (1 << Math.min(5, message.receiveCount() - 1)));
            String queueUrl = queueUrls.computeIfAbsent(message.eventSourceARN(), this::queueUrl);
            sqs.changeMessageVisibility(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle()).visibilityTimeout(seconds));
        } catch (SdkException | IllegalArgumentException e) {
            // the queue's own visibility timeout brings it back anyway
            LOG.debugf("could not shorten the retry delay of %s: %s", message.messageId(), e.getMessage());
        }
    }

    /** arn:aws:sqs:region:account:name -> its URL. */
    private String queueUrl(String arn) {
        String[] parts = arn == null ? new String[0] : arn.split(":");
        if (parts.length != 6) {
            throw new IllegalArgumentException("not a queue ARN: " + arn);
        }
        return sqs.getQueueUrl(r -> r.queueName(parts[5]).queueOwnerAWSAccountId(parts[4])).queueUrl();
    }
}
