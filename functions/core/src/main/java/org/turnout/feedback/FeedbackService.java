package org.turnout.feedback;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.turnout.contact.EmailAddress;
import org.turnout.security.LogSafe;

/**
 * Applies the SES events of the configuration set: a permanent bounce or a complaint suppresses
 * the contact (status and suppression list); three transient bounces in a row do too; deliveries,
 * opens and clicks update the contact's engagement and the mailing's counts.
 *
 * <p>Events come more than once and out of order. The contact's changes are idempotent by
 * themselves (see {@link ContactEngagement}, {@link FeedbackSuppressions}), so they are applied first,
 * every time; then the event is claimed with a conditional put, and only the first claim counts
 * on the mailing. A crash between the claim and the count loses one count, never doubles it.
 */
@Singleton
public record FeedbackService(EventContacts eventContacts, FeedbackEffects effects, AppliedEvents applied,
                              MailingFeedbackCounters counters, Clock clock) {
    private static final Logger LOG = Logger.getLogger(FeedbackService.class);

    /** What applying one event to one recipient did. */
    public enum Outcome { APPLIED, DUPLICATE, IGNORED }

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
        String contactId = eventContacts.contactId(event, orgId, address);
        if (contactId == null) {
            LOG.infof("SES %s event for message %s names no contact we can tell, ignored", LogSafe.quote(event.eventType()),
                    LogSafe.quote(event.messageId()));
            return Outcome.IGNORED;
        }
        MailingCounter counter = effects.apply(event, orgId, mailingId, contactId, address, at);
        if (!applied.claim(orgId, event, contactId)) {
            return Outcome.DUPLICATE;
        }
        if (counter != null && mailingId != null) {
            counters.increment(orgId, mailingId, counter, at);
        }
        return Outcome.APPLIED;
    }
}
