package org.turnout.local.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import org.turnout.local.LocalHttpServer;

/**
 * The Lambda Runtime API of one execution environment, over real HTTP on 127.0.0.1: the function's
 * runtime long-polls {@code /2018-06-01/runtime/invocation/next} for events and posts each answer to
 * {@code .../invocation/{id}/response} or {@code .../error}. {@link #invoke} queues an event for it.
 */
public final class LambdaRuntimeApi implements FunctionInvoker, AutoCloseable {

    static final String PREFIX = "/2018-06-01/runtime/";
    /** Lambda's limit on the response of a synchronous invocation. */
    static final int MAX_RESPONSE_BYTES = 6 * 1024 * 1024;
    /** How often a waiting {@code /next} checks whether the API was closed. */
    private static final long POLL_CHECK_MILLIS = 200;
    private static final Pattern INVOCATION_PATH = Pattern.compile("invocation/([^/]+)/(response|error)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Invocation(String requestId, byte[] event, long deadlineMillis, String traceId,
                              CompletableFuture<byte[]> response) {
    }

    private final String functionName;
    private final String functionArn;
    private final LocalHttpServer server;
    private final BlockingQueue<Invocation> queued = new LinkedBlockingQueue<>();
    private final Map<String, Invocation> inFlight = new ConcurrentHashMap<>();
    private final CompletableFuture<Instant> firstPoll = new CompletableFuture<>();
    private volatile String closedReason;

    private LambdaRuntimeApi(String functionName, String functionArn, LocalHttpServer server) {
        this.functionName = functionName;
        this.functionArn = functionArn;
        this.server = server;
    }

    /**
     * Serves the Runtime API for one function on 127.0.0.1:{@code port} (0 for a free port).
     * {@code functionName} names it in messages; {@code functionArn} is what the runtime is told it runs.
     */
    public static LambdaRuntimeApi start(String functionName, String functionArn, int port) {
        // the runtime's long poll for the next event holds its thread: one thread per request
        LambdaRuntimeApi api = new LambdaRuntimeApi(functionName, functionArn,
                LocalHttpServer.bind("runtime api of " + functionName, port, 0));
        api.server.serve(PREFIX, api::handle, LocalHttpServer.THREAD_PER_REQUEST);
        return api;
    }

    /** What the runtime's {@code AWS_LAMBDA_RUNTIME_API} should be: host and port. */
    public String address() {
        return "127.0.0.1:" + port();
    }

    public int port() {
        return server.port();
    }

    /**
     * Completes when the runtime first asks for an event, i.e. when its initialisation is over (the end of
     * a cold start); fails if it reports an init error or the API is closed first.
     */
    public CompletableFuture<Instant> firstPoll() {
        return firstPoll.copy();
    }

    @Override
    public CompletableFuture<byte[]> invoke(byte[] event, Duration timeout) {
        return invoke(UUID.randomUUID().toString(), event, timeout);
    }

