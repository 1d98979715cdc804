package org.turnout.unsubscribe;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.turnout.contact.ContactOptOut;
import org.turnout.contact.ContactStatus;
import org.turnout.contact.idmigration.MovedContactIds;
import org.turnout.feedback.MailingCounter;
import org.turnout.feedback.MailingFeedbackCounters;
import org.turnout.organisation.Language;
import org.turnout.organisation.Organisation;
import org.turnout.organisation.OrganisationRepository;
import org.turnout.security.IpHasher;
import org.turnout.security.LinkClaims;
import org.turnout.security.LinkSigner;
import org.turnout.security.LinkVerification;
import org.turnout.security.RateLimiter;

/**
 * One-click unsubscribe (RFC 8058). Looking at the page changes nothing (mail scanners follow
 * links); the POST unsubscribes at once. The token is checked before anything is read, so a forged
 * one costs no database call; a valid one is rate limited per IP address and organisation, with a
 * generous limit, since one-click POSTs come from the mailbox providers' few servers.
 */
@ApplicationScoped
public class UnsubscribeService {
    public static final String REASON = "unsubscribe link";

    private final LinkSigner links;
    private final OrganisationRepository organisations;
    private final ContactOptOut optOut;
    private final MovedContactIds moved;
    private final MailingFeedbackCounters counters;
    private final RateLimiter rateLimiter;
    private final IpHasher ipHasher;
    private final Clock clock;
    private final int perMinutePerIp;

    public UnsubscribeService(LinkSigner links, OrganisationRepository organisations, ContactOptOut optOut, MovedContactIds moved,
                              MailingFeedbackCounters counters, RateLimiter rateLimiter, IpHasher ipHasher, Clock clock,
                              @ConfigProperty(name = "turnout.unsubscribe-per-minute-per-ip", defaultValue = "300") int perMinutePerIp) {
        this.links = links;
        this.organisations = organisations;
        this.optOut = optOut;
        this.moved = moved;
        this.counters = counters;
        this.rateLimiter = rateLimiter;
        this.ipHasher = ipHasher;
        this.clock = clock;
        this.perMinutePerIp = perMinutePerIp;
    }

    /** The confirmation page's facts; nothing changes. */
    public UnsubscribeOutcome look(String token, String clientIp, Language fallback) {
        return verified(token, clientIp).map(valid -> outcome(valid.organisation()))
                .orElseGet(() -> UnsubscribeOutcome.invalid(fallback));
    }

    /** Unsubscribes the link's contact; idempotent: the second time records and counts nothing. */
    public UnsubscribeOutcome unsubscribe(String token, String clientIp, Language fallback) {
        Optional<Verified> verified = verified(token, clientIp);
        if (verified.isEmpty()) {
            return UnsubscribeOutcome.invalid(fallback);
        }
        LinkClaims claims = verified.get().claims();
        // a link sent before the contact ids became keyed carries the old id
        String contactId = moved.current(claims.orgId(), claims.contactId());
        boolean changed = optOut.optOut(claims.orgId(), contactId, ContactStatus.UNSUBSCRIBED, REASON,
                claims.mailingId(), clock.instant());
        if (changed && claims.mailingId() != null) {
            counters.increment(claims.orgId(), claims.mailingId(), MailingCounter.UNSUBSCRIBED);
        }
        // an erased contact gets the same answer: unsubscribed is what they asked to be, and are
        return outcome(verified.get().organisation());
    }

    private record Verified(LinkClaims claims, Organisation organisation) {
    }

    private Optional<Verified> verified(String token, String clientIp) {
        if (token == null || token.length() > 2048 || !(links.verify(token, LinkClaims.UNSUBSCRIBE) instanceof LinkVerification.Valid valid)) {
            return Optional.empty();
        }
        LinkClaims claims = valid.claims();
        Optional<Organisation> organisation = organisations.find(claims.orgId());
        if (organisation.isEmpty()) {
            return Optional.empty();
        }
        rateLimiter.acquire(claims.orgId(), "unsubscribe", ipHasher.hash(clientIp), perMinutePerIp);
        return Optional.of(new Verified(claims, organisation.get()));
    }

    private static UnsubscribeOutcome outcome(Organisation organisation) {
        return new UnsubscribeOutcome(true, organisation.languageOrDefault(), organisation.getName());
    }
}
