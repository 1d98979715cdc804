package org.turnout.local.lambda;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;

import org.turnout.local.HttpStandIn;
import org.turnout.local.LocalHttpServer;
import org.turnout.local.LogText;
import org.turnout.local.iam.Access;
import org.turnout.local.iam.Decision;
import org.turnout.local.iam.RequestAuthoriser;
import org.turnout.local.iam.SignedRequest;

/**
 * Lambda's {@code Invoke} API on 127.0.0.1, for the SDKs' Lambda clients ({@code AWS_ENDPOINT_URL_LAMBDA}) and
 * the AWS CLI: {@code POST /2015-03-31/functions/{FunctionName}/invocations}. The function is named by its name,
 * its ARN or its partial ARN, optionally qualified by {@code $LATEST} or one of its aliases. InvocationType
 * {@code RequestResponse} (the default) runs the function and answers with its response, or with its error
 * document and {@code X-Amz-Function-Error: Unhandled}; {@code Event} queues the event for the function's
 * {@link AsyncInvoker} and answers 202; {@code DryRun} answers 204.
 */
public final class LambdaInvokeApi extends HttpStandIn {

    private static final Pattern INVOKE_PATH = Pattern.compile("/2015-03-31/functions/([^/]+)/invocations");
    /** name, account:function:name or arn:partition:lambda:region:account:function:name, each with an optional :qualifier */
    private static final Pattern FUNCTION_NAME = Pattern.compile(
            "(?:arn:[a-z-]+:lambda:([a-z0-9-]+):(\\d{12}):function:|(\\d{12}):function:)?([A-Za-z0-9_-]{1,140})(?::([A-Za-z0-9$_-]{1,128}))?");
    /** Lambda's limit on a synchronous invocation's request payload. */
    static final int MAX_SYNC_PAYLOAD_BYTES = 6 * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private final Map<String, LocalFunction> functions;
    private final String region;
    private final String accountId;
    private final Consumer<String> log;
    private final RequestAuthoriser authoriser;

    /**
     * @param functions by physical function name
     * @param authoriser authorises each call ({@code lambda:InvokeFunction} on the function's ARN, qualified if the
     *                   call is) by the caller's SigV4 credentials
     * @param log       one line per failed synchronous invocation
     */
    public LambdaInvokeApi(Collection<LocalFunction> functions, String region, String accountId, RequestAuthoriser authoriser,
                           Consumer<String> log) {
        this.functions = functions.stream().collect(java.util.stream.Collectors.toUnmodifiableMap(
                function -> function.definition().functionName(), function -> function));
        this.region = region;
        this.accountId = accountId;
        this.log = log;
        this.authoriser = authoriser;
    }

    /** Listens on 127.0.0.1:{@code port} (0 for a free port). */
    public synchronized LambdaInvokeApi start(int port) {
        // synchronous invocations wait for the function, up to its timeout: one thread each
        listen(LocalHttpServer.bind("lambda api", port, 64).serve("/", this::handle, LocalHttpServer.THREAD_PER_REQUEST));
        return this;
    }

