package org.turnout.sending;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.turnout.mail.InMemoryMailer;
import org.turnout.mail.OutgoingEmail;

/**
 * How a batch is shared among its senders and what becomes of each message, with an in-memory mailer and queue:
 * the protocol of one recipient is {@link MailingSenderFaultTest}'s, on the emulators.
 */
class SendBatchTest {
    private final InMemoryMailer mailer = new InMemoryMailer();
    private final InMemorySendQueue queue = new InMemorySendQueue();
    private final Set<String> settledMailings = ConcurrentHashMap.newKeySet();

    @Test
    void keepsAsManySendsInFlightAsItsParallelismAndNeverMore() {
        mailer.answeringOnceInFlight(4);
        try (SendBatch batch = new SendBatch(sendingEach(), queue, 4)) {
            SendBatch.Result result = batch.deliver(attempts(10), () -> true);

            assertThat(result.retryLater()).isEmpty();
            assertThat(result.failed()).isEmpty();
        }
        assertThat(mailer.mostInFlight()).isEqualTo(4);
        assertThat(mailer.sent()).extracting(OutgoingEmail::to).hasSize(10).doesNotHaveDuplicates();
        assertThat(queue.messages()).isEmpty();
        assertThat(settledMailings).containsExactly("org/mailing");
    }

    @Test
    void recipientsWaitingForTheRateGoBackOnTheQueueAndTheOthersAreSortedByWhatBecameOfThem() {
        List<SendBatch.Attempt> attempts = attempts(4);
        Map<String, MailingSender.Delivery> outcomes = Map.of(
                "c0", MailingSender.Delivery.DONE, "c1", MailingSender.Delivery.WAIT, "c2", MailingSender.Delivery.RETRY);
        RecipientDelivery delivery = delivery((recipient, timeForATurn) -> {
            if (recipient.contactId().equals("c3")) {
                throw new IllegalStateException("the table could not be reached");
            }
            return outcomes.get(recipient.contactId());
        });
        try (SendBatch batch = new SendBatch(delivery, queue, 4)) {
            SendBatch.Result result = batch.deliver(attempts, () -> true);

            assertThat(result.retryLater()).containsExactly("m2");
            assertThat(result.failed()).containsExactly("m3");
        }
        assertThat(queue.messages()).containsExactly(attempts.get(1).recipient());
    }

    @Test
    void withNoTimeLeftForATurnNothingIsTriedAndEveryoneGoesBackOnTheQueueAsNewMessages() {
        AtomicInteger tried = new AtomicInteger();
        RecipientDelivery delivery = delivery((recipient, timeForATurn) -> {
            tried.incrementAndGet();
            return MailingSender.Delivery.DONE;
        });
        List<SendBatch.Attempt> attempts = attempts(3);
        try (SendBatch batch = new SendBatch(delivery, queue, 2)) {
            SendBatch.Result result = batch.deliver(attempts, () -> false);

            assertThat(result.retryLater()).isEmpty();
            assertThat(result.failed()).isEmpty();
        }
        assertThat(tried).hasValue(0);
        assertThat(queue.messages()).containsExactlyElementsOf(attempts.stream().map(SendBatch.Attempt::recipient).toList());
        assertThat(settledMailings).isEmpty();
    }

    @Test
    void waitingRecipientsThatCannotGoBackOnTheQueueFailSoThatTheQueueBringsThemBack() {
        InMemorySendQueue unreachable = new InMemorySendQueue().refusing();
        RecipientDelivery delivery = delivery((recipient, timeForATurn) -> MailingSender.Delivery.WAIT);
        try (SendBatch batch = new SendBatch(delivery, unreachable, 2)) {
            SendBatch.Result result = batch.deliver(attempts(2), () -> true);

            assertThat(result.failed()).containsExactlyInAnyOrder("m0", "m1");
            assertThat(result.retryLater()).isEmpty();
        }
    }

    @Test
    void whenTheBatchsReadFailsEveryMessageFailsSoThatTheQueueBringsThemBackAndNothingIsSent() {
        RecipientDelivery unreadable = recipients -> {
            throw new IllegalStateException("the table could not be reached");
        };
        try (SendBatch batch = new SendBatch(unreadable, queue, 2)) {
            SendBatch.Result result = batch.deliver(attempts(3), () -> true);

            assertThat(result.failed()).containsExactly("m0", "m1", "m2");
            assertThat(result.retryLater()).isEmpty();
        }
        assertThat(mailer.sent()).isEmpty();
        assertThat(queue.messages()).isEmpty();
    }

    /** A stand-in for MailingSender that sends each recipient one email through the mailer. */
    private RecipientDelivery sendingEach() {
        return delivery((recipient, timeForATurn) -> {
            mailer.send(new OutgoingEmail("equipe@example.org", recipient.contactId() + "@example.org", null, "Bonjour", null, "Bonjour",
                    Map.of(), Map.of()));
            return MailingSender.Delivery.DONE;
        });
    }

    private RecipientDelivery delivery(java.util.function.BiFunction<Recipient, BooleanSupplier, MailingSender.Delivery> each) {
        return recipients -> new RecipientDelivery.Round() {
            private final Set<String> attempted = ConcurrentHashMap.newKeySet();

            @Override
            public MailingSender.Delivery deliver(Recipient recipient, int receiveCount, BooleanSupplier timeForATurn) {
                attempted.add(recipient.orgId() + "/" + recipient.mailingId());
                return each.apply(recipient, timeForATurn);
            }

            @Override
            public void finish() {
                settledMailings.addAll(attempted);
            }
        };
    }

    private static List<SendBatch.Attempt> attempts(int count) {
        List<SendBatch.Attempt> attempts = new ArrayList<>();
        IntStream.range(0, count).forEach(i -> attempts.add(new SendBatch.Attempt("m" + i, new Recipient("org", "mailing", "c" + i), 1)));
        return attempts;
    }
}
