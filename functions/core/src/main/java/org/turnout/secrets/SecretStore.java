package org.turnout.secrets;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;
import org.turnout.aws.AwsClients;

/**
 * The one place secrets are read: link-signing keys and peppers, from AWS Secrets Manager (locally, the runner's
 * Secrets Manager API), each value cached and read again after {@link #REFRESH_AFTER}, so that a rotation reaches
 * every warm function within that time. A caller that meets a value it does not know yet (a link signed with a key
 * id not in the cached keys) asks for {@link #refreshed}: read again at once, at most once per
 * {@link #MIN_FORCED_REFRESH_INTERVAL}, so forged key ids cannot turn into a flood of Secrets Manager calls.
 * If Secrets Manager cannot be reached when a cached value is due, the cached value goes on serving until it can.
 * Values are never logged.
 */
@ApplicationScoped
public class SecretStore {
    public static final Duration REFRESH_AFTER = Duration.ofMinutes(5);
    public static final Duration MIN_FORCED_REFRESH_INTERVAL = Duration.ofSeconds(30);
    private static final Logger LOG = Logger.getLogger(SecretStore.class);

    private final SecretSource source;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private final Map<String, Instant> forcedAt = new ConcurrentHashMap<>();

    @Inject
    public SecretStore(AwsClients aws, Clock clock) {
        this(SecretSource.of(aws.secretsManager()), clock);
    }

    public SecretStore(SecretSource source, Clock clock) {
        this.source = source;
        this.clock = clock;
    }

    /** The secret's value, from the cache while it is fresh. */
    public String current(String secretId) {
        Cached cached = cache.get(secretId);
        Instant now = clock.instant();
        if (cached != null && now.isBefore(cached.readAt().plus(REFRESH_AFTER))) {
            return cached.value();
        }
        return read(secretId, cached, now);
    }

    /**
     * The secret's value read again now (the cached one may be out of date: a link names a key it lacks), unless such
     * a read was already made less than {@link #MIN_FORCED_REFRESH_INTERVAL} ago.
     */
    public String refreshed(String secretId) {
        Cached cached = cache.get(secretId);
        Instant now = clock.instant();
        Instant lastForced = forcedAt.get(secretId);
        if (cached != null && lastForced != null && now.isBefore(lastForced.plus(MIN_FORCED_REFRESH_INTERVAL))) {
            return cached.value();
        }
        forcedAt.put(secretId, now);
        return read(secretId, cached, now);
    }

    /** Reads now the secrets this function was given (see {@link SecretsAtInit}), so the first request does not wait for them. */
    void preload(Iterable<String> secretIds) {
        secretIds.forEach(this::current);
    }

    private String read(String secretId, Cached cached, Instant now) {
        String value;
        try {
            value = source.currentValue(secretId);
        } catch (RuntimeException e) {
            if (cached == null) {
                throw new IllegalStateException("Cannot read secret " + secretId + ": " + e.getClass().getSimpleName(), e);
            }
            // a short outage of Secrets Manager must not stop the function: the value it had is still good
            LOG.warnf("cannot read secret %s again (%s); keeping the value read at %s", secretId, e.getClass().getSimpleName(), cached.readAt());
            cache.put(secretId, new Cached(cached.value(), now));
            return cached.value();
        }
        if (value == null || value.isEmpty()) {
            throw new IllegalStateException("Secret " + secretId + " has no SecretString");
        }
        cache.put(secretId, new Cached(value, now));
        return value;
    }

    private record Cached(String value, Instant readAt) {
        @Override
        public String toString() {
            return "Cached[readAt=" + readAt + "]";
        }
    }
}
