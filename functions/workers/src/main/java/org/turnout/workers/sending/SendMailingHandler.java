package org.turnout.workers.sending;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import jakarta.inject.Named;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.turnout.security.LogSafe;
import org.turnout.sending.MailingSender;
import org.turnout.sending.Recipient;
import org.turnout.sending.SendQueue;

/**
 * SendFunction: one recipient per queue message. Messages to try again are reported as batch
 * item failures (and come back after a delay that grows with each try); the others are done.
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
public class SendMailingHandler implements RequestHandler<SqsEvent, SqsEvent.BatchResponse> {
    private static final Logger LOG = Logger.getLogger(SendMailingHandler.class);

    /** On top of the longest rate wait: one send, the hand-back of the rest and the answer to Lambda. */
    private static final Duration ANSWER_MARGIN = Duration.ofSeconds(10);

    private final MailingSender sender;
    private final RetryDelay retryDelay;
    private final SendQueue queue;
    private final Duration holdMargin;

    public SendMailingHandler(MailingSender sender, RetryDelay retryDelay, SendQueue queue,
                              @ConfigProperty(name = "turnout.send-max-wait", defaultValue = "PT20S") Duration maxWait) {
        this.sender = sender;
        this.retryDelay = retryDelay;
        this.queue = queue;
        this.holdMargin = maxWait.plus(ANSWER_MARGIN);
    }

    @Override
    public SqsEvent.BatchResponse handleRequest(SqsEvent event, Context context) {
        List<SqsEvent.ItemFailure> failures = new ArrayList<>();
        Map<String, Recipient> waiting = new LinkedHashMap<>();
        Set<MailingKey> mailings = new LinkedHashSet<>();
        for (SqsEvent.Message message : event.records() == null ? List.<SqsEvent.Message>of() : event.records()) {
            Recipient recipient;
            try {
                recipient = SendQueue.parse(message.body());
            } catch (IllegalArgumentException e) {
                // never valid: left on the queue, it ends in the dead-letter queue, where it can be read
                LOG.errorf("message %s is not a recipient: %s", message.messageId(), LogSafe.quote(e.getMessage()));
                failures.add(new SqsEvent.ItemFailure(message.messageId()));
                continue;
            }
            if (context.getRemainingTimeInMillis() < holdMargin.toMillis()) {
                waiting.put(message.messageId(), recipient); // no time left for its turn: no reason to fail it
                continue;
            }
            try {
                MailingSender.Delivery delivery = sender.deliver(recipient, message.receiveCount());
                if (delivery == MailingSender.Delivery.WAIT) {
                    waiting.put(message.messageId(), recipient);
                } else if (delivery == MailingSender.Delivery.RETRY) {
                    failures.add(new SqsEvent.ItemFailure(message.messageId()));
                    retryDelay.delay(message);
                }
            } catch (RuntimeException e) {
                LOG.errorf(e, "mailing %s: sending to contact %s failed; it will be tried again", recipient.mailingId(), recipient.contactId());
                failures.add(new SqsEvent.ItemFailure(message.messageId()));
            }
            mailings.add(new MailingKey(recipient.orgId(), recipient.mailingId()));
        }
        handBack(waiting, failures);
        mailings.forEach(mailing -> sender.afterBatch(mailing.orgId(), mailing.mailingId()));
        return new SqsEvent.BatchResponse(failures);
    }

    /** The recipients still waiting for their turn go back on the queue as new messages; if that fails, they fail. */
    private void handBack(Map<String, Recipient> waiting, List<SqsEvent.ItemFailure> failures) {
        if (waiting.isEmpty()) {
            return;
        }
        try {
            queue.enqueue(List.copyOf(waiting.values()));
        } catch (RuntimeException e) {
            LOG.warnf("%d recipients waiting for the sending rate could not go back on the queue (%s); they are tried again as failures",
                    waiting.size(), LogSafe.quote(String.valueOf(e.getMessage())));
            waiting.keySet().forEach(id -> failures.add(new SqsEvent.ItemFailure(id)));
        }
    }

    /** A mailing the batch sent for, to settle once the batch is done. */
    private record MailingKey(String orgId, String mailingId) {
    }
}
