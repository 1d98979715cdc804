package org.turnout.security;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Visitors' IP addresses are never stored: only a keyed hash (HMAC-SHA256 with a secret pepper),
 * enough to prove consent came from one place and to rate-limit it, not to find the address.
 */
@ApplicationScoped
public class IpHasher {
    private final SecretKeySpec pepper;

    public IpHasher(@ConfigProperty(name = "turnout.ip-hash-pepper") String pepper) {
        if (pepper.length() < 16) {
            throw new IllegalArgumentException("turnout.ip-hash-pepper must be at least 16 characters");
        }
        this.pepper = new SecretKeySpec(pepper.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    public String hash(String ip) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(pepper);
            byte[] digest = mac.doFinal(ip.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JRE", e);
        }
    }
}