    @Override
    public CompletableFuture<byte[]> invoke(String requestId, byte[] event, Duration timeout) {
        Invocation invocation = new Invocation(requestId, event,
                System.currentTimeMillis() + timeout.toMillis(), traceId(), new CompletableFuture<>());
        queued.add(invocation);
        CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
            if (invocation.response().completeExceptionally(new LambdaTimeoutException(functionName + " did not answer "
                    + invocation.requestId() + ": Task timed out after %.2f seconds".formatted(timeout.toMillis() / 1000.0)))) {
                queued.remove(invocation);
                inFlight.remove(invocation.requestId());
            }
        });
        String closed = closedReason;
        if (closed != null) {
            // closed while it was being queued: nothing will take it
            fail(invocation, closed);
        }
        return invocation.response().copy();
    }

    /** Stops serving; pending invocations fail. */
    @Override
    public void close() {
        closeWith(functionName + "'s runtime API was closed");
    }

    /** Stops serving; pending invocations, and readiness if still awaited, fail with {@code reason}. */
    public void closeWith(String reason) {
        if (closedReason == null) {
            closedReason = reason;
        }
        firstPoll.completeExceptionally(new LambdaInvocationException(reason));
        failPending(reason);
        server.close();
    }

    private void failPending(String reason) {
        for (Invocation invocation; (invocation = queued.poll()) != null; ) {
            fail(invocation, reason);
        }
        List.copyOf(inFlight.values()).forEach(invocation -> fail(invocation, reason));
    }

    private void fail(Invocation invocation, String reason) {
        queued.remove(invocation);
        inFlight.remove(invocation.requestId());
        invocation.response().completeExceptionally(new LambdaInvocationException(reason));
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
            Matcher invocation = INVOCATION_PATH.matcher(path);
            if (method.equals("GET") && path.equals("invocation/next")) {
                next(exchange);
            } else if (method.equals("POST") && invocation.matches()) {
                answer(exchange, invocation.group(1), invocation.group(2).equals("response"));
            } else if (method.equals("POST") && path.equals("init/error")) {
                initError(exchange);
            } else {
                sendError(exchange, 404, "UnknownPath", "No such Runtime API path: " + method + " " + PREFIX + path);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            sendError(exchange, 500, "ServiceException", e.toString());
        }
    }

    private void next(HttpExchange exchange) throws IOException, InterruptedException {
        firstPoll.complete(Instant.now());
        while (closedReason == null) {
            Invocation invocation = queued.poll(POLL_CHECK_MILLIS, TimeUnit.MILLISECONDS);
            if (invocation == null) {
                continue;
            }
            inFlight.put(invocation.requestId(), invocation);
            if (invocation.response().isDone()) {
                // timed out while this poll took it
                inFlight.remove(invocation.requestId());
                continue;
            }
            var headers = exchange.getResponseHeaders();
            headers.set("Content-Type", "application/json");
            headers.set("Lambda-Runtime-Aws-Request-Id", invocation.requestId());
            headers.set("Lambda-Runtime-Deadline-Ms", String.valueOf(invocation.deadlineMillis()));
            headers.set("Lambda-Runtime-Invoked-Function-Arn", functionArn);
            headers.set("Lambda-Runtime-Trace-Id", invocation.traceId());
            send(exchange, 200, invocation.event());
            return;
        }
        sendError(exchange, 410, "ServiceShutdown", closedReason);
    }

    private void answer(HttpExchange exchange, String requestId, boolean success) throws IOException {
        byte[] body = readBody(exchange.getRequestBody());
        Invocation invocation = inFlight.remove(requestId);
        if (invocation == null) {
            sendError(exchange, 400, "InvalidRequestID", "No invocation " + requestId + " is waiting for an answer");
        } else if (success && body.length > MAX_RESPONSE_BYTES) {
            invocation.response().completeExceptionally(new LambdaInvocationException(functionName + "'s response to "
                    + requestId + " is over Lambda's limit of " + MAX_RESPONSE_BYTES + " bytes"));
            sendError(exchange, 413, "RequestEntityTooLarge", "The response is over " + MAX_RESPONSE_BYTES + " bytes");
        } else {
            if (success) {
                invocation.response().complete(body);
            } else {
                invocation.response().completeExceptionally(new FunctionError(functionName + " failed on "
                        + requestId + ": " + describeError(exchange, body), errorType(exchange, body), body));
            }
            send(exchange, 202, "{\"status\":\"OK\"}".getBytes(StandardCharsets.UTF_8));
        }
    }

    private void initError(HttpExchange exchange) throws IOException {
        String reason = functionName + " failed to initialise: "
                + describeError(exchange, readBody(exchange.getRequestBody()));
        firstPoll.completeExceptionally(new LambdaInvocationException(reason));
        failPending(reason);
        send(exchange, 202, "{\"status\":\"OK\"}".getBytes(StandardCharsets.UTF_8));
    }

    /** "errorType: errorMessage" from the runtime's error document (its type header wins). */
    private static String describeError(HttpExchange exchange, byte[] body) {
        String headerType = exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type");
        try {
            JsonNode error = JSON.readTree(body);
            String type = headerType != null ? headerType : error.path("errorType").asText("Unknown");
            return type + ": " + error.path("errorMessage").asText("");
        } catch (IOException notJson) {
            return (headerType != null ? headerType : "Unknown") + ": " + new String(body, StandardCharsets.UTF_8);
        }
    }

    /** The error's type as the runtime gave it, in its header or its document. */
    private static String errorType(HttpExchange exchange, byte[] body) {
        String headerType = exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type");
        if (headerType != null) {
            return headerType;
        }
        try {
            return JSON.readTree(body).path("errorType").asText("Unknown");
        } catch (IOException notJson) {
            return "Unknown";
        }
    }

    /** At most one byte over the response limit is read: enough to tell it is too large. */
    private static byte[] readBody(InputStream body) throws IOException {
        return body.readNBytes(MAX_RESPONSE_BYTES + 1);
    }

    private static void sendError(HttpExchange exchange, int status, String type, String message) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        send(exchange, status, JSON.createObjectNode().put("errorMessage", message).put("errorType", type)
                .toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    /** An X-Ray trace header of the form Lambda passes on (not sampled: there is no X-Ray here). */
    private static String traceId() {
        HexFormat hex = HexFormat.of();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        byte[] root = new byte[12];
        byte[] parent = new byte[8];
        random.nextBytes(root);
        random.nextBytes(parent);
        return String.format(Locale.ROOT, "Root=1-%08x-%s;Parent=%s;Sampled=0",
                System.currentTimeMillis() / 1000, hex.formatHex(root), hex.formatHex(parent));
    }
}
