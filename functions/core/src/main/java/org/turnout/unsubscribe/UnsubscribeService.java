package org.turnout.unsubscribe;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.turnout.contact.ContactOptOut;
import org.turnout.contact.ContactStatus;
import org.turnout.contact.idmigration.MovedContactIds;
import org.turnout.feedback.MailingCounter;
import org.turnout.feedback.MailingFeedbackCounters;
import org.turnout.organisation.Language;
import org.turnout.organisation.Organisation;
import org.turnout.security.LinkClaims;

/**
 * One-click unsubscribe (RFC 8058). Looking at the page changes nothing (mail scanners follow
 * links); the POST unsubscribes at once. Which requests are heard, and how often, is
 * {@link UnsubscribeRequests}'s.
 */
@Singleton
public record UnsubscribeService(UnsubscribeRequests requests, ContactOptOut optOut, MovedContactIds moved,
                                 MailingFeedbackCounters counters, Clock clock) {
    public static final String REASON = "unsubscribe link";

    /** The confirmation page's facts; nothing changes. */
    public UnsubscribeOutcome look(String token, String clientIp, Language fallback) {
        return requests.verified(token, clientIp).map(valid -> outcome(valid.organisation()))
                .orElseGet(() -> UnsubscribeOutcome.invalid(fallback));
    }

    /** Unsubscribes the link's contact; idempotent: the second time records and counts nothing. */
    public UnsubscribeOutcome unsubscribe(String token, String clientIp, Language fallback) {
        Optional<UnsubscribeRequests.Verified> verified = requests.verified(token, clientIp);
        if (verified.isEmpty()) {
            return UnsubscribeOutcome.invalid(fallback);
        }
        LinkClaims claims = verified.get().claims();
        // a link sent before the contact ids became keyed carries the old id
        String contactId = moved.current(claims.orgId(), claims.contactId());
        Instant now = clock.instant();
        boolean changed = optOut.optOut(claims.orgId(), contactId, ContactStatus.UNSUBSCRIBED, REASON, claims.mailingId(), now);
        if (changed && claims.mailingId() != null) {
            counters.increment(claims.orgId(), claims.mailingId(), MailingCounter.UNSUBSCRIBED, now);
        }
        // an erased contact gets the same answer: unsubscribed is what they asked to be, and are
        return outcome(verified.get().organisation());
    }

    private static UnsubscribeOutcome outcome(Organisation organisation) {
        return new UnsubscribeOutcome(true, organisation.languageOrDefault(), organisation.name());
    }
}
