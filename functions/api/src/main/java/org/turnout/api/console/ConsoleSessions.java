package org.turnout.api.console;

import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.NewCookie;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.turnout.api.security.AccessRule;
import org.turnout.api.security.AuthSettings;

/**
 * The console's cookies: the session (the ID token the login issued, {@code HttpOnly; Secure; SameSite=Strict}),
 * the sign-in under way, and the language chosen. The session's token is verified as the API's guard verifies
 * a bearer token (smallrye-jwt with the issuer's published keys, {@code TokenVerification}) and judged by the
 * same {@link AccessRule}.
 */
@ApplicationScoped
public class ConsoleSessions {
    public static final String SESSION = "turnout_console";
    public static final String SIGN_IN = "turnout_console_sign_in";
    public static final String LANGUAGE = "turnout_console_lang";
    /** The header htmx sends on every request of a page ({@code hx-headers}), and the forms' field. */
    public static final String CSRF_HEADER = "X-CSRF-Token";
    public static final String CSRF_FIELD = "csrf";
    static final String PATH = "/console";
    private static final byte[] CSRF_LABEL = "turnout-console-csrf\n".getBytes(StandardCharsets.US_ASCII);

    private final JWTParser parser;
    private final AuthSettings auth;

    public ConsoleSessions(JWTParser parser, AuthSettings auth) {
        this.parser = parser;
        this.auth = auth;
    }

    /** The session's token if it is valid (signature, issuer, expiry) and of this deployment's audience. */
    public Optional<JsonWebToken> signedIn(String session) {
        if (session == null || session.isBlank()) {
            return Optional.empty();
        }
        try {
            JsonWebToken token = parser.parse(session);
            return AccessRule.knows(token, auth.audience()) ? Optional.of(token) : Optional.empty();
        } catch (ParseException e) {
            return Optional.empty();
        }
    }

    /**
     * The CSRF token of a session: a digest of the session's value, which a page of another site can neither
     * read (HttpOnly) nor compute, and which changes with every sign-in. Nothing to store.
     */
    public static String csrfToken(String session) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(CSRF_LABEL);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest.digest(session.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256", e);
        }
    }

    /** Whether a state-changing request carries its session's CSRF token. */
    public static boolean csrfMatches(String session, String given) {
        return session != null && given != null && MessageDigest.isEqual(
                csrfToken(session).getBytes(StandardCharsets.US_ASCII), given.getBytes(StandardCharsets.US_ASCII));
    }

    public static NewCookie session(String idToken, long maxAgeSeconds) {
        return cookie(SESSION, idToken, (int) Math.min(Integer.MAX_VALUE, maxAgeSeconds), NewCookie.SameSite.STRICT);
    }

    /**
     * Lax, not Strict: the login's answer is a navigation from another site, on which a Strict cookie is not sent.
     */
    public static NewCookie signIn(String sealed) {
        return cookie(SIGN_IN, sealed, (int) SignInCookies.VALIDITY.toSeconds(), NewCookie.SameSite.LAX);
    }

    public static NewCookie language(String code) {
        return cookie(LANGUAGE, code, 365 * 24 * 3600, NewCookie.SameSite.STRICT);
    }

    public static NewCookie cleared(String name) {
        return cookie(name, "", 0, NewCookie.SameSite.STRICT);
    }

    private static NewCookie cookie(String name, String value, int maxAge, NewCookie.SameSite sameSite) {
        return new NewCookie.Builder(name).value(value).path(PATH).maxAge(maxAge)
                .httpOnly(true).secure(true).sameSite(sameSite).build();
    }
}
