package org.turnout.sending;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.jboss.logging.Logger;
import org.turnout.aws.DaemonThreads;
import org.turnout.security.LogSafe;

/**
 * One batch of queued recipients, sent with up to {@code turnout.send-parallelism} of them at once
 * (each on its own thread, through the same synchronous clients, the whole path of one recipient:
 * its claim, its turn under the rate, {@code SendEmail} and its record), after one read of what
 * all of them need and before one update of the counts of each mailing ({@link RecipientDelivery.Round}). One at a time,
 * an instance spends most of its time waiting for SES's answer and DynamoDB's; several at once, the
 * rate limiter rather than the round trips sets the pace.
 *
 * <p>Waiting for the sending rate is no failure: the recipients whose turn does not come while the
 * invocation has time go back on the queue as new messages, and their received messages are done.
 */
@ApplicationScoped
public class SendBatch implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(SendBatch.class);

    private final RecipientDelivery delivery;
    private final SendQueue queue;
    private final ExecutorService senders;

    @Inject
    public SendBatch(RecipientDelivery delivery, SendQueue queue, SendingSettings settings) {
        this(delivery, queue, settings.sendParallelism());
    }

    public SendBatch(RecipientDelivery delivery, SendQueue queue, int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("turnout.send-parallelism must be 1 or more, not " + parallelism);
        }
        this.delivery = delivery;
        this.queue = queue;
        this.senders = DaemonThreads.fixed(parallelism, "turnout-send");
    }

    /** One received message: its id, the recipient in it and how many times the queue has handed it out. */
    public record Attempt(String messageId, Recipient recipient, int receiveCount) {
    }

    /**
     * What the queue should do with the batch's messages; every other message is done.
     *
     * @param retryLater the recipients to try again, each later than the last time (SES declined, a young claim)
     * @param failed     the ones whose delivery broke, or that waited and could not go back on the queue
     */
    public record Result(List<String> retryLater, List<String> failed) {
        public Result {
            retryLater = List.copyOf(retryLater);
            failed = List.copyOf(failed);
        }
    }

    /**
     * Sends the batch and waits for every send of it.
     *
     * @param timeForATurn whether the invocation still has time for a recipient's turn under the rate and its send;
     *                     asked before each recipient and again before each wait for a turn
     */
    public Result deliver(List<Attempt> attempts, BooleanSupplier timeForATurn) {
        RecipientDelivery.Round round;
        try {
            round = delivery.begin(attempts.stream().map(Attempt::recipient).toList());
        } catch (RuntimeException e) {
            LOG.errorf(e, "the reads of a batch of %d recipients failed; they will be tried again", attempts.size());
            return new Result(List.of(), attempts.stream().map(Attempt::messageId).toList());
        }
        List<Callable<Outcome>> sends = attempts.stream().<Callable<Outcome>>map(attempt -> () -> deliver(round, attempt, timeForATurn)).toList();
        List<Future<Outcome>> outcomes;
        try {
            outcomes = senders.invokeAll(sends);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending a batch", e);
        }
        List<String> retryLater = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        Map<String, Recipient> waiting = new LinkedHashMap<>();
        for (int i = 0; i < attempts.size(); i++) {
            Attempt attempt = attempts.get(i);
            Outcome outcome = outcome(outcomes.get(i));
            switch (outcome) {
                case WAITING, NOT_STARTED -> waiting.put(attempt.messageId(), attempt.recipient());
                case RETRY -> retryLater.add(attempt.messageId());
                case BROKEN -> failed.add(attempt.messageId());
                default -> { }
            }
        }
        handBack(waiting, failed);
        round.finish();
        return new Result(retryLater, failed);
    }

    private Outcome deliver(RecipientDelivery.Round round, Attempt attempt, BooleanSupplier timeForATurn) {
        if (!timeForATurn.getAsBoolean()) {
            return Outcome.NOT_STARTED; // no time left for its turn: no reason to fail it
        }
        Recipient recipient = attempt.recipient();
        try {
            return switch (round.deliver(recipient, attempt.receiveCount(), timeForATurn)) {
                case DONE -> Outcome.DONE;
                case RETRY -> Outcome.RETRY;
                case WAIT -> Outcome.WAITING;
            };
        } catch (RuntimeException e) {
            LOG.errorf(e, "mailing %s: sending to contact %s failed; it will be tried again", recipient.mailingId(), recipient.contactId());
            return Outcome.BROKEN;
        }
    }

    private static Outcome outcome(Future<Outcome> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            return Outcome.BROKEN; // deliver catches what a send throws: only an Error gets here
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending a batch", e);
        }
    }

    /** The recipients still waiting for their turn go back on the queue as new messages; if that fails, they fail. */
    private void handBack(Map<String, Recipient> waiting, List<String> failed) {
        if (waiting.isEmpty()) {
            return;
        }
        try {
            queue.enqueue(List.copyOf(waiting.values()));
        } catch (RuntimeException e) {
            LOG.warnf("%d recipients waiting for the sending rate could not go back on the queue (%s); they are tried again as failures",
                    waiting.size(), LogSafe.quote(String.valueOf(e.getMessage())));
            failed.addAll(waiting.keySet());
        }
    }

    @PreDestroy
    @Override
    public void close() {
        senders.shutdownNow();
    }

    private enum Outcome { DONE, RETRY, WAITING, NOT_STARTED, BROKEN }
}
