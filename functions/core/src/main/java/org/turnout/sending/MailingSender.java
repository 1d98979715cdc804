package org.turnout.sending;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.turnout.aws.AwsClients;
import org.turnout.contact.Contact;
import org.turnout.contact.ContactRepository;
import org.turnout.feedback.SesTags;
import org.turnout.mail.MailAddress;
import org.turnout.mail.Mailer;
import org.turnout.mail.OutgoingEmail;
import org.turnout.mailing.Mailing;
import org.turnout.mailing.MailingContent;
import org.turnout.mailing.MailingRepository;
import org.turnout.mailing.MailingState;
import org.turnout.mailing.TemplateRenderException;
import org.turnout.organisation.Organisation;
import org.turnout.organisation.OrganisationRepository;
import org.turnout.security.LogSafe;
import org.turnout.unsubscribe.UnsubscribeLinks;
import org.turnout.segment.Mailable;
import org.turnout.suppression.SuppressionService;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sesv2.model.BadRequestException;
import software.amazon.awssdk.services.sesv2.model.MessageRejectedException;

/**
 * Sends one mailing to one recipient, at most once. The order is what makes it safe: claim
 * (conditional put), send, record the message id. A crash after the claim leaves a claim without
 * a message id, "maybe sent": never sent again, marked {@code unknown} once older than the grace
 * period and counted as such. SES answers that say it did not take the message (throttling, 5xx,
 * quotas) give the claim back and the recipient is tried again later; a permanent rejection is
 * recorded against the contact.
 */
@ApplicationScoped
public class MailingSender {
    private static final Logger LOG = Logger.getLogger(MailingSender.class);
    static final Duration CLAIM_GRACE = MailingSettlement.CLAIM_GRACE;
    /** How long a mailing's state is trusted between sends, so that a pause stops sends within seconds. */
    private static final Duration STATE_FRESHNESS = Duration.ofSeconds(2);

    public enum Delivery {
        /** The recipient has its outcome (or needs none): the message is done. */
        DONE,
        /** Try this recipient again later. */
        RETRY,
        /** Not its turn yet under the sending rate: nothing failed, it waits for a later turn. */
        WAIT
    }

    private final MailingRepository mailings;
    private final SendRecords records;
    private final SendOutcomes outcomes;
    private final ContactRepository contacts;
    private final OrganisationRepository organisations;
    private final SuppressionService suppressions;
    private final SendQuota quota;
    private final Mailer mailer;
    private final UnsubscribeLinks unsubscribeLinks;
    private final MailingSettlement settlement;
    private final Clock clock;
    private final int maxReceives;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public MailingSender(MailingRepository mailings, SendRecords records, SendOutcomes outcomes, ContactRepository contacts,
                         OrganisationRepository organisations, SuppressionService suppressions, SendQuota quota, Mailer mailer,
                         UnsubscribeLinks unsubscribeLinks, MailingSettlement settlement, Clock clock,
                         @ConfigProperty(name = "turnout.send-max-receives", defaultValue = "10") int maxReceives) {
        this.mailings = mailings;
        this.records = records;
        this.outcomes = outcomes;
        this.contacts = contacts;
        this.organisations = organisations;
        this.suppressions = suppressions;
        this.quota = quota;
        this.mailer = mailer;
        this.unsubscribeLinks = unsubscribeLinks;
        this.settlement = settlement;
        this.clock = clock;
        this.maxReceives = maxReceives;
    }

