package org.turnout.local.cognito;

import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

/**
 * The user pool's managed login as Cognito serves it to a public app client (the console): the authorization code
 * flow with PKCE. {@code GET /oauth2/authorize} shows the sign-in page, whose form comes back to the same path and,
 * with the right password, redirects to the client's {@code redirect_uri} with a {@code code} and the {@code state};
 * {@code POST /oauth2/token} changes the code (single-use, five minutes, its {@code code_verifier} checked against
 * the challenge) or a refresh token for tokens; {@code GET /logout} sends the browser to the client's
 * {@code logout_uri}. A request naming an unknown client, or a URL the client did not register, gets an error page and
 * is never redirected. The log names the client and the outcome, never an address, password or token.
 */
public final class ManagedLogin {
    public static final Duration CODE_VALIDITY = Duration.ofMinutes(5);
    public static final Duration TOKEN_VALIDITY = Duration.ofHours(1);
    private static final Duration SESSION_VALIDITY = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final List<String> AUTHORIZE_PARAMETERS = List.of("response_type", "client_id", "redirect_uri", "state",
            "code_challenge", "code_challenge_method", "scope", "lang");

    private record Grant(String username, String clientId, String redirectUri, String challenge, Instant expires) {
    }

    private record Refresh(String username, String clientId) {
    }

    private record Challenge(String username, Instant expires) {
    }

    private final LocalUserPool pool;
    private final Map<String, AppClient> clients = new LinkedHashMap<>();
    private final TokenMinter tokens;
    private final Clock clock;
    private final Consumer<String> log;
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    private final Map<String, Refresh> refreshTokens = new ConcurrentHashMap<>();
    private final Map<String, Challenge> sessions = new ConcurrentHashMap<>();

    public ManagedLogin(LocalUserPool pool, List<AppClient> clients, TokenMinter tokens, Clock clock, Consumer<String> log) {
        this.pool = pool;
        clients.forEach(client -> this.clients.put(client.id(), client));
        this.tokens = tokens;
        this.clock = clock;
        this.log = log;
    }

    /** Whether the path is one of the managed login's. */
    public static boolean serves(String path) {
        return path.equals("/oauth2/authorize") || path.equals("/oauth2/token") || path.equals("/logout");
    }

