package org.turnout.local.gateway;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import com.sun.net.httpserver.HttpExchange;

import org.turnout.local.HttpStandIn;
import org.turnout.local.LocalHttpServer;
import org.turnout.local.LogText;
import org.turnout.local.lambda.FunctionInvoker;
import org.turnout.local.lambda.LambdaTimeoutException;

/**
 * The local API Gateway HTTP API on 127.0.0.1: picks each request's route, runs the route's JWT authorizer,
 * turns the request into a payload 2.0 event, invokes the route's function, and writes its response back.
 * Requests are served concurrently; how many reach a function at once is the function's business. The access log
 * has one line per request: request id, client, method, route, and the path with the links' tokens masked,
 * everything from the request escaped; never the query string nor a header.
 */
public final class HttpApiGateway extends HttpStandIn {

    /** API Gateway's limit on a request's body. */
    public static final int MAX_BODY_BYTES = 10 * 1024 * 1024;
    /** HTTP APIs wait at most 30 s for an integration. */
    public static final Duration INTEGRATION_TIMEOUT = Duration.ofSeconds(30);
    private static final int REQUEST_THREADS = 16;
    /** What the access log shows instead of a path segment that carries a secret. */
    static final String MASK = "\u2026";
    /** Path segments followed by signed tokens (confirmation and unsubscribe links). */
    private static final Set<String> SECRET_PARENTS = Set.of("confirm", "unsubscribe");

    private final HttpApiRoutes routes;
    private final Map<String, JwtAuthorizer> authorizers;
    private final Map<String, FunctionInvoker> functions;
    private final String accountId;
    private final Consumer<String> accessLog;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param functions the invoker of each function that a route names, by logical id
     * @param accessLog gets one line per request, and the reason of each failed integration
     */
    public HttpApiGateway(HttpApiRoutes routes, Map<String, JwtAuthorizer> authorizers, Map<String, FunctionInvoker> functions,
                          String accountId, Consumer<String> accessLog) {
        for (HttpApiRoute route : routes.all()) {
            if (!functions.containsKey(route.functionLogicalId())) {
                throw new IllegalArgumentException("Route " + route.routeKey() + " invokes " + route.functionLogicalId()
                        + ", which is not running");
            }
            route.authorizer().filter(name -> !authorizers.containsKey(name)).ifPresent(name -> {
                throw new IllegalArgumentException("Route " + route.routeKey() + " names authorizer " + name
                        + ", which the API does not define");
            });
        }
        this.routes = routes;
        this.authorizers = Map.copyOf(authorizers);
        this.functions = Map.copyOf(functions);
        this.accountId = accountId;
        this.accessLog = accessLog;
    }

    /** Listens on 127.0.0.1:{@code port} (0 for a free port). */
    public synchronized HttpApiGateway start(int port) {
        listen(LocalHttpServer.bind("http api gateway", port, 64).serve("/", this::handle, REQUEST_THREADS));
        return this;
    }

    private void handle(HttpExchange exchange) throws IOException {
        long started = System.nanoTime();
        String requestId = requestId();
        String routeKey = "-";
        HttpApiResponse response;
        try (exchange) {
            try {
                String method = exchange.getRequestMethod();
                String rawPath = exchange.getRequestURI().getRawPath();
                Optional<HttpApiRoutes.Match> match = routes.find(method, rawPath);
                if (match.isEmpty()) {
                    response = HttpApiResponse.message(404, "Not Found");
                } else {
                    routeKey = match.get().route().routeKey();
                    response = integrate(exchange, match.get(), requestId);
                }
            } catch (RuntimeException e) {
                accessLog.accept(requestId + " failed: " + LogText.escape(e.toString()));
                response = HttpApiResponse.message(500, "Internal Server Error");
            }
            send(exchange, response, requestId);
            // the route and the path with its secrets masked; never the query string nor a header
            accessLog.accept("%s %s %s %s %s -> %d %d ms".formatted(requestId,
                    exchange.getRemoteAddress().getAddress().getHostAddress(), LogText.escape(exchange.getRequestMethod()),
                    LogText.escape(loggedPath(exchange.getRequestURI().getRawPath())), routeKey, response.status(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)));
        }
    }

