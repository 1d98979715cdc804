package org.turnout.sending;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
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
 * sent to at once: nothing here is kept between two of them but the mailing cache.
 */
@ApplicationScoped
public class MailingSender implements RecipientDelivery {
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

    private final MailingCache mailings;
    private final RecipientCheck recipients;
    private final SendLedger ledger;
    private final SendQuota quota;
    private final Mailer mailer;
    private final UnsubscribeLinks unsubscribeLinks;
    private final int maxReceives;

    @Inject
    public MailingSender(MailingCache mailings, RecipientCheck recipients, SendLedger ledger, SendQuota quota, Mailer mailer,
                         UnsubscribeLinks unsubscribeLinks, SendingSettings settings) {
        this(mailings, recipients, ledger, quota, mailer, unsubscribeLinks, settings.sendMaxReceives());
    }

    public MailingSender(MailingCache mailings, RecipientCheck recipients, SendLedger ledger, SendQuota quota, Mailer mailer,
                         UnsubscribeLinks unsubscribeLinks, int maxReceives) {
        this.mailings = mailings;
        this.recipients = recipients;
        this.ledger = ledger;
        this.quota = quota;
        this.mailer = mailer;
        this.unsubscribeLinks = unsubscribeLinks;
        this.maxReceives = maxReceives;
    }

    /** As {@link #deliver(Recipient, int, BooleanSupplier)}, with all the time a turn may take. */
    public Delivery deliver(Recipient recipient, int receiveCount) {
        return deliver(recipient, receiveCount, () -> true);
    }

    /**
     * @param receiveCount how many times the queue has handed this message out, this time included:
     *                     on the last one, a recipient SES keeps declining is recorded as failed
     * @param timeForATurn whether there is still time to wait for a turn under the sending rate, asked
     *                     when the turn is about to be waited for: if not, the recipient waits ({@link Delivery#WAIT})
     */
    @Override
    public Delivery deliver(Recipient recipient, int receiveCount, BooleanSupplier timeForATurn) {
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
        Optional<Boolean> settled = ledger.settleExisting(recipient);
        if (settled.isPresent()) {
            return settled.get() ? Delivery.DONE : Delivery.RETRY;
        }
        RecipientCheck.Verdict verdict = recipients.check(recipient);
        if (!verdict.mailable()) {
            LOG.infof("mailing %s: contact %s skipped: %s", recipient.mailingId(), recipient.contactId(), verdict.unmailable());
            ledger.skip(recipient, verdict.unmailable());
            return Delivery.DONE;
        }
        if (!current.senderVerified()) {
            return fail(recipient, null, "the sender " + current.mailing().fromAddress() + " is no longer among the organisation's senders");
        }
        // rendered before the claim: a message that cannot render is a failure with its reason, never "maybe sent"
        String unsubscribe = unsubscribeLinks.linkFor(recipient.orgId(), recipient.contactId(), recipient.mailingId());
        MailingContent.RenderedMessage message;
        try {
            message = current.content().render(verdict.contact(), current.organisation().name(), unsubscribe);
        } catch (TemplateRenderException e) {
            return fail(recipient, null, "the message cannot be rendered: " + e.getMessage());
        }
        if (!quota.acquire(recipient.orgId(), current.organisation().sendRatePerSecond(), timeForATurn)) {
            return Delivery.WAIT;
        }
        OptionalLong claimedAt = ledger.claim(recipient);
        if (claimedAt.isEmpty()) {
            return Delivery.RETRY; // claimed by a concurrent delivery of the same message: its outcome will be read next time
        }
        return send(recipient, verdict.contact(), current.mailing(), message, unsubscribe, claimedAt.getAsLong(), receiveCount);
    }

    private Delivery send(Recipient recipient, Contact contact, Mailing mailing, MailingContent.RenderedMessage message,
                          String unsubscribe, long claimedAt, int receiveCount) {
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
            return unsent(recipient, claimedAt, receiveCount, SesAnswer.of(error));
        }
        ledger.sent(recipient, messageId);
        return Delivery.DONE;
    }

    private Delivery unsent(Recipient recipient, long claimedAt, int receiveCount, SesAnswer answer) {
        switch (answer.kind()) {
            case REJECTED -> {
                recipients.rejected(recipient, answer.reason());
                return fail(recipient, claimedAt, "SES rejected it: " + answer.reason());
            }
            case DECLINED -> {
                if (receiveCount >= maxReceives) {
                    return fail(recipient, claimedAt, "SES declined it " + receiveCount + " times: " + answer.reason());
                }
                ledger.release(recipient, claimedAt);
                LOG.warnf("mailing %s: SES declined a send for now (%s); it will be tried again", recipient.mailingId(), LogSafe.quote(answer.reason()));
                return Delivery.RETRY;
            }
            case REFUSED -> {
                return fail(recipient, claimedAt, "SES refused it: " + answer.reason());
            }
            default -> {
                // no answer: it may have gone. The claim stays; after the grace period it is marked unknown, not resent.
                LOG.warnf("mailing %s: no answer from SES for contact %s (%s); the claim stays", recipient.mailingId(),
                        recipient.contactId(), LogSafe.quote(answer.reason()));
                return Delivery.RETRY;
            }
        }
    }

    private Delivery fail(Recipient recipient, Long claimedAt, String reason) {
        ledger.fail(recipient, claimedAt, reason);
        return Delivery.DONE;
    }

    /** All sends of a batch are settled: the mailing may be done. */
    @Override
    public void afterBatch(String orgId, String mailingId) {
        ledger.afterBatch(orgId, mailingId);
    }
}
