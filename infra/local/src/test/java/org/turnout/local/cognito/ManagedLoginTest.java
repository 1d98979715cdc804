package org.turnout.local.cognito;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.turnout.local.CloudFormationTemplate;
import org.turnout.local.LocalAwsStack;
import org.turnout.local.LocalIdentityProvider;
import org.turnout.local.Provisioned;
import org.turnout.local.TemplateFixture;
import org.turnout.local.iam.Credentials;
import org.turnout.local.iam.LocalIam;

/**
 * The managed login as the console uses it: the authorization code flow with PKCE against the app client that
 * template.yaml declares, over HTTP, redirects not followed so that each can be seen.
 */
class ManagedLoginTest {
    private static final String CONSOLE = "http://localhost:8081";
    private static final String CALLBACK = CONSOLE + "/console/callback";
    private static final String VERIFIER = "a-verifier-of-the-console-that-is-long-enough-0123456789";
    private static final String PASSWORD = "Correct-horse-42";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CloudFormationTemplate template = TemplateFixture.template();
    private final Provisioned resources = TemplateFixture.unprovisioned(template);
    private final LocalIam iam = LocalIam.fromTemplate(template, resources,
            new Credentials(LocalAwsStack.ACCESS_KEY_ID, LocalAwsStack.SECRET_ACCESS_KEY, null), Clock.systemUTC(), line -> { });
    private final LocalIdentityProvider provider = LocalIdentityProvider.serve(null, 0);
    private final LocalUserPool pool = provider.playUserPool(template, resources, Map.of("PublicUrl", CONSOLE), iam,
            (to, subject, body) -> { }, line -> { });
    private final String clientId = resources.ref("ConsoleClient");
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @AfterEach
    void stop() {
        provider.close();
    }

    @Test
    void theSignInPageTakesTheRightPasswordAndTheCodeBuysTokensWithTheUsersGroupsOnce() throws Exception {
        String username = staffOfLyon();
        HttpResponse<String> page = get("/oauth2/authorize?" + query(authorize(challenge(VERIFIER), "fr")));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<html lang=\"fr\"").contains("<label for=\"email\">Adresse e-mail</label>")
                .contains("<label for=\"password\">Mot de passe</label>");
        assertThat(get("/oauth2/authorize?" + query(authorize(challenge(VERIFIER), "en"))).body())
                .contains("<html lang=\"en\"").contains("Sign in");

        HttpResponse<String> wrong = signIn(authorize(challenge(VERIFIER), "en"), "marie@example.org", "Wrong-password-1");
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(wrong.body()).contains("role=\"alert\"").contains("aria-invalid=\"true\"").contains("Incorrect e-mail address or password.");
        assertThat(wrong.headers().firstValue("Location")).isEmpty();

        // the wrong verifier spends its code for nothing
        String spent = codeFrom(signIn(authorize(challenge(VERIFIER), "fr"), "marie@example.org", PASSWORD));
        assertThat(token(spent, "another-verifier-that-does-not-match-the-challenge-0000").statusCode()).isEqualTo(400);
        assertThat(token(spent, VERIFIER).body()).contains("invalid_grant");

        String code = codeFrom(signIn(authorize(challenge(VERIFIER), "fr"), "marie@example.org", PASSWORD));
        HttpResponse<String> tokens = token(code, VERIFIER);
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        JsonNode answer = JSON.readTree(tokens.body());
        assertThat(answer.path("token_type").asText()).isEqualTo("Bearer");
        assertThat(answer.path("expires_in").asInt()).isEqualTo(3600);
        JwtClaims id = verified(answer.path("id_token").asText());
        assertThat(id.getAudience()).containsExactly(clientId);
        assertThat(id.getSubject()).isEqualTo(username);
        assertThat(id.getStringClaimValue("token_use")).isEqualTo("id");
        assertThat(id.getStringClaimValue("email")).isEqualTo("marie@example.org");
        assertThat(id.getStringListClaimValue("cognito:groups")).containsExactly("org:lyon:staff");
        JwtClaims access = verified(answer.path("access_token").asText());
        assertThat(access.getStringClaimValue("client_id")).isEqualTo(clientId);
        assertThat(access.getStringListClaimValue("cognito:groups")).containsExactly("org:lyon:staff");

        // a code is good once
        assertThat(token(code, VERIFIER).statusCode()).isEqualTo(400);

