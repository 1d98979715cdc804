package org.turnout.feedback;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.turnout.contact.ContactRepository;
import org.turnout.contact.ContactStatus;
import org.turnout.contact.EmailAddress;
import org.turnout.security.LogSafe;
import org.turnout.sending.MailingSettlement;
import org.turnout.sending.Recipient;
import org.turnout.sending.SendOutcomes;

/**
 * What an SES event changes for its recipient, every time it comes (each change is idempotent): the contact's
 * engagement or status, or the send a {@code Send} event settles; and which mailing counter it moves, counted once
 * by {@link FeedbackService}.
 */
@Singleton
public record FeedbackEffects(ContactRepository contacts, FeedbackSuppressions suppressions, SendOutcomes sendOutcomes,
                              MailingSettlement settlement) {
    private static final Logger LOG = Logger.getLogger(FeedbackEffects.class);

    /** The event's side on the contact (idempotent); the mailing counter it moves, if any. */
    public MailingCounter apply(SesEvent event, String orgId, String mailingId, String contactId,
                                Optional<EmailAddress> address, Instant at) {
        switch (event.eventType()) {
            case SesEvent.BOUNCE:
                if (event.permanentBounce()) {
                    suppressions.suppress(orgId, contactId, address, ContactStatus.BOUNCED, "bounce", "permanent bounce", mailingId, at);
                    return MailingCounter.BOUNCED;
                }
                contacts.modify(orgId, contactId, contact -> ContactEngagement.transientBounce(contact, event.messageId(), at));
                if (contacts.find(orgId, contactId).filter(ContactEngagement::tooManyTransientBounces).isPresent()) {
                    suppressions.suppress(orgId, contactId, address, ContactStatus.BOUNCED, "transient-bounces",
                            ContactEngagement.TRANSIENT_BOUNCES_TO_SUPPRESS + " transient bounces in a row", mailingId, at);
                }
                return null;
            case SesEvent.COMPLAINT:
                suppressions.suppress(orgId, contactId, address, ContactStatus.COMPLAINED, "complaint", "complaint", mailingId, at);
                return MailingCounter.COMPLAINED;
            case SesEvent.DELIVERY:
                contacts.modify(orgId, contactId, contact -> ContactEngagement.delivered(contact, mailingId, at));
                return MailingCounter.DELIVERED;
            case SesEvent.OPEN:
                contacts.modify(orgId, contactId, contact -> ContactEngagement.opened(contact, mailingId, at));
                return MailingCounter.OPENED;
            case SesEvent.CLICK:
                contacts.modify(orgId, contactId, contact -> ContactEngagement.clicked(contact, mailingId, at));
                return MailingCounter.CLICKED;
            case SesEvent.SEND:
                // SES took it: a send whose answer was lost (claimed, or given up as unknown) is settled as sent
                if (mailingId != null && sendOutcomes.sent(new Recipient(orgId, mailingId, contactId), event.messageId())) {
                    LOG.infof("mailing %s: SES's Send event settles contact %s as sent (message %s)", mailingId, contactId,
                            LogSafe.quote(event.messageId()));
                    // the sender's batch may have ended before this count: the mailing may be done only now
                    settlement.settleIfDone(orgId, mailingId);
                }
                return null;
            default:
                // Reject, Rendering Failure, DeliveryDelay: recorded as applied, nothing to change here
                LOG.infof("SES %s event for message %s of %s", LogSafe.quote(event.eventType()), LogSafe.quote(event.messageId()), orgId);
                return null;
        }
    }
}
