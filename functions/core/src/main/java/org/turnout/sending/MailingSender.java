package org.turnout.sending;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.jboss.logging.Logger;
import org.turnout.contact.Contact;
import org.turnout.feedback.SesTags;
import org.turnout.mail.MailAddress;
import org.turnout.mail.Mailer;
import org.turnout.mail.OutgoingEmail;
import org.turnout.mailing.Mailing;
import org.turnout.mailing.MailingContent;
import org.turnout.mailing.MailingState;
import org.turnout.mailing.TemplateRenderException;
import org.turnout.security.LogSafe;
import org.turnout.unsubscribe.UnsubscribeLinks;

/**
 * Sends one mailing to one recipient, at most once. The order is what makes it safe: claim
 * (conditional put), send, record the message id. A crash after the claim leaves a claim without
 * a message id, "maybe sent": never sent again, marked {@code unknown} once older than the grace
 * period and counted as such. SES answers that say it did not take the message (throttling, 5xx,
 * quotas) give the claim back and the recipient is tried again later; a permanent rejection is
 * recorded against the contact ({@link SesAnswer} tells them apart). Several recipients may be
 * sent to at once: what a batch's recipients need is read for all of them in one call
 * ({@link RecipientReads}), and their outcomes are added to the mailing's counts in one update at the end of the
 * batch ({@link SendTally}); nothing else is kept between two of them but the mailing cache.
 */
