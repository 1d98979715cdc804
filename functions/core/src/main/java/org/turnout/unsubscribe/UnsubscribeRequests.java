package org.turnout.unsubscribe;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.turnout.organisation.Organisation;
import org.turnout.organisation.OrganisationRepository;
import org.turnout.security.LinkClaims;
import org.turnout.security.LinkSigner;
import org.turnout.security.LinkVerification;
import org.turnout.security.VisitorRateLimit;

/**
 * Which unsubscribe requests are heard: the token is checked before anything is read, so a forged one costs no
 * database call; a valid one of an organisation that exists is rate limited per IP address and organisation.
 */
@ApplicationScoped
public class UnsubscribeRequests {
    private final LinkSigner links;
    private final OrganisationRepository organisations;
    private final VisitorRateLimit visitors;
    private final int perMinutePerIp;

    @Inject
    public UnsubscribeRequests(LinkSigner links, OrganisationRepository organisations, VisitorRateLimit visitors,
                               UnsubscribeSettings settings) {
        this(links, organisations, visitors, settings.unsubscribePerMinutePerIp());
    }

    public UnsubscribeRequests(LinkSigner links, OrganisationRepository organisations, VisitorRateLimit visitors,
                               int perMinutePerIp) {
        this.links = links;
        this.organisations = organisations;
        this.visitors = visitors;
        this.perMinutePerIp = perMinutePerIp;
    }

    /** A request with a valid link, and the link's organisation. */
    public record Verified(LinkClaims claims, Organisation organisation) {
    }

    /** The request's link and organisation; empty for a link that is not valid. */
    public Optional<Verified> verified(String token, String clientIp) {
        if (token == null || token.length() > 2048 || !(links.verify(token, LinkClaims.UNSUBSCRIBE) instanceof LinkVerification.Valid valid)) {
            return Optional.empty();
        }
        LinkClaims claims = valid.claims();
        Optional<Organisation> organisation = organisations.find(claims.orgId());
        if (organisation.isEmpty()) {
            return Optional.empty();
        }
        visitors.acquire(claims.orgId(), "unsubscribe", clientIp, perMinutePerIp);
        return Optional.of(new Verified(claims, organisation.get()));
    }
}
