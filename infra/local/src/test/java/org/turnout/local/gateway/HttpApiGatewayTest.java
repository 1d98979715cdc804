package org.turnout.local.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.turnout.local.CloudFormationTemplate;
import org.turnout.local.LocalIdentityProvider;
import org.turnout.local.LocalIdentityProvider.Role;
import org.turnout.local.LocalIdentityProvider.TokenUse;
import org.turnout.local.RepositoryRoot;
import org.turnout.local.TemplateFixture;
import org.turnout.local.lambda.LambdaRuntimeApi;

/**
 * The gateway serves template.yaml's routes in front of a fake function: a thread plays the runtime, polls
 * {@code /next} and echoes each event back as the response body, so the test sees the event API Gateway
 * would have sent.
 */
class HttpApiGatewayTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SIGNUP_BODY = "{\"email\":\"camille.martin@example.org\",\"tags\":[\"benevole\"]}";

    private static LocalIdentityProvider identity;
    private static final List<String> accessLog = Collections.synchronizedList(new ArrayList<>());
    private static final AtomicInteger invocations = new AtomicInteger();
    private static LambdaRuntimeApi runtime;
    private static Thread fakeFunction;
    private static HttpApiGateway gateway;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeAll
    static void startGatewayInFrontOfAnEchoFunction() {
        CloudFormationTemplate template = TemplateFixture.template();
        identity = LocalIdentityProvider.serve(null, 0);
        runtime = LambdaRuntimeApi.start("ApiFunction", "arn:aws:lambda:eu-west-3:000000000000:function:api", 0);
        fakeFunction = new Thread(HttpApiGatewayTest::echoEvents, "fake-function");
        fakeFunction.setDaemon(true);
        fakeFunction.start();
        gateway = new HttpApiGateway(HttpApiRoutes.fromTemplate(template),
                JwtAuthorizer.fromTemplate(template, TemplateFixture.unprovisioned(template),
                        Map.of("AdminTokenIssuer", identity.issuer()), JwtAuthorizer::discoveredKeys),
                Map.of("ApiFunction", runtime), "000000000000", accessLog::add).start(0);
    }

    @AfterAll
    static void stop() {
        gateway.close();
        runtime.close();
        identity.close();
        fakeFunction.interrupt();
    }

    @Test
    void aJsonSignUpBecomesAnEventShapedLikeTheSample() throws Exception {
        JsonNode sample = JSON.readTree(Files.readString(RepositoryRoot.locate().path().resolve("events/api-signup.json")));

        HttpResponse<String> response = http.send(request("/v1/orgs/demo/signups?ref=home&tag=a&tag=b%20c")
                .header("Content-Type", "application/json")
                .header("User-Agent", "Mozilla/5.0 (X11; Linux x86_64)")
                .header("X-Repeated", "one").header("X-Repeated", "two")
                .header("Cookie", "session=abc; theme=dark")
                .POST(HttpRequest.BodyPublishers.ofString(SIGNUP_BODY)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode event = JSON.readTree(response.body());
        assertThat(fieldNames(event)).containsAll(fieldNames(sample))
                .containsAll(List.of("cookies", "queryStringParameters"));
        assertThat(fieldNames(event.path("requestContext"))).isEqualTo(fieldNames(sample.path("requestContext")));
        assertThat(fieldNames(event.path("requestContext").path("http")))
                .isEqualTo(fieldNames(sample.path("requestContext").path("http")));

        assertThat(event.path("version").asText()).isEqualTo("2.0");
        assertThat(event.path("routeKey").asText()).isEqualTo(sample.path("routeKey").asText()).isEqualTo("ANY /v1/{proxy+}");
        assertThat(event.path("rawPath").asText()).isEqualTo("/v1/orgs/demo/signups");
        assertThat(event.path("rawQueryString").asText()).isEqualTo("ref=home&tag=a&tag=b%20c");
        assertThat(event.path("queryStringParameters")).isEqualTo(JSON.readTree("{\"ref\":\"home\",\"tag\":\"a,b c\"}"));
        assertThat(event.path("cookies")).isEqualTo(JSON.readTree("[\"session=abc\",\"theme=dark\"]"));
        assertThat(event.path("pathParameters")).isEqualTo(sample.path("pathParameters"));
        assertThat(event.path("body").asText()).isEqualTo(SIGNUP_BODY);
        assertThat(event.path("isBase64Encoded").asBoolean()).isFalse();

        JsonNode headers = event.path("headers");
        assertThat(fieldNames(headers)).allMatch(name -> name.equals(name.toLowerCase()))
                .contains("content-type", "user-agent", "host", "content-length", "x-amzn-trace-id", "x-forwarded-for",
                        "x-forwarded-port", "x-forwarded-proto")
                .doesNotContain("cookie");
        assertThat(headers.path("x-repeated").asText()).isEqualTo("one,two");
        assertThat(headers.path("x-forwarded-for").asText()).isEqualTo("127.0.0.1");
        assertThat(headers.path("x-forwarded-port").asText()).isEqualTo(String.valueOf(gateway.port()));
        assertThat(headers.path("x-forwarded-proto").asText()).isEqualTo("http");

        JsonNode context = event.path("requestContext");
        assertThat(context.path("accountId").asText()).isEqualTo("000000000000");
        assertThat(context.path("apiId").asText()).isEqualTo("local");
        assertThat(context.path("domainName").asText()).isEqualTo("127.0.0.1");
        assertThat(context.path("requestId").asText()).hasSize(16).isEqualTo(response.headers().firstValue("apigw-requestid").orElseThrow());
        assertThat(context.path("routeKey").asText()).isEqualTo("ANY /v1/{proxy+}");
        assertThat(context.path("stage").asText()).isEqualTo("$default");
        assertThat(context.path("time").asText()).matches("\\d\\d/[A-Z][a-z]{2}/\\d{4}:\\d\\d:\\d\\d:\\d\\d \\+0000");
        assertThat(context.path("timeEpoch").asLong()).isCloseTo(System.currentTimeMillis(), Offset.offset(10_000L));
        assertThat(context.path("http")).isEqualTo(JSON.readTree("""
                {"method":"POST","path":"/v1/orgs/demo/signups","protocol":"HTTP/1.1","sourceIp":"127.0.0.1",
                 "userAgent":"Mozilla/5.0 (X11; Linux x86_64)"}"""));

        // the function's response, back as API Gateway writes it
        assertThat(response.headers().allValues("Set-Cookie")).containsExactly("echoed=1; Path=/");
        assertThat(response.headers().allValues("X-Multi")).containsExactly("a", "b");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    }

    @Test
    void aFormPostReachesTheFunctionInBase64() throws Exception {
        String form = "email=dominique%40example.org&tags=benevole";

        JsonNode event = JSON.readTree(http.send(request("/v1/orgs/demo/signups")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString()).body());

        assertThat(event.path("isBase64Encoded").asBoolean()).isTrue();
        assertThat(new String(Base64.getDecoder().decode(event.path("body").asText()), StandardCharsets.UTF_8)).isEqualTo(form);
    }

    @Test
    void aValidTokenOpensAdminRoutesAndItsClaimsReachTheFunction() throws Exception {
        String token = identity.issue("staff@demo", Role.STAFF, "demo", Duration.ofMinutes(5));

        HttpResponse<String> response = http.send(request("/v1/admin/orgs/demo/contacts/camille.martin%40example.org")
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode event = JSON.readTree(response.body());
        assertThat(event.path("routeKey").asText()).isEqualTo("ANY /v1/admin/{proxy+}");
        assertThat(event.path("pathParameters").path("proxy").asText()).isEqualTo("orgs/demo/contacts/camille.martin@example.org");
        assertThat(event.has("body")).isFalse();
        JsonNode jwt = event.path("requestContext").path("authorizer").path("jwt");
        assertThat(jwt.path("claims").path("cognito:groups").asText()).isEqualTo("[org:demo:staff]");
        assertThat(jwt.path("claims").path("token_use").asText()).isEqualTo("id");
        assertThat(jwt.path("claims").path("aud").asText()).isEqualTo("turnout");
        assertThat(jwt.path("claims").path("iss").asText()).isEqualTo(identity.issuer());
        assertThat(jwt.path("claims").path("exp").asText()).matches("\\d+");
        assertThat(jwt.path("scopes").isNull()).isTrue();
    }

    @Test
    void aCognitoAccessTokenIsTakenForItsClientId() throws Exception {
        String token = identity.issue(TokenUse.ACCESS, "owner@demo", Role.OWNER, "demo", Duration.ofMinutes(5));

        HttpResponse<String> response = http.send(request("/v1/admin/orgs/demo")
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode claims = JSON.readTree(response.body()).path("requestContext").path("authorizer").path("jwt").path("claims");
        assertThat(claims.has("aud")).isFalse();
        assertThat(claims.path("client_id").asText()).isEqualTo("turnout");
        assertThat(claims.path("token_use").asText()).isEqualTo("access");
        assertThat(claims.path("cognito:groups").asText()).isEqualTo("[org:demo:owner]");
    }

    @Test
    void adminRoutesRefuseMissingOrInvalidTokensWithoutInvokingTheFunction() throws Exception {
        LocalIdentityProvider stranger = LocalIdentityProvider.withNewKey(identity.issuer());
        // the same issuer and key, another app client: as ID token (aud) and as access token (client_id)
        JwtAuthorizer otherClient = new JwtAuthorizer("$request.header.Authorization", identity.issuer(), List.of("another-client"),
                JwtAuthorizer.discoveredKeys(identity.issuer()));
        assertThat(otherClient.claims(identity.issue("staff@demo", Role.STAFF, "demo", Duration.ofMinutes(5)))).isEmpty();
        assertThat(otherClient.claims(identity.issue(TokenUse.ACCESS, "staff@demo", Role.STAFF, "demo", Duration.ofMinutes(5)))).isEmpty();
        List<String> refused = List.of("",
                "Bearer not-a-jwt",
                "Bearer " + stranger.issue("staff@demo", Role.STAFF, "demo", Duration.ofMinutes(5)),
                "Bearer " + identity.issue("staff@demo", Role.STAFF, "demo", Duration.ofSeconds(-60)));
        int before = invocations.get();

        for (String authorization : refused) {
            HttpRequest.Builder request = request("/v1/admin/orgs/demo").GET();
            if (!authorization.isEmpty()) {
                request.header("Authorization", authorization);
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(authorization).isEqualTo(401);
            assertThat(response.body()).isEqualTo("{\"message\":\"Unauthorized\"}");
        }
        assertThat(invocations.get()).isEqualTo(before);
    }

    @Test
    void pathsWithoutARouteAreNotFound() throws Exception {
        for (String path : List.of("/", "/v1", "/v1/", "/v2/orgs")) {
            HttpResponse<String> response = http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.body()).isEqualTo("{\"message\":\"Not Found\"}");
        }
    }

    @Test
    void bodiesOverTenMegabytesAreRefused() throws Exception {
        HttpResponse<String> response = http.send(request("/v1/orgs/demo/signups")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[HttpApiGateway.MAX_BODY_BYTES + 1])).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
    }

    /** The bytes read are counted, not a Content-Length: a chunked body (no length) over the limit is refused too. */
    @Test
    void chunkedBodiesOverTenMegabytesAreRefused() throws Exception {
        byte[] body = new byte[HttpApiGateway.MAX_BODY_BYTES + 1];
        HttpResponse<String> response = http.send(request("/v1/orgs/demo/signups")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
    }

    @Test
    void aFunctionErrorIsAnInternalServerError() throws Exception {
        HttpResponse<String> response = http.send(request("/v1/fail").GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).isEqualTo("{\"message\":\"Internal Server Error\"}");
        awaitLogLine(line -> line.contains("integration failed: ApiFunction failed on "));
        assertThat(accessLog).anyMatch(line -> line.contains("integration failed: ApiFunction failed on ")
                && line.contains("java.lang.IllegalStateException: asked to fail"));
    }

    @Test
    void theAccessLogMasksTheLinksTokensAndShowsNeitherQueryNorHeaders() throws Exception {
        http.send(request("/v1/confirm/eyJhbGciOiJIUzI1NiJ9.c2VjcmV0LXBhcnQ.sig-part?utm=query-secret")
                .header("Authorization", "Bearer header-secret").GET().build(), HttpResponse.BodyHandlers.ofString());
        http.send(request("/v1/unsubscribe/unsub-token/one-click").POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());

        // the gateway writes a request's line once its answer is sent: the client may read the answer first
        awaitLogLine(line -> line.contains(" GET /v1/confirm/"));
        awaitLogLine(line -> line.contains(" POST /v1/unsubscribe/"));
        String log = String.join("\n", accessLog);
        assertThat(accessLog).anyMatch(line -> line.matches("\\S{16} 127\\.0\\.0\\.1 GET /v1/confirm/\u2026 ANY /v1/\\{proxy\\+} -> 200 \\d+ ms"))
                .anyMatch(line -> line.contains(" POST /v1/unsubscribe/\u2026/\u2026 ANY /v1/{proxy+} -> 200 "));
        assertThat(log).doesNotContain("eyJhbGciOiJIUzI1NiJ9", "sig-part", "query-secret", "header-secret", "unsub-token",
                "one-click");
    }

    @Test
    void loggedPathsMaskEverySegmentAfterConfirmOrUnsubscribe() {
        assertThat(HttpApiGateway.loggedPath("/v1/orgs/demo/signups")).isEqualTo("/v1/orgs/demo/signups");
        assertThat(HttpApiGateway.loggedPath("/v1/confirm/a.b.c")).isEqualTo("/v1/confirm/\u2026");
        assertThat(HttpApiGateway.loggedPath("/v1/confirm/")).isEqualTo("/v1/confirm/");
        assertThat(HttpApiGateway.loggedPath("/v1/Unsubscribe/t/x")).isEqualTo("/v1/Unsubscribe/\u2026/\u2026");
        assertThat(HttpApiGateway.loggedPath("/v1/%63onfirm/t")).as("however it is spelled").isEqualTo("/v1/%63onfirm/\u2026");
        assertThat(HttpApiGateway.loggedPath("/v1/%zz/confirm/t")).isEqualTo("/v1/%zz/confirm/\u2026");
    }

    private static void awaitLogLine(java.util.function.Predicate<String> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            synchronized (accessLog) {
                if (accessLog.stream().anyMatch(wanted)) {
                    return;
                }
            }
            Thread.sleep(20);
        }
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + path)).timeout(Duration.ofSeconds(10));
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The fake function: answers each event with the event itself as a JSON body, or an error for /v1/fail. */
    private static void echoEvents() {
        HttpClient client = HttpClient.newHttpClient();
        String base = "http://" + runtime.address() + "/2018-06-01/runtime/invocation/";
        try {
            while (!Thread.currentThread().isInterrupted()) {
                HttpResponse<String> next = client.send(HttpRequest.newBuilder(URI.create(base + "next")).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (next.statusCode() != 200) {
                    return;
                }
                invocations.incrementAndGet();
                String id = next.headers().firstValue("Lambda-Runtime-Aws-Request-Id").orElseThrow();
                boolean fail = JSON.readTree(next.body()).path("rawPath").asText().equals("/v1/fail");
                ObjectNode echo = JSON.createObjectNode().put("statusCode", 200).put("body", next.body())
                        .put("isBase64Encoded", false);
                echo.putObject("headers").put("Content-Type", "application/json");
                echo.putObject("multiValueHeaders").putArray("X-Multi").add("a").add("b");
                echo.putArray("cookies").add("echoed=1; Path=/");
                String answer = fail
                        ? "{\"errorMessage\":\"asked to fail\",\"errorType\":\"java.lang.IllegalStateException\"}"
                        : echo.toString();
                client.send(HttpRequest.newBuilder(URI.create(base + id + (fail ? "/error" : "/response")))
                        .POST(HttpRequest.BodyPublishers.ofString(answer)).build(), HttpResponse.BodyHandlers.discarding());
            }
        } catch (IOException e) {
            // the runtime API was closed
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
