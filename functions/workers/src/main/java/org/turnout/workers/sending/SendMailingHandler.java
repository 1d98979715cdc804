package org.turnout.workers.sending;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import jakarta.inject.Named;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;
import org.turnout.security.LogSafe;
import org.turnout.sending.MailingSender;
import org.turnout.sending.Recipient;
import org.turnout.sending.SendQueue;

/**
 * SendFunction: one recipient per queue message. Messages to try again are reported as batch
 * item failures (and come back after a delay that grows with each try); the others are done.
 */
@Named("send")
public class SendMailingHandler implements RequestHandler<SqsEvent, SqsEvent.BatchResponse> {
    private static final Logger LOG = Logger.getLogger(SendMailingHandler.class);

    private final MailingSender sender;
    private final RetryDelay retryDelay;

    public SendMailingHandler(MailingSender sender, RetryDelay retryDelay) {
        this.sender = sender;
        this.retryDelay = retryDelay;
    }

    @Override
    public SqsEvent.BatchResponse handleRequest(SqsEvent event, Context context) {
        List<SqsEvent.ItemFailure> failures = new ArrayList<>();
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
            try {
                if (sender.deliver(recipient, message.receiveCount()) == MailingSender.Delivery.RETRY) {
                    failures.add(new SqsEvent.ItemFailure(message.messageId()));
                    retryDelay.delay(message);
                }
            } catch (RuntimeException e) {
                LOG.errorf(e, "mailing %s: sending to contact %s failed; it will be tried again", recipient.mailingId(), recipient.contactId());
                failures.add(new SqsEvent.ItemFailure(message.messageId()));
            }
            mailings.add(new MailingKey(recipient.orgId(), recipient.mailingId()));
        }
        mailings.forEach(mailing -> sender.afterBatch(mailing.orgId(), mailing.mailingId()));
        return new SqsEvent.BatchResponse(failures);
    }

    /** A mailing the batch sent for, to settle once the batch is done. */
    private record MailingKey(String orgId, String mailingId) {
    }
}