    /**
     * @param receiveCount how many times the queue has handed this message out, this time included:
     *                     on the last one, a recipient SES keeps declining is recorded as failed
     */
    public Delivery deliver(Recipient recipient, int receiveCount) {
        Optional<Cached> found = mailing(recipient);
        if (found.isEmpty()) {
            return Delivery.DONE; // deleted: nothing to send
        }
        Cached current = found.get();
        MailingState state = current.mailing.stateValue();
        if (state == MailingState.PAUSED) {
            records.hold(recipient);
            return Delivery.DONE;
        }
        if (state != MailingState.SENDING) {
            return Delivery.DONE; // cancelled, or sent already (a late duplicate)
        }
        Optional<SendRecord> existing = records.find(recipient);
        if (existing.isPresent() && existing.get().outcome() != SendOutcome.HELD) {
            return settleExisting(recipient, existing.get());
        }
        Optional<Contact> contact = contacts.find(recipient.orgId(), recipient.contactId());
        String unmailable = contact.isEmpty() ? "no such contact any more" : whyNotMailable(contact.get());
        if (unmailable == null && suppressions.isSuppressed(recipient.orgId(), recipient.contactId())) {
            unmailable = "the address is on the organisation's suppression list";
        }
        if (unmailable != null) {
            LOG.infof("mailing %s: contact %s skipped: %s", recipient.mailingId(), recipient.contactId(), unmailable);
            if (records.skip(recipient, unmailable, clock.instant())) {
                outcomes.count(recipient, SendOutcome.SKIPPED);
            }
            return Delivery.DONE;
        }
        if (!current.senderVerified) {
            return fail(recipient, null, "the sender " + current.mailing.getFromAddress() + " is no longer among the organisation's senders");
        }
        // rendered before the claim: a message that cannot render is a failure with its reason, never "maybe sent"
        String unsubscribe = unsubscribeLinks.linkFor(recipient.orgId(), recipient.contactId(), recipient.mailingId());
        MailingContent.RenderedMessage message;
        try {
            message = current.content.render(contact.get(), current.organisation.getName(), unsubscribe);
        } catch (TemplateRenderException e) {
            return fail(recipient, null, "the message cannot be rendered: " + e.getMessage());
        }
        if (!quota.acquire(recipient.orgId(), current.organisation.getSendRatePerSecond())) {
            return Delivery.WAIT;
        }
        long claimedAt = clock.millis();
        if (!records.claim(recipient, claimedAt)) {
            return Delivery.RETRY; // claimed by a concurrent delivery of the same message: its outcome will be read next time
        }
        return send(recipient, contact.get(), current, message, unsubscribe, claimedAt, receiveCount);
    }

    private Delivery send(Recipient recipient, Contact contact, Cached current, MailingContent.RenderedMessage message,
                          String unsubscribe, long claimedAt, int receiveCount) {
        Mailing mailing = current.mailing;
        OutgoingEmail email = new OutgoingEmail(
                MailAddress.withName(mailing.getFromName(), mailing.getFromAddress()),
                contact.getEmail(),
                mailing.getReplyTo(),
                message.subject(), message.html(), message.text(),
                Map.of(SesTags.ORGANISATION, recipient.orgId(), SesTags.MAILING, recipient.mailingId(), SesTags.CONTACT, recipient.contactId()),
                Map.of("List-Unsubscribe", "<" + unsubscribe + ">", "List-Unsubscribe-Post", "List-Unsubscribe=One-Click"));
        String messageId;
        try {
            messageId = mailer.send(email);
        } catch (MessageRejectedException | BadRequestException rejected) {
            contacts.modify(recipient.orgId(), recipient.contactId(),
                    c -> Optional.of(c.toBuilder().sendRejectedAt(clock.instant()).sendRejection(reason(rejected)).build()));
            return fail(recipient, claimedAt, "SES rejected it: " + reason(rejected));
        } catch (AwsServiceException declined) {
            if (AwsClients.declinedBySes(declined) || transientRefusal(declined)) {
                if (receiveCount >= maxReceives) {
                    return fail(recipient, claimedAt, "SES declined it " + receiveCount + " times: " + reason(declined));
                }
                records.release(recipient, claimedAt);
                LOG.warnf("mailing %s: SES declined a send for now (%s); it will be tried again", recipient.mailingId(), LogSafe.quote(reason(declined)));
                return Delivery.RETRY;
            }
            return fail(recipient, claimedAt, "SES refused it: " + reason(declined));
        } catch (RuntimeException noAnswer) {
            // no answer: it may have gone. The claim stays; after the grace period it is marked unknown, not resent.
            LOG.warnf("mailing %s: no answer from SES for contact %s (%s); the claim stays", recipient.mailingId(),
                    recipient.contactId(), LogSafe.quote(String.valueOf(noAnswer.getMessage())));
            return Delivery.RETRY;
        }
        outcomes.sent(recipient, messageId);
        return Delivery.DONE;
    }