    public void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
        if (path.equals("/oauth2/authorize") && method.equals("GET")) {
            authorizePage(exchange, query);
        } else if (path.equals("/oauth2/authorize") && method.equals("POST")) {
            signIn(exchange, form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
        } else if (path.equals("/oauth2/token") && method.equals("POST")) {
            token(exchange, form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
        } else if (path.equals("/logout") && method.equals("GET")) {
            logout(exchange, query);
        } else {
            exchange.sendResponseHeaders(405, -1);
        }
    }

    private void authorizePage(HttpExchange exchange, Map<String, String> query) throws IOException {
        String lang = LoginPage.language(query.get("lang"), exchange.getRequestHeaders().getFirst("Accept-Language"));
        if (refusedWithoutRedirect(exchange, query, lang)) {
            return;
        }
        Optional<String> error = authorizeError(query);
        if (error.isPresent()) {
            redirect(exchange, query.get("redirect_uri"), "error=" + error.get() + state(query));
            return;
        }
        html(exchange, 200, LoginPage.signIn(lang, authorizeParameters(query), null, false));
    }

    private void signIn(HttpExchange exchange, Map<String, String> form) throws IOException {
        String lang = LoginPage.language(form.get("lang"), exchange.getRequestHeaders().getFirst("Accept-Language"));
        if (refusedWithoutRedirect(exchange, form, lang)) {
            return;
        }
        Optional<String> error = authorizeError(form);
        if (error.isPresent()) {
            redirect(exchange, form.get("redirect_uri"), "error=" + error.get() + state(form));
            return;
        }
        Map<String, String> authorize = authorizeParameters(form);
        LocalUserPool.User user;
        if (form.containsKey("session")) {
            Challenge challenge = sessions.remove(form.get("session"));
            if (challenge == null || clock.instant().isAfter(challenge.expires()) || pool.find(challenge.username()).isEmpty()) {
                html(exchange, 200, LoginPage.signIn(lang, authorize, null, false));
                return;
            }
            user = pool.user(challenge.username());
            try {
                pool.setPassword(user, form.get("new_password"), true);
            } catch (CognitoException refused) {
                html(exchange, 400, LoginPage.changePassword(lang, authorize, newSession(user), refused.getMessage()));
                return;
            }
        } else {
            Optional<LocalUserPool.User> found = pool.authenticate(form.get("email"), form.get("password"));
            if (found.isEmpty()) {
                log.accept("sign-in refused for client " + form.get("client_id"));
                html(exchange, 400, LoginPage.signIn(lang, authorize, form.get("email"), true));
                return;
            }
            user = found.get();
            if (LocalUserPool.FORCE_CHANGE_PASSWORD.equals(user.status())) {
                html(exchange, 200, LoginPage.changePassword(lang, authorize, newSession(user), null));
                return;
            }
        }
        String code = random();
        codes.put(code, new Grant(user.username(), form.get("client_id"), form.get("redirect_uri"), form.get("code_challenge"),
                clock.instant().plus(CODE_VALIDITY)));
        log.accept("signed in for client " + form.get("client_id"));
        redirect(exchange, form.get("redirect_uri"), "code=" + code + state(form));
    }

    private void token(HttpExchange exchange, Map<String, String> form) throws IOException {
        AppClient client = clients.get(form.get("client_id"));
        if (client == null) {
            tokenError(exchange, "invalid_client");
            return;
        }
        String grantType = String.valueOf(form.get("grant_type"));
        ObjectNode answer = JSON.createObjectNode();
        LocalUserPool.User user;
        if (grantType.equals("authorization_code")) {
            Grant grant = form.get("code") == null ? null : codes.remove(form.get("code"));
            if (grant == null || clock.instant().isAfter(grant.expires()) || !grant.clientId().equals(client.id())
                    || !grant.redirectUri().equals(form.get("redirect_uri")) || !verifies(form.get("code_verifier"), grant.challenge())) {
                log.accept("token refused for client " + client.id() + ": invalid_grant");
                tokenError(exchange, "invalid_grant");
                return;
            }
            Optional<LocalUserPool.User> found = pool.find(grant.username());
            if (found.isEmpty()) {
                tokenError(exchange, "invalid_grant");
                return;
            }
            user = found.get();
            String refresh = random();
            refreshTokens.put(refresh, new Refresh(user.username(), client.id()));
            answer.put("refresh_token", refresh);
        } else if (grantType.equals("refresh_token")) {
            Refresh refresh = form.get("refresh_token") == null ? null : refreshTokens.get(form.get("refresh_token"));
            Optional<LocalUserPool.User> found = refresh == null || !refresh.clientId().equals(client.id())
                    ? Optional.empty() : pool.find(refresh.username());
            if (found.isEmpty()) {
                tokenError(exchange, "invalid_grant");
                return;
            }
            user = found.get();
        } else {
            tokenError(exchange, "unsupported_grant_type");
            return;
        }
        answer.put("id_token", tokens.idToken(user, client.id(), TOKEN_VALIDITY));
        answer.put("access_token", tokens.accessToken(user, client.id(), TOKEN_VALIDITY));
        answer.put("expires_in", TOKEN_VALIDITY.toSeconds());
        answer.put("token_type", "Bearer");
        byte[] body = JSON.writeValueAsBytes(answer);
        exchange.getResponseHeaders().set("Content-Type", "application/json;charset=UTF-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
    }

    private void logout(HttpExchange exchange, Map<String, String> query) throws IOException {
        String lang = LoginPage.language(query.get("lang"), exchange.getRequestHeaders().getFirst("Accept-Language"));
        AppClient client = clients.get(query.get("client_id"));
        if (client == null || !client.logoutUrls().contains(query.get("logout_uri"))) {
            html(exchange, 400, LoginPage.error(lang, client == null ? "Unknown client_id." : "logout_uri is not registered for this client."));
            return;
        }
        exchange.getResponseHeaders().set("Location", query.get("logout_uri"));
        exchange.sendResponseHeaders(302, -1);
    }

    /** An unknown client or an unregistered redirect URI: an error page, for a redirect could hand a code to anyone. */
    private boolean refusedWithoutRedirect(HttpExchange exchange, Map<String, String> parameters, String lang) throws IOException {
        AppClient client = clients.get(parameters.get("client_id"));
        if (client == null) {
            html(exchange, 400, LoginPage.error(lang, "Unknown client_id."));
            return true;
        }
        if (!client.callbackUrls().contains(parameters.get("redirect_uri"))) {
            html(exchange, 400, LoginPage.error(lang, "redirect_uri is not registered for this client."));
            return true;
        }
        return false;
    }

    /** What OAuth sends back to a registered redirect URI: a flow other than code with PKCE S256. */
    private static Optional<String> authorizeError(Map<String, String> parameters) {
        if (!"code".equals(parameters.get("response_type"))) {
            return Optional.of("unsupported_response_type");
        }
        String challenge = parameters.get("code_challenge");
        if (challenge == null || challenge.isBlank() || !"S256".equals(parameters.get("code_challenge_method"))) {
            return Optional.of("invalid_request");
        }
        return Optional.empty();
    }

    private static boolean verifies(String verifier, String challenge) {
        if (verifier == null || challenge == null) {
            return false;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return MessageDigest.isEqual(Base64.getUrlEncoder().withoutPadding().encodeToString(digest)
                    .getBytes(StandardCharsets.US_ASCII), challenge.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String newSession(LocalUserPool.User user) {
        String session = random();
        sessions.put(session, new Challenge(user.username(), clock.instant().plus(SESSION_VALIDITY)));
        return session;
    }

    private static Map<String, String> authorizeParameters(Map<String, String> parameters) {
        Map<String, String> kept = new LinkedHashMap<>();
        AUTHORIZE_PARAMETERS.forEach(name -> {
            if (parameters.containsKey(name)) {
                kept.put(name, parameters.get(name));
            }
        });
        return kept;
    }

    private static String state(Map<String, String> parameters) {
        return parameters.containsKey("state") ? "&state=" + encode(parameters.get("state")) : "";
    }

    private static void redirect(HttpExchange exchange, String uri, String query) throws IOException {
        exchange.getResponseHeaders().set("Location", uri + (uri.contains("?") ? "&" : "?") + query);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(302, -1);
    }

    private static void tokenError(HttpExchange exchange, String error) throws IOException {
        byte[] body = JSON.writeValueAsBytes(JSON.createObjectNode().put("error", error));
        exchange.getResponseHeaders().set("Content-Type", "application/json;charset=UTF-8");
        exchange.sendResponseHeaders(400, body.length);
        exchange.getResponseBody().write(body);
    }

    private static void html(HttpExchange exchange, int status, String page) throws IOException {
        byte[] body = page.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html;charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static Map<String, String> form(String encoded) {
        Map<String, String> values = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return values;
        }
        for (String pair : encoded.split("&")) {
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            values.putIfAbsent(name, value);
        }
        return values;
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
