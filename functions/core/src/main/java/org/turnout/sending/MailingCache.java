package org.turnout.sending;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.turnout.mailing.Mailing;
import org.turnout.mailing.MailingContent;
import org.turnout.mailing.MailingRepository;
import org.turnout.organisation.Organisation;
import org.turnout.organisation.OrganisationRepository;

/**
 * The mailings a send instance is sending, with their organisation and compiled templates, read
 * again once they are a little old: a sender needs them for every recipient, and reading them each
 * time would double its reads. Safe for the sends of an instance running at once.
 */
@ApplicationScoped
public class MailingCache {
    /** How long a mailing's state is trusted between sends, so that a pause stops sends within seconds. */
    static final Duration STATE_FRESHNESS = Duration.ofSeconds(2);

    private final MailingRepository mailings;
    private final OrganisationRepository organisations;
    private final Clock clock;
    private final Map<String, CachedMailing> cache = new ConcurrentHashMap<>();

    public MailingCache(MailingRepository mailings, OrganisationRepository organisations, Clock clock) {
        this.mailings = mailings;
        this.organisations = organisations;
        this.clock = clock;
    }

    /** The recipient's mailing as recently read; empty if it or its organisation is gone. */
    public Optional<CachedMailing> mailingOf(Recipient recipient) {
        String key = recipient.orgId() + "/" + recipient.mailingId();
        CachedMailing cached = cache.get(key);
        Instant now = clock.instant();
        if (cached != null && cached.readAt().plus(STATE_FRESHNESS).isAfter(now)) {
            return Optional.of(cached);
        }
        Optional<Mailing> mailing = mailings.find(recipient.orgId(), recipient.mailingId());
        Optional<Organisation> organisation = organisations.find(recipient.orgId());
        if (mailing.isEmpty() || organisation.isEmpty()) {
            cache.remove(key);
            return Optional.empty();
        }
        MailingContent content = cached != null && sameContent(cached.mailing(), mailing.get()) ? cached.content() : MailingContent.of(mailing.get());
        boolean verified = organisation.get().senders().stream()
                .anyMatch(sender -> sender.address().equalsIgnoreCase(mailing.get().fromAddress()));
        CachedMailing fresh = new CachedMailing(mailing.get(), organisation.get(), content, verified, now);
        cache.put(key, fresh);
        return Optional.of(fresh);
    }

    private static boolean sameContent(Mailing a, Mailing b) {
        return Objects.equals(a.subject(), b.subject()) && Objects.equals(a.html(), b.html())
                && Objects.equals(a.text(), b.text());
    }

    /**
     * A mailing as read at {@code readAt}, with its organisation, its compiled content and whether its sender is
     * still among the organisation's.
     */
    public record CachedMailing(Mailing mailing, Organisation organisation, MailingContent content, boolean senderVerified, Instant readAt) {
    }
}