    /** A redelivered message whose recipient already has a record. */
    private Delivery settleExisting(Recipient recipient, SendRecord record) {
        if (record.outcome().isFinal()) {
            if (!record.counted()) {
                outcomes.count(recipient, record.outcome()); // a crash came between its outcome and its count
            }
            return Delivery.DONE;
        }
        // CLAIMED: in flight elsewhere, or its sender died after the claim
        return settlement.settleClaim(recipient, record.claimedAt()) ? Delivery.DONE : Delivery.RETRY;
    }

    private Delivery fail(Recipient recipient, Long claimedAt, String reason) {
        long claim = claimedAt == null ? clock.millis() : claimedAt;
        boolean recorded = (claimedAt != null || records.claim(recipient, claim)) && records.markFailed(recipient, claim, reason, clock.instant());
        if (recorded) {
            LOG.warnf("mailing %s: not sent to contact %s: %s", recipient.mailingId(), recipient.contactId(), LogSafe.quote(reason));
            outcomes.count(recipient, SendOutcome.FAILED);
        }
        return Delivery.DONE;
    }

    private String whyNotMailable(Contact contact) {
        if (contact.getEmail() == null || contact.getEmail().isBlank()) {
            return "the contact has no email address";
        }
        // consent may have changed since dispatch; imported contacts were allowed by the segment if they were enqueued
        if (!Mailable.test(contact, true)) {
            return "the contact is " + contact.getStatus() + " since the dispatch";
        }
        return null;
    }

    private static boolean transientRefusal(AwsServiceException e) {
        String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
        return "LimitExceededException".equals(code) || "SendingPausedException".equals(code) || "AccountSuspendedException".equals(code)
                || "TooManyRequestsException".equals(code);
    }

    private static String reason(AwsServiceException e) {
        String message = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
        String text = String.valueOf(message);
        return text.length() > 300 ? text.substring(0, 300) : text;
    }

    /** All sends of a batch are settled: the mailing may be done. */
    public void afterBatch(String orgId, String mailingId) {
        settlement.settleIfDone(orgId, mailingId);
    }

    private Optional<Cached> mailing(Recipient recipient) {
        String key = recipient.orgId() + "/" + recipient.mailingId();
        Cached cached = cache.get(key);
        Instant now = clock.instant();
        if (cached != null && cached.readAt.plus(STATE_FRESHNESS).isAfter(now)) {
            return Optional.of(cached);
        }
        Optional<Mailing> mailing = mailings.find(recipient.orgId(), recipient.mailingId());
        Optional<Organisation> organisation = organisations.find(recipient.orgId());
        if (mailing.isEmpty() || organisation.isEmpty()) {
            cache.remove(key);
            return Optional.empty();
        }
        MailingContent content = cached != null && sameContent(cached.mailing, mailing.get()) ? cached.content : MailingContent.of(mailing.get());
        boolean verified = organisation.get().getSenders().stream()
                .anyMatch(sender -> sender.getAddress().equalsIgnoreCase(mailing.get().getFromAddress()));
        Cached fresh = new Cached(mailing.get(), organisation.get(), content, verified, now);
        cache.put(key, fresh);
        return Optional.of(fresh);
    }

    private static boolean sameContent(Mailing a, Mailing b) {
        return java.util.Objects.equals(a.getSubject(), b.getSubject()) && java.util.Objects.equals(a.getHtml(), b.getHtml())
                && java.util.Objects.equals(a.getText(), b.getText());
    }

    private record Cached(Mailing mailing, Organisation organisation, MailingContent content, boolean senderVerified, Instant readAt) {
    }
}
