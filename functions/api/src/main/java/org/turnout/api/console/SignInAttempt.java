package org.turnout.api.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * One sign-in under way: the {@code state} that ties the login's answer to this browser, and the PKCE
 * {@code verifier} whose digest (the challenge) the login saw (RFC 7636, method S256).
 */
public record SignInAttempt(String state, String verifier) {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    public static SignInAttempt start() {
        return new SignInAttempt(random(), random());
    }

    /** BASE64URL(SHA256(verifier)). */
    public String challenge() {
        try {
            return BASE64URL.encodeToString(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256", e);
        }
    }

    /** 32 random bytes: a verifier of 43 characters, the shortest RFC 7636 allows. */
    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return BASE64URL.encodeToString(bytes);
    }
}
