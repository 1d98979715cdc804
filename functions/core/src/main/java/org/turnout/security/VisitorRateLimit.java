package org.turnout.security;

import jakarta.inject.Singleton;

/**
 * The limit of a public route per visitor: a visitor is known only by the hash of their IP address, counted per
 * organisation and action.
 */
@Singleton
public record VisitorRateLimit(RateLimiter rateLimiter, IpHasher ipHasher) {
    /**
     * Counts one {@code action} of this visitor, or refuses it beyond {@code perMinute}
     * ({@link org.turnout.problem.RateLimitedException}); answers the IP's hash, the only trace of it anyone keeps.
     */
    public String acquire(String orgId, String action, String clientIp, int perMinute) {
        String ipHash = ipHasher.hash(clientIp);
        rateLimiter.acquire(orgId, action, ipHash, perMinute);
        return ipHash;
    }
}