@Singleton
public record MailingSender(MailingCache mailings, RecipientReads reads, RecipientCheck recipients, SendLedger ledger, SendQuota quota,
                            Mailer mailer, UnsubscribeLinks unsubscribeLinks, int maxReceives) implements RecipientDelivery {
    private static final Logger LOG = Logger.getLogger(MailingSender.class);
    static final Duration CLAIM_GRACE = MailingSettlement.CLAIM_GRACE;

    public enum Delivery {
        /** The recipient has its outcome (or needs none): the message is done. */
        DONE,
        /** Try this recipient again later. */
        RETRY,
        /** Not its turn yet under the sending rate: nothing failed, it waits for a later turn. */
        WAIT
    }

    @Inject
    public MailingSender(MailingCache mailings, RecipientReads reads, RecipientCheck recipients, SendLedger ledger, SendQuota quota,
                         Mailer mailer, UnsubscribeLinks unsubscribeLinks, SendingSettings settings) {
        this(mailings, reads, recipients, ledger, quota, mailer, unsubscribeLinks, settings.sendMaxReceives());
    }

    /**
     * One recipient alone, with all the time a turn may take, its outcome counted at once (the mailing is not
     * settled: {@link #afterBatch} does that).
     *
     * @param receiveCount how many times the queue has handed this message out, this time included:
     *                     on the last one, a recipient SES keeps declining is recorded as failed
     */
    public Delivery deliver(Recipient recipient, int receiveCount) {
        SendTally tally = new SendTally();
        try {
            return deliver(recipient, receiveCount, () -> true, reads.read(List.of(recipient)), tally);
        } finally {
            ledger.addCounts(tally);
        }
    }

    @Override
    public Round begin(List<Recipient> batch) {
        // each mailing read here, once, rather than by every sender at once on a cold cache
        Set<SendTally.MailingOf> mailingsOfBatch = new HashSet<>();
        batch.stream().filter(r -> mailingsOfBatch.add(new SendTally.MailingOf(r.orgId(), r.mailingId()))).forEach(mailings::mailingOf);
        return new Round(reads.read(batch));
    }

    /** The sends of one batch: its reads, made at once, and the tally of its outcomes, added to the counts at the end. */
    public final class Round implements RecipientDelivery.Round {
        private final RecipientReads.Batch read;
        private final SendTally tally = new SendTally();
        private final Set<SendTally.MailingOf> attempted = ConcurrentHashMap.newKeySet();

        private Round(RecipientReads.Batch read) {
            this.read = read;
        }

        /**
         * @param timeForATurn whether there is still time to wait for a turn under the sending rate, asked
         *                     when the turn is about to be waited for: if not, the recipient waits ({@link Delivery#WAIT})
         */
        @Override
        public Delivery deliver(Recipient recipient, int receiveCount, BooleanSupplier timeForATurn) {
            attempted.add(new SendTally.MailingOf(recipient.orgId(), recipient.mailingId()));
            return MailingSender.this.deliver(recipient, receiveCount, timeForATurn, read, tally);
        }

        @Override
        public void finish() {
            try {
                ledger.addCounts(tally);
            } catch (RuntimeException e) {
                // the outcomes are recorded (and marked counted): the reconciler's exact recount makes up for the counts
                LOG.errorf(e, "the counts of a batch's outcomes could not be added; the reconciler's recount will correct them");
            }
            attempted.forEach(mailing -> afterBatch(mailing.orgId(), mailing.mailingId()));
        }
    }

    private Delivery deliver(Recipient recipient, int receiveCount, BooleanSupplier timeForATurn, RecipientReads.Batch read, SendTally tally) {
        Optional<MailingCache.CachedMailing> found = mailings.mailingOf(recipient);
        if (found.isEmpty()) {
            return Delivery.DONE; // deleted: nothing to send
        }
        MailingCache.CachedMailing current = found.get();
        MailingState state = current.mailing().stateValue();
        if (state == MailingState.PAUSED) {
            ledger.hold(recipient);
            return Delivery.DONE;
        }
        if (state != MailingState.SENDING) {
            return Delivery.DONE; // cancelled, or sent already (a late duplicate)
        }
        RecipientReads.Found stored = read.of(recipient);
        Optional<Boolean> settled = ledger.settleExisting(recipient, stored.record());
        if (settled.isPresent()) {
            return settled.get() ? Delivery.DONE : Delivery.RETRY;
        }
        RecipientCheck.Verdict verdict = recipients.check(stored);
        if (!verdict.mailable()) {
            LOG.infof("mailing %s: contact %s skipped: %s", recipient.mailingId(), recipient.contactId(), verdict.unmailable());
            ledger.skip(recipient, verdict.unmailable(), tally);
            return Delivery.DONE;
        }
        if (!current.senderVerified()) {
            return fail(recipient, null, "the sender " + current.mailing().fromAddress() + " is no longer among the organisation's senders", tally);
        }
        // rendered before the claim: a message that cannot render is a failure with its reason, never "maybe sent"
        String unsubscribe = unsubscribeLinks.linkFor(recipient.orgId(), recipient.contactId(), recipient.mailingId());
        MailingContent.RenderedMessage message;
        try {
            message = current.content().render(verdict.contact(), current.organisation().name(), unsubscribe);
        } catch (TemplateRenderException e) {
            return fail(recipient, null, "the message cannot be rendered: " + e.getMessage(), tally);
        }
        if (!quota.acquire(recipient.orgId(), current.organisation().sendRatePerSecond(), timeForATurn)) {
            return Delivery.WAIT;
        }
        OptionalLong claimedAt = ledger.claim(recipient);
        if (claimedAt.isEmpty()) {
            return Delivery.RETRY; // claimed by a concurrent delivery of the same message: its outcome will be read next time
        }
        return send(recipient, verdict.contact(), current.mailing(), message, unsubscribe, claimedAt.getAsLong(), receiveCount, tally);
    }

    private Delivery send(Recipient recipient, Contact contact, Mailing mailing, MailingContent.RenderedMessage message,
                          String unsubscribe, long claimedAt, int receiveCount, SendTally tally) {
        OutgoingEmail email = new OutgoingEmail(
                MailAddress.withName(mailing.fromName(), mailing.fromAddress()),
                contact.email(),
                mailing.replyTo(),
                message.subject(), message.html(), message.text(),
                Map.of(SesTags.ORGANISATION, recipient.orgId(), SesTags.MAILING, recipient.mailingId(), SesTags.CONTACT, recipient.contactId()),
                Map.of("List-Unsubscribe", "<" + unsubscribe + ">", "List-Unsubscribe-Post", "List-Unsubscribe=One-Click"));
        String messageId;
        try {
            messageId = mailer.send(email);
        } catch (RuntimeException error) {
            return unsent(recipient, claimedAt, receiveCount, SesAnswer.of(error), tally);
        }
        ledger.sent(recipient, messageId, tally);
        return Delivery.DONE;
    }

    private Delivery unsent(Recipient recipient, long claimedAt, int receiveCount, SesAnswer answer, SendTally tally) {
        switch (answer.kind()) {
            case REJECTED -> {
                recipients.rejected(recipient, answer.reason());
                return fail(recipient, claimedAt, "SES rejected it: " + answer.reason(), tally);
            }
            case DECLINED -> {
                if (receiveCount >= maxReceives) {
                    return fail(recipient, claimedAt, "SES declined it " + receiveCount + " times: " + answer.reason(), tally);
                }
                ledger.release(recipient, claimedAt);
                LOG.warnf("mailing %s: SES declined a send for now (%s); it will be tried again", recipient.mailingId(), LogSafe.quote(answer.reason()));
                return Delivery.RETRY;
            }
            case REFUSED -> {
                return fail(recipient, claimedAt, "SES refused it: " + answer.reason(), tally);
            }
            default -> {
                // no answer: it may have gone. The claim stays; after the grace period it is marked unknown, not resent.
                LOG.warnf("mailing %s: no answer from SES for contact %s (%s); the claim stays", recipient.mailingId(),
                        recipient.contactId(), LogSafe.quote(answer.reason()));
                return Delivery.RETRY;
            }
        }
    }

    private Delivery fail(Recipient recipient, Long claimedAt, String reason, SendTally tally) {
        ledger.fail(recipient, claimedAt, reason, tally);
        return Delivery.DONE;
    }

    /** All sends of a batch are settled: the mailing may be done. */
    public void afterBatch(String orgId, String mailingId) {
        ledger.afterBatch(orgId, mailingId);
    }
}
