package org.turnout.api.console;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A stand-in of the managed login's token endpoint, until the local identity provider serves one: it answers
 * {@code POST /oauth2/token} as Cognito does for the authorization code grant with PKCE, for the codes a test
 * approved with {@link #approve}: once each, only with the verifier whose S256 challenge the code was given
 * for, the same redirect URI and client. The console is pointed at it ({@code turnout.console.auth-url}).
 */
public class ManagedLoginStandIn implements QuarkusTestResourceLifecycleManager {
    private static final Map<String, Approval> CODES = new ConcurrentHashMap<>();
    private static HttpServer server;

    private record Approval(String challenge, String redirectUri, String clientId, String idToken) {
    }

    /** A code the login would hand back to {@code redirectUri} after signing in the bearer of {@code idToken}. */
    public static String approve(String challenge, String redirectUri, String clientId, String idToken) {
        String code = UUID.randomUUID().toString();
        CODES.put(code, new Approval(challenge, redirectUri, clientId, idToken));
        return code;
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/oauth2/token", ManagedLoginStandIn::token);
        server.start();
        return Map.of("turnout.console.auth-url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static void token(HttpExchange exchange) throws IOException {
        Map<String, String> form = new HashMap<>();
        for (String pair : new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                form.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        Approval approval = form.get("code") == null ? null : CODES.remove(form.get("code"));
        boolean good = "POST".equals(exchange.getRequestMethod())
                && "authorization_code".equals(form.get("grant_type")) && approval != null
                && approval.redirectUri().equals(form.get("redirect_uri")) && approval.clientId().equals(form.get("client_id"))
                && form.get("code_verifier") != null
                && new SignInAttempt("", form.get("code_verifier")).challenge().equals(approval.challenge());
        byte[] body = (good ? "{\"id_token\":\"" + approval.idToken() + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}"
                : "{\"error\":\"invalid_grant\"}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(good ? 200 : 400, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }
}