        // the refresh token gives fresh tokens, with the groups as they are now
        pool.createGroup("org:lyon:owner");
        pool.addToGroup(username, "org:lyon:owner");
        HttpResponse<String> refreshed = post("/oauth2/token", Map.of("grant_type", "refresh_token", "client_id", clientId,
                "refresh_token", answer.path("refresh_token").asText()));
        assertThat(refreshed.statusCode()).isEqualTo(200);
        assertThat(verified(JSON.readTree(refreshed.body()).path("id_token").asText()).getStringListClaimValue("cognito:groups"))
                .containsExactly("org:lyon:staff", "org:lyon:owner");
    }

    @Test
    void anUnknownClientOrAForeignRedirectUriGetsAnErrorPageAndNoRedirect() throws Exception {
        Map<String, String> foreign = authorize(challenge(VERIFIER), "en");
        foreign.put("redirect_uri", "https://attacker.example/console/callback");
        HttpResponse<String> page = get("/oauth2/authorize?" + query(foreign));
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.headers().firstValue("Location")).isEmpty();
        assertThat(page.body()).contains("redirect_uri is not registered");
        staffOfLyon();
        HttpResponse<String> posted = signIn(foreign, "marie@example.org", PASSWORD);
        assertThat(posted.statusCode()).isEqualTo(400);
        assertThat(posted.headers().firstValue("Location")).isEmpty();

        Map<String, String> unknown = authorize(challenge(VERIFIER), "en");
        unknown.put("client_id", "someone-else");
        assertThat(get("/oauth2/authorize?" + query(unknown)).statusCode()).isEqualTo(400);

        // without PKCE, the registered client hears why
        Map<String, String> noPkce = authorize(challenge(VERIFIER), "en");
        noPkce.remove("code_challenge");
        assertThat(get("/oauth2/authorize?" + query(noPkce)).headers().firstValue("Location"))
                .contains(CALLBACK + "?error=invalid_request&state=st%3Ate%26");
    }

    @Test
    void anInvitedUserChoosesAPasswordThatThePolicyAcceptsBeforeTheCode() throws Exception {
        pool.create("paul@example.org", "Temporary-pass-99", false);
        Map<String, String> authorize = authorize(challenge(VERIFIER), "fr");
        HttpResponse<String> change = signIn(authorize, "paul@example.org", "Temporary-pass-99");
        assertThat(change.statusCode()).isEqualTo(200);
        assertThat(change.body()).contains("<label for=\"new-password\">Nouveau mot de passe</label>");
        String session = change.body().replaceAll("(?s).*name=\"session\" value=\"([^\"]+)\".*", "$1");

        Map<String, String> weak = new LinkedHashMap<>(authorize);
        weak.put("session", session);
        weak.put("new_password", "short");
        HttpResponse<String> refused = post("/oauth2/authorize", weak);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("Password not long enough");

        Map<String, String> strong = new LinkedHashMap<>(authorize);
        strong.put("session", refused.body().replaceAll("(?s).*name=\"session\" value=\"([^\"]+)\".*", "$1"));
        strong.put("new_password", "A-new-password-of-paul-7");
        String code = codeFrom(post("/oauth2/authorize", strong));
        assertThat(token(code, VERIFIER).statusCode()).isEqualTo(200);
        assertThat(pool.user("paul@example.org").status()).isEqualTo(LocalUserPool.CONFIRMED);
        assertThat(pool.authenticate("paul@example.org", "Temporary-pass-99")).isEmpty();
    }

    @Test
    void logoutGoesBackToARegisteredUriOnly() throws Exception {
        HttpResponse<String> out = get("/logout?client_id=" + clientId + "&logout_uri=" + encode(CONSOLE + "/console/signed-out"));
        assertThat(out.statusCode()).isEqualTo(302);
        assertThat(out.headers().firstValue("Location")).contains(CONSOLE + "/console/signed-out");
        HttpResponse<String> foreign = get("/logout?client_id=" + clientId + "&logout_uri=" + encode("https://attacker.example/"));
        assertThat(foreign.statusCode()).isEqualTo(400);
        assertThat(foreign.headers().firstValue("Location")).isEmpty();
    }

    @Test
    void theIssuersDiscoveryDocumentNamesTheManagedLoginsEndpoints() throws Exception {
        JsonNode discovery = JSON.readTree(http.send(HttpRequest.newBuilder(provider.discoveryUri()).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body());
        assertThat(discovery.path("authorization_endpoint").asText()).isEqualTo(provider.endpoint() + "/oauth2/authorize");
        assertThat(discovery.path("token_endpoint").asText()).isEqualTo(provider.endpoint() + "/oauth2/token");
        assertThat(discovery.path("end_session_endpoint").asText()).isEqualTo(provider.endpoint() + "/logout");
    }

    private String staffOfLyon() {
        LocalUserPool.User user = pool.create("marie@example.org", PASSWORD, true);
        pool.createGroup("org:lyon:staff");
        pool.addToGroup(user.username(), "org:lyon:staff");
        return user.username();
    }

    private Map<String, String> authorize(String challenge, String lang) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("response_type", "code");
        parameters.put("client_id", clientId);
        parameters.put("redirect_uri", CALLBACK);
        parameters.put("state", "st:te&");
        parameters.put("code_challenge", challenge);
        parameters.put("code_challenge_method", "S256");
        parameters.put("scope", "openid email");
        parameters.put("lang", lang);
        return parameters;
    }

    private HttpResponse<String> signIn(Map<String, String> authorize, String email, String password) throws Exception {
        Map<String, String> form = new LinkedHashMap<>(authorize);
        form.put("email", email);
        form.put("password", password);
        return post("/oauth2/authorize", form);
    }

    private String codeFrom(HttpResponse<String> redirect) {
        assertThat(redirect.statusCode()).as(redirect.body()).isEqualTo(302);
        String location = redirect.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(CALLBACK + "?code=").endsWith("&state=st%3Ate%26");
        return location.substring((CALLBACK + "?code=").length(), location.indexOf("&state="));
    }

    private HttpResponse<String> token(String code, String verifier) throws Exception {
        return post("/oauth2/token", Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", CALLBACK,
                "client_id", clientId, "code_verifier", verifier));
    }

    private JwtClaims verified(String token) throws Exception {
        return new JwtConsumerBuilder().setExpectedIssuer(provider.issuer()).setSkipDefaultAudienceValidation()
                .setVerificationKeyResolver(new JwksVerificationKeyResolver(new JsonWebKeySet(provider.jwks()).getJsonWebKeys()))
                .build().processToClaims(token);
    }

    private HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(provider.endpoint() + pathAndQuery)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, Map<String, String> form) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(provider.endpoint() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(query(form))).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String challenge(String verifier) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }

    private static String query(Map<String, String> parameters) {
        return parameters.entrySet().stream().map(entry -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