    private HttpApiResponse integrate(HttpExchange exchange, HttpApiRoutes.Match match, String requestId) throws IOException {
        byte[] body = exchange.getRequestBody().readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
            // read to its end, so that the client, still sending, gets the answer rather than a reset connection
            exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
            return HttpApiResponse.message(413, "Request Entity Too Large");
        }
        Optional<Map<String, String>> claims = Optional.empty();
        if (match.route().authorizer().isPresent()) {
            JwtAuthorizer authorizer = authorizers.get(match.route().authorizer().get());
            claims = authorizer.claims(exchange.getRequestHeaders().getFirst(authorizer.identityHeader()));
            if (claims.isEmpty()) {
                return HttpApiResponse.message(401, "Unauthorized");
            }
        }
        HttpApiEvent.Request request = new HttpApiEvent.Request(exchange.getRequestMethod(),
                exchange.getRequestURI().getRawPath(), exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders(),
                exchange.getRemoteAddress().getAddress().getHostAddress(), exchange.getLocalAddress().getPort(),
                exchange.getProtocol(), body);
        byte[] event = HttpApiEvent.of(request, match, claims, accountId, requestId, Instant.now()).toString()
                .getBytes(StandardCharsets.UTF_8);
        return invoke(functions.get(match.route().functionLogicalId()), event, requestId);
    }

    private HttpApiResponse invoke(FunctionInvoker function, byte[] event, String requestId) {
        try {
            byte[] payload = function.invoke(event, INTEGRATION_TIMEOUT)
                    .get(INTEGRATION_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
            return HttpApiResponse.fromLambda(payload);
        } catch (ExecutionException e) {
            accessLog.accept(requestId + " integration failed: " + LogText.escape(e.getCause().getMessage()));
            return e.getCause() instanceof LambdaTimeoutException
                    ? HttpApiResponse.message(503, "Service Unavailable")
                    : HttpApiResponse.message(500, "Internal Server Error");
        } catch (TimeoutException e) {
            accessLog.accept(requestId + " integration gave no answer in " + INTEGRATION_TIMEOUT.toSeconds() + " s");
            return HttpApiResponse.message(503, "Service Unavailable");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HttpApiResponse.message(503, "Service Unavailable");
        } catch (IllegalArgumentException e) {
            accessLog.accept(requestId + " integration answered badly: " + LogText.escape(e.getMessage()));
            return HttpApiResponse.message(500, "Internal Server Error");
        }
    }

    /**
     * The path as the access log shows it: each segment after {@code confirm} or {@code unsubscribe} (the signed
     * tokens of the links sent to contacts) replaced by {@value #MASK}.
     */
    static String loggedPath(String rawPath) {
        if (rawPath == null) {
            return "-";
        }
        String[] segments = rawPath.split("/", -1);
        boolean secret = false;
        for (int i = 0; i < segments.length; i++) {
            if (secret) {
                if (!segments[i].isEmpty()) {
                    segments[i] = MASK;
                }
            } else if (SECRET_PARENTS.contains(decoded(segments[i]).toLowerCase(Locale.ROOT))) {
                secret = true;
            }
        }
        return String.join("/", segments);
    }

    private static String decoded(String segment) {
        try {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return segment;
        }
    }

    private static void send(HttpExchange exchange, HttpApiResponse response, String requestId) throws IOException {
        response.headers().forEach(header -> exchange.getResponseHeaders().add(header.getKey(), header.getValue()));
        exchange.getResponseHeaders().set("apigw-requestid", requestId);
        boolean noBody = response.body().length == 0 || exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(response.status(), noBody ? -1 : response.body().length);
        if (!noBody) {
            exchange.getResponseBody().write(response.body());
        }
    }

    /** Like API Gateway's request ids: 16 characters of base64. */
    private String requestId() {
        byte[] id = new byte[11];
        random.nextBytes(id);
        return Base64.getEncoder().encodeToString(id);
    }
}
