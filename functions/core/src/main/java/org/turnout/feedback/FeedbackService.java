package org.turnout.feedback;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.turnout.contact.Contact;
import org.turnout.contact.ContactOptOut;
import org.turnout.contact.ContactIds;
import org.turnout.contact.ContactRepository;
import org.turnout.contact.ContactStatus;
import org.turnout.contact.EmailAddress;
import org.turnout.contact.idmigration.MovedContactIds;
import org.turnout.privacy.ErasureTombstones;
import org.turnout.security.LogSafe;
import org.turnout.sending.MailingSettlement;
import org.turnout.sending.Recipient;
import org.turnout.sending.SendOutcomes;
import org.turnout.suppression.SuppressionService;

/**
 * Applies the SES events of the configuration set: a permanent bounce or a complaint suppresses
 * the contact (status and suppression list); three transient bounces in a row do too; deliveries,
 * opens and clicks update the contact's engagement and the mailing's counts.
 *
 * <p>Events come more than once and out of order. The contact's changes are idempotent by
 * themselves (see {@link ContactEngagement}, {@link ContactOptOut}), so they are applied first,
 * every time; then the event is claimed with a conditional put, and only the first claim counts
 * on the mailing. A crash between the claim and the count loses one count, never doubles it.
 */
@ApplicationScoped
public class FeedbackService {
    private static final Logger LOG = Logger.getLogger(FeedbackService.class);

    /** What applying one event to one recipient did. */
    public enum Outcome { APPLIED, DUPLICATE, IGNORED }

    private final ContactRepository contacts;
    private final ContactIds ids;
    private final MovedContactIds moved;
    private final ContactOptOut optOut;
    private final SuppressionService suppressions;
    private final ErasureTombstones tombstones;
    private final AppliedEvents applied;
    private final MailingFeedbackCounters counters;
    private final SendOutcomes sendOutcomes;
    private final MailingSettlement settlement;
    private final Clock clock;

    public FeedbackService(ContactRepository contacts, ContactIds ids, MovedContactIds moved, ContactOptOut optOut, SuppressionService suppressions,
                           ErasureTombstones tombstones, AppliedEvents applied, MailingFeedbackCounters counters,
                           SendOutcomes sendOutcomes, MailingSettlement settlement, Clock clock) {
        this.contacts = contacts;
        this.ids = ids;
        this.moved = moved;
        this.optOut = optOut;
        this.suppressions = suppressions;
        this.tombstones = tombstones;
        this.applied = applied;
        this.counters = counters;
        this.sendOutcomes = sendOutcomes;
        this.settlement = settlement;
        this.clock = clock;
    }

    /** Applies one event (the JSON of the SNS message) to each recipient it names. */
    public List<Outcome> apply(String sesEventJson) {
        SesEvent event = SesEvent.parse(sesEventJson);
        String orgId = event.organisationTag();
        if (orgId == null || !SesTags.ORGANISATION_ID.matcher(orgId).matches()) {
            LOG.infof("SES %s event for message %s has no usable %s tag: not ours, ignored", LogSafe.quote(event.eventType()),
                    LogSafe.quote(event.messageId()), SesTags.ORGANISATION);
            return List.of(Outcome.IGNORED);
        }
        String mailingId = event.mailingTag() != null && SesTags.MAILING_ID.matcher(event.mailingTag()).matches() ? event.mailingTag() : null;
        Instant at = event.at() == null ? clock.instant() : event.at();
        return event.recipients().stream().map(recipient -> applyTo(event, orgId, mailingId, recipient, at)).toList();
    }

    private Outcome applyTo(SesEvent event, String orgId, String mailingId, String recipient, Instant at) {
        Optional<EmailAddress> address = EmailAddress.parse(recipient);
        String contactId = contactId(event, orgId, address);
        if (contactId == null) {
            LOG.infof("SES %s event for message %s names no contact we can tell, ignored", LogSafe.quote(event.eventType()),
                    LogSafe.quote(event.messageId()));
            return Outcome.IGNORED;
        }
        MailingCounter counter = changeContact(event, orgId, mailingId, contactId, address, at);
        if (!applied.claim(orgId, event, contactId)) {
            return Outcome.DUPLICATE;
        }
        if (counter != null && mailingId != null) {
            counters.increment(orgId, mailingId, counter);
        }
        return Outcome.APPLIED;
    }

    /** The contact's side of the event (idempotent); the mailing counter it moves, if any. */
    private MailingCounter changeContact(SesEvent event, String orgId, String mailingId, String contactId,
                                         Optional<EmailAddress> address, Instant at) {
        switch (event.eventType()) {
            case SesEvent.BOUNCE:
                if (event.permanentBounce()) {
                    suppress(orgId, contactId, address, ContactStatus.BOUNCED, "bounce", "permanent bounce", mailingId, at);
                    return MailingCounter.BOUNCED;
                }
                contacts.modify(orgId, contactId, contact -> ContactEngagement.transientBounce(contact, event.messageId(), at));
                if (contacts.find(orgId, contactId).filter(ContactEngagement::tooManyTransientBounces).isPresent()) {
                    suppress(orgId, contactId, address, ContactStatus.BOUNCED, "transient-bounces",
                            ContactEngagement.TRANSIENT_BOUNCES_TO_SUPPRESS + " transient bounces in a row", mailingId, at);
                }
                return null;
            case SesEvent.COMPLAINT:
                suppress(orgId, contactId, address, ContactStatus.COMPLAINED, "complaint", "complaint", mailingId, at);
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

    private void suppress(String orgId, String contactId, Optional<EmailAddress> address, ContactStatus status,
                          String source, String reason, String mailingId, Instant at) {
        optOut.optOut(orgId, contactId, status, reason, mailingId, at);
        Optional<Contact> contact = contacts.find(orgId, contactId);
        String email = contact.map(Contact::getEmail).orElse(address.map(EmailAddress::value).orElse(null));
        // an erased address is kept unmailable by its tombstone: the list must not learn it again
        boolean erased = contact.isEmpty() && address.isPresent() && !tombstones.erased(orgId, List.of(address.get())).isEmpty();
        if (email != null && !erased) {
            suppressions.addFromFeedback(orgId, contactId, email, source, reason, at);
        }
    }

    /**
     * The contact tag when it is one (an old id, of a message sent before the ids became keyed,
     * leads to the new one); otherwise the id derived from the recipient's address.
     */
    private String contactId(SesEvent event, String orgId, Optional<EmailAddress> address) {
        if (event.contactTag() != null && SesTags.CONTACT_ID.matcher(event.contactTag()).matches()
                && (event.recipients().size() == 1 || address.isEmpty())) {
            return moved.current(orgId, event.contactTag());
        }
        return address.map(ids::forEmail).orElse(null);
    }
}
