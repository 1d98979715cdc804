package org.turnout.local.iam;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import com.sun.net.httpserver.HttpExchange;

import org.turnout.local.Emulator;
import org.turnout.local.HttpStandIn;
import org.turnout.local.LocalHttpServer;
import org.turnout.local.LogText;
import org.turnout.local.s3.BucketCors;

/**
 * The authorising front of one emulator: the endpoint that the SDK settings name for the service. Each request is
 * authenticated and authorised by the {@link RequestAuthoriser} for the actions and resources that the service
 * would check; a refused one gets the service's own error and never reaches the emulator; an allowed one is passed
 * on to the emulator as it came (bodies stream through), and the emulator's answer back. What is no AWS API (the SES
 * emulator's mailbox pages) passes unchecked.
 */
public final class EmulatorFront extends HttpStandIn {

    /**
     * Hop-by-hop headers, those the JDK's client sets itself, and the session token, which the front has checked and
     * which S3Proxy would refuse as not implemented.
     */
    private static final Set<String> NOT_FORWARDED = Set.of("connection", "content-length", "expect", "host", "upgrade",
            "transfer-encoding", "keep-alive", "te", "trailer", "proxy-connection", "x-amz-security-token");
    private static final Set<String> NOT_RETURNED = Set.of("connection", "content-length", "transfer-encoding", "keep-alive", "date");

    private final Emulator emulator;
    private final ServiceCalls calls;
    private final Consumer<String> log;
    private final HttpClient client;
    private volatile URI target;
    private volatile RequestAuthoriser authoriser;
    private volatile BucketCors cors = BucketCors.NONE;

