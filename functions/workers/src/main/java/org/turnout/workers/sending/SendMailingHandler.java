package org.turnout.workers.sending;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.turnout.security.LogSafe;
import org.turnout.sending.SendBatch;
import org.turnout.sending.SendingSettings;
import org.turnout.sending.SendQueue;

/**
 * SendFunction: one recipient per queue message, several sent at once ({@link SendBatch}). Messages
 * to try again are reported as batch item failures (and come back after a delay that grows with each
 * try); the others are done.
 *
 * <p>Waiting for the sending rate is no failure, and spends no receive: the batch is held within
 * the invocation's time while each recipient waits for its turn, and the recipients whose turn has
 * not come when the time runs short go back on the queue as new messages, the ones received being
 * done. A failure would count a receive toward the queue's {@code maxReceiveCount} (SQS never resets
 * {@code ApproximateReceiveCount}, whatever the visibility), and at a low rate a recipient would wait
 * through more than that many turns and be shed into the dead-letter queue unsent. Handing back twice
 * (a crash after the new message went) only makes a duplicate, which the send claim absorbs.
 */
@Named("send")
public record SendMailingHandler(SendBatch batch, RetryDelay retryDelay, Duration maxWait) implements RequestHandler<SqsEvent, SqsEvent.BatchResponse> {
    private static final Logger LOG = Logger.getLogger(SendMailingHandler.class);

    /** On top of the longest rate wait: the sends in flight, the hand-back of the rest and the answer to Lambda. */
    private static final Duration ANSWER_MARGIN = Duration.ofSeconds(10);

    @Inject
    public SendMailingHandler(SendBatch batch, RetryDelay retryDelay, SendingSettings settings) {
        this(batch, retryDelay, settings.sendMaxWait());
    }

    @Override
    public SqsEvent.BatchResponse handleRequest(SqsEvent event, Context context) {
        List<SqsEvent.ItemFailure> failures = new ArrayList<>();
        Map<String, SqsEvent.Message> received = new LinkedHashMap<>();
        List<SendBatch.Attempt> attempts = new ArrayList<>();
        for (SqsEvent.Message message : event.records() == null ? List.<SqsEvent.Message>of() : event.records()) {
            try {
                attempts.add(new SendBatch.Attempt(message.messageId(), SendQueue.parse(message.body()), message.receiveCount()));
                received.put(message.messageId(), message);
            } catch (IllegalArgumentException e) {
                // never valid: left on the queue, it ends in the dead-letter queue, where it can be read
                LOG.errorf("message %s is not a recipient: %s", message.messageId(), LogSafe.quote(e.getMessage()));
                failures.add(new SqsEvent.ItemFailure(message.messageId()));
            }
        }
        Duration holdMargin = maxWait.plus(ANSWER_MARGIN);
        SendBatch.Result result = batch.deliver(attempts, () -> context.getRemainingTimeInMillis() >= holdMargin.toMillis());
        for (String id : result.retryLater()) {
            failures.add(new SqsEvent.ItemFailure(id));
            retryDelay.delay(received.get(id));
        }
        result.failed().forEach(id -> failures.add(new SqsEvent.ItemFailure(id)));
        return new SqsEvent.BatchResponse(failures);
    }
}
