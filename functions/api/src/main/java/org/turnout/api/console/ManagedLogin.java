package org.turnout.api.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The managed login's three endpoints as the console, a public client, uses them (Cognito's user pool
 * endpoints; the local identity provider serves the same): {@code /oauth2/authorize}, {@code /oauth2/token}
 * and {@code /logout}.
 */
@ApplicationScoped
public class ManagedLogin {
    static final String CALLBACK = "/callback";
    static final String SIGNED_OUT = "/signed-out";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = Logger.getLogger(ManagedLogin.class);

    private final ConsoleSettings settings;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    public ManagedLogin(ConsoleSettings settings) {
        this.settings = settings;
    }

    public URI authorize(SignInAttempt attempt) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", settings.clientId());
        query.put("redirect_uri", callback());
        query.put("state", attempt.state());
        query.put("code_challenge", attempt.challenge());
        query.put("code_challenge_method", "S256");
        query.put("scope", "openid email");
        return URI.create(base() + "/oauth2/authorize?" + form(query));
    }

    /** The ID token the login gives for {@code code}; empty if it refuses it (used, expired, another verifier). */
    public Optional<String> idToken(String code, SignInAttempt attempt) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("grant_type", "authorization_code");
        body.put("code", code);
        body.put("redirect_uri", callback());
        body.put("client_id", settings.clientId());
        body.put("code_verifier", attempt.verifier());
        HttpRequest request = HttpRequest.newBuilder(URI.create(base() + "/oauth2/token")).timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form(body))).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                // the status only: the body may echo the code
                LOG.warnf("The login's token endpoint refused a code: %d", response.statusCode());
                return Optional.empty();
            }
            String idToken = JSON.readTree(response.body()).path("id_token").asText("");
            return idToken.isEmpty() ? Optional.empty() : Optional.of(idToken);
        } catch (IOException e) {
            throw new IllegalStateException("The login's token endpoint cannot be reached: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while exchanging a sign-in code", e);
        }
    }

    public URI logout() {
        return URI.create(base() + "/logout?" + form(Map.of("client_id", settings.clientId(), "logout_uri", settings.url() + SIGNED_OUT)));
    }

    /** The login's origin, which the pages' Content-Security-Policy lets forms go to (sign-out redirects there). */
    public String origin() {
        URI uri = URI.create(base());
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }

    String callback() {
        return settings.url() + CALLBACK;
    }

    private String base() {
        String url = settings.authUrl();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