    public EmulatorFront(Emulator emulator, Consumer<String> log) {
        this.emulator = emulator;
        this.calls = switch (emulator) {
            case DYNAMODB -> new DynamoDbCalls();
            case S3 -> new S3Calls();
            case SQS -> new SqsCalls();
            case SES -> new SesCalls();
        };
        this.log = log;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * Takes 127.0.0.1:{@code port} (0 for a free one) at once, so that its port is known (and kept) before the
     * emulator starts; it serves from {@link #start}.
     */
    public synchronized EmulatorFront bind(int port) {
        listen(LocalHttpServer.bind("front " + emulator.name().toLowerCase(Locale.ROOT), port, 128));
        return this;
    }

    /** Serves, passing what {@code authoriser} allows on to the emulator at {@code target}. */
    public synchronized EmulatorFront start(URI target, RequestAuthoriser authoriser) {
        this.target = target;
        this.authoriser = authoriser;
        server().serve("/", this::handle, LocalHttpServer.THREAD_PER_REQUEST);
        return this;
    }

    /** The buckets' CORS rules, which the S3 front answers as S3 does (preflights, and the headers of allowed requests). */
    public void cors(BucketCors rules) {
        this.cors = rules;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            URI uri = exchange.getRequestURI();
            String method = exchange.getRequestMethod();
            String origin = exchange.getRequestHeaders().getFirst("Origin");
            if (origin != null && emulator == Emulator.S3) {
                if (method.equals("OPTIONS")) {
                    preflight(exchange, uri.getRawPath(), origin);
                    return;
                }
                cors.actual(uri.getRawPath(), origin, method).forEach(exchange.getResponseHeaders()::set);
            }
            if (!calls.isAwsApi(method, uri.getRawPath())) {
                forward(exchange, new SignedRequest(calls.signingName(), method, uri.getRawPath(), uri.getRawQuery(),
                        exchange.getRequestHeaders(), null), null);
                return;
            }
            byte[] body = calls.readsBody(method, uri.getRawPath(), uri.getRawQuery())
                    ? exchange.getRequestBody().readAllBytes() : null;
            SignedRequest request = new SignedRequest(calls.signingName(), method, uri.getRawPath(), uri.getRawQuery(),
                    exchange.getRequestHeaders(), body);
            Decision decision = authoriser.authorise(request, calls.accesses(request));
            if (decision.refusal().isPresent()) {
                drain(exchange, body);
                answer(exchange, calls.refusal(request, decision.refusal().get()));
                return;
            }
            forward(exchange, request, decision.principal().orElseThrow());
        } catch (IOException | RuntimeException e) {
            log.accept("[" + emulator + " front] " + LogText.escape(exchange.getRequestMethod()) + " "
                    + LogText.escape(exchange.getRequestURI().getRawPath()) + " failed: " + LogText.escape(e.toString()));
            try {
                exchange.sendResponseHeaders(502, -1);
            } catch (IOException | RuntimeException alreadySent) {
                // the answer had begun: the client sees the connection end
            }
        }
    }

    private void forward(HttpExchange exchange, SignedRequest request, Principal principal) throws IOException {
        String rawQuery = request.rawQuery();
        URI uri = URI.create(target.toString() + request.rawPath() + (rawQuery == null ? "" : "?" + rawQuery));
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri);
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> builder.header(name, value));
            }
        });
        builder.method(request.method(), publisher(exchange, request.body()));
        HttpResponse<InputStream> response;
        try {
            response = client.send(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        try (InputStream in = response.body()) {
            Optional<ServiceCalls.Answer> replaced = principal == null ? Optional.empty()
                    : calls.replace(request, principal, response.statusCode(), authoriser);
            if (replaced.isPresent()) {
                log.accept("[IAM] refused: " + principal.name() + " may not s3:ListBucket, so its " + request.method() + " of the missing "
                        + LogText.escape(request.rawPath()) + " is answered 403, not 404");
                in.transferTo(OutputStream.nullOutputStream());
                answer(exchange, replaced.get());
                return;
            }
            response.headers().map().forEach((name, values) -> {
                if (!NOT_RETURNED.contains(name.toLowerCase(Locale.ROOT))) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            long length = response.headers().firstValueAsLong("content-length").orElse(-1);
            int status = response.statusCode();
            if (request.method().equals("HEAD") || status == 204 || status == 304) {
                if (length >= 0 && request.method().equals("HEAD")) {
                    exchange.getResponseHeaders().set("Content-Length", String.valueOf(length));
                }
                exchange.sendResponseHeaders(status, -1);
                return;
            }
            exchange.sendResponseHeaders(status, length == 0 ? -1 : length < 0 ? 0 : length);
            if (length != 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    in.transferTo(out);
                }
            }
        }
    }

    /** A CORS preflight, which carries no signature: allowed by a bucket's rule, or refused as S3 refuses it. */
    private void preflight(HttpExchange exchange, String rawPath, String origin) throws IOException {
        exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
        String method = exchange.getRequestHeaders().getFirst("Access-Control-Request-Method");
        Optional<Map<String, String>> allowed = method == null ? Optional.empty()
                : cors.preflight(rawPath, origin, method, exchange.getRequestHeaders().getFirst("Access-Control-Request-Headers"));
        if (allowed.isPresent()) {
            allowed.get().forEach(exchange.getResponseHeaders()::set);
            exchange.sendResponseHeaders(200, -1);
            return;
        }
        log.accept("[S3 front] CORS preflight refused: " + LogText.escape(String.valueOf(method)) + " from "
                + LogText.escape(origin) + " to " + LogText.escape(rawPath));
        byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>AccessForbidden</Code><Message>CORSResponse: "
                + "This CORS request is not allowed. This is usually because the evalution of Origin, request method / "
                + "Access-Control-Request-Method or Access-Control-Request-Headers are not whitelisted by the resource's CORS spec."
                + "</Message></Error>").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/xml");
        exchange.sendResponseHeaders(403, body.length);
        exchange.getResponseBody().write(body);
    }

    private static HttpRequest.BodyPublisher publisher(HttpExchange exchange, byte[] body) {
        if (body != null) {
            return body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body);
        }
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        long length = declared == null ? -1 : Long.parseLong(declared.strip());
        if (length == 0 || (length < 0 && exchange.getRequestHeaders().getFirst("Transfer-Encoding") == null)) {
            return HttpRequest.BodyPublishers.noBody();
        }
        HttpRequest.BodyPublisher stream = HttpRequest.BodyPublishers.ofInputStream(exchange::getRequestBody);
        return length > 0 ? HttpRequest.BodyPublishers.fromPublisher(stream, length) : stream;
    }

    private static void drain(HttpExchange exchange, byte[] body) throws IOException {
        if (body == null) {
            exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
        }
    }

    private static void answer(HttpExchange exchange, ServiceCalls.Answer answer) throws IOException {
        answer.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        if (answer.body().length == 0) {
            exchange.sendResponseHeaders(answer.status(), -1);
            return;
        }
        exchange.sendResponseHeaders(answer.status(), answer.body().length);
        exchange.getResponseBody().write(answer.body());
    }
}