    /** The function that {@code name} names (a name, a partial or full ARN, with or without a qualifier). */
    public Optional<LocalFunction> find(String name, String qualifier) {
        Matcher parts = FUNCTION_NAME.matcher(name);
        if (!parts.matches()) {
            return Optional.empty();
        }
        String arnRegion = parts.group(1);
        String arnAccount = parts.group(2) != null ? parts.group(2) : parts.group(3);
        if ((arnRegion != null && !arnRegion.equals(region)) || (arnAccount != null && !arnAccount.equals(accountId))) {
            return Optional.empty();
        }
        String inName = parts.group(5);
        if (inName != null && qualifier != null && !inName.equals(qualifier)) {
            return Optional.empty();
        }
        String wanted = inName != null ? inName : qualifier;
        return Optional.ofNullable(functions.get(parts.group(4))).filter(function -> function.hasQualifier(wanted));
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Matcher path = INVOKE_PATH.matcher(exchange.getRequestURI().getRawPath());
            if (!path.matches() || !exchange.getRequestMethod().equals("POST")) {
                sendError(exchange, 404, "UnknownOperationException", "The local Lambda API serves Invoke only "
                        + "(POST /2015-03-31/functions/{FunctionName}/invocations)");
                return;
            }
            String name = URLDecoder.decode(path.group(1).replace("+", "%2B"), StandardCharsets.UTF_8);
            String qualifier = queryParameter(exchange.getRequestURI().getRawQuery(), "Qualifier");
            String type = Optional.ofNullable(exchange.getRequestHeaders().getFirst("X-Amz-Invocation-Type"))
                    .orElse("RequestResponse");
            int limit = type.equals("Event") ? AsyncInvoker.MAX_PAYLOAD_BYTES : MAX_SYNC_PAYLOAD_BYTES;
            byte[] payload = exchange.getRequestBody().readNBytes(limit + 1);
            // authorised before the function is looked up: whom IAM refuses learns nothing of what exists
            Decision decision = authoriser.authorise(new SignedRequest("lambda", "POST", exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders(), payload),
                    List.of(Access.of("lambda:InvokeFunction", arn(name, qualifier))));
            if (decision.refusal().isPresent()) {
                exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
                Decision.Refusal refusal = decision.refusal().get();
                sendError(exchange, 403, refusal.jsonErrorCode(), refusal.message());
                return;
            }
            Optional<LocalFunction> function = find(name, qualifier);
            if (function.isEmpty()) {
                exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
                sendError(exchange, 404, "ResourceNotFoundException", "Function not found: " + arn(name, qualifier));
                return;
            }
            if (payload.length > limit) {
                exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
                sendError(exchange, 413, "RequestTooLargeException", "Request must be smaller than " + limit
                        + " bytes for the " + type + " invocation type");
                return;
            }
            if (payload.length == 0) {
                payload = "{}".getBytes(StandardCharsets.UTF_8);
            }
            if (!isJson(payload)) {
                sendError(exchange, 400, "InvalidRequestContentException", "Could not parse request body into json");
                return;
            }
            switch (type) {
                case "RequestResponse" -> invoke(exchange, function.get(), payload);
                case "Event" -> {
                    String requestId = function.get().async().submit(payload);
                    exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
                    exchange.sendResponseHeaders(202, -1);
                }
                case "DryRun" -> {
                    exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
                    exchange.sendResponseHeaders(204, -1);
                }
                default -> sendError(exchange, 400, "InvalidParameterValueException",
                        "1 validation error detected: Value '" + type + "' at 'invocationType' failed to satisfy "
                                + "constraint: Member must satisfy enum value set: [RequestResponse, Event, DryRun]");
            }
        } catch (RuntimeException e) {
            log.accept("Lambda API request failed: " + LogText.escape(e.toString()));
            sendError(exchange, 500, "ServiceException", "The local Lambda service failed: " + e.getMessage());
        }
    }

    private void invoke(HttpExchange exchange, LocalFunction function, byte[] payload) throws IOException {
        String requestId = UUID.randomUUID().toString();
        Duration timeout = function.definition().timeout();
        var headers = exchange.getResponseHeaders();
        headers.set("x-amzn-RequestId", requestId);
        headers.set("X-Amz-Executed-Version", "$LATEST");
        headers.set("Content-Type", "application/json");
        byte[] body;
        try {
            body = function.invoker().invoke(requestId, payload, timeout)
                    .get(timeout.plusSeconds(5).toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof TimeoutException ? new LambdaTimeoutException("no answer") : FunctionErrors.unwrap(e);
            log.accept(function.definition().logicalId() + " invocation " + requestId + " failed: "
                    + LogText.escape(cause.getMessage()));
            headers.set("X-Amz-Function-Error", "Unhandled");
            body = FunctionErrors.document(cause, requestId, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sendError(exchange, 500, "ServiceException", "The local Lambda service is stopping");
            return;
        }
        exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    /** The function's ARN as IAM sees the call: qualified if the call is, by its name's suffix or the Qualifier. */
    private String arn(String name, String qualifier) {
        String arn = name.startsWith("arn:") ? name : name.matches("\\d{12}:function:.*")
                ? "arn:aws:lambda:" + region + ":" + name : "arn:aws:lambda:" + region + ":" + accountId + ":function:" + name;
        return qualifier == null ? arn : arn + ":" + qualifier;
    }

    private static boolean isJson(byte[] payload) {
        try (JsonParser parser = JSON.createParser(payload)) {
            while (parser.nextToken() != null) {
                // read to the end: trailing garbage is as invalid as a broken document
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String queryParameter(String rawQuery, String name) {
        if (rawQuery == null) {
            return null;
        }
        for (String pair : List.of(rawQuery.split("&"))) {
            int equals = pair.indexOf('=');
            if (equals > 0 && pair.substring(0, equals).equals(name)) {
                return URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /** Lambda's error shape: the code in {@code X-Amzn-ErrorType}, {@code Type} and {@code message} in the body. */
    private static void sendError(HttpExchange exchange, int status, String code, String message) throws IOException {
        byte[] body = JSON.createObjectNode().put("Type", status >= 500 ? "Service" : "User").put("message", message)
                .toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("X-Amzn-ErrorType", code);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }
}
