package org.turnout.local.gateway;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The event API Gateway's HTTP API gives a Lambda integration, payload format 2.0: headers in lower case
 * with repeats joined by commas, cookies apart, query parameters decoded and joined, the body as text or,
 * for content that is not text, in base64.
 */
public final class HttpApiEvent {

    /** What an HTTP API account and API look like locally. */
    public static final String API_ID = "local";
    public static final String STAGE = "$default";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    /**
     * An HTTP request as it reached the gateway; header names in any case.
     *
     * @param sourceIp   the address of the TCP peer
     * @param serverPort the port the gateway took it on
     */
    public record Request(String method, String rawPath, String rawQuery, Map<String, List<String>> headers,
                          String sourceIp, int serverPort, String protocol, byte[] body) {
    }

    private HttpApiEvent() {
    }

    /**
     * @param claims the JWT authorizer's claims for a guarded route; empty for an open one
     */
    public static ObjectNode of(Request request, HttpApiRoutes.Match match, Optional<Map<String, String>> claims,
                                String accountId, String requestId, Instant time) {
        Map<String, String> headers = new LinkedHashMap<>();
        request.headers().forEach((name, values) -> headers.merge(name.toLowerCase(Locale.ROOT), String.join(",", values),
                (first, more) -> first + "," + more));
        String cookieHeader = headers.remove("cookie");
        // what API Gateway adds on its way to the integration
        headers.merge("x-forwarded-for", request.sourceIp(), (forwarded, peer) -> forwarded + ", " + peer);
        headers.put("x-forwarded-port", String.valueOf(request.serverPort()));
        headers.put("x-forwarded-proto", "http");
        headers.putIfAbsent("x-amzn-trace-id", traceId(time));
        String userAgent = headers.getOrDefault("user-agent", "");
        String host = headers.getOrDefault("host", "localhost");
        String domainName = host.replaceFirst(":\\d+$", "");

        ObjectNode event = JSON.createObjectNode();
        event.put("version", "2.0");
        event.put("routeKey", match.route().routeKey());
        event.put("rawPath", request.rawPath());
        event.put("rawQueryString", request.rawQuery() == null ? "" : request.rawQuery());
        if (cookieHeader != null) {
            ArrayNode cookies = event.putArray("cookies");
            for (String cookie : cookieHeader.split(";")) {
                if (!cookie.isBlank()) {
                    cookies.add(cookie.strip());
                }
            }
        }
        ObjectNode headersNode = event.putObject("headers");
        headers.forEach(headersNode::put);
        Map<String, String> query = queryParameters(request.rawQuery());
        if (!query.isEmpty()) {
            ObjectNode queryNode = event.putObject("queryStringParameters");
            query.forEach(queryNode::put);
        }

        ObjectNode context = event.putObject("requestContext");
        context.put("accountId", accountId);
        context.put("apiId", API_ID);
        claims.ifPresent(values -> {
            ObjectNode jwt = context.putObject("authorizer").putObject("jwt");
            ObjectNode claimsNode = jwt.putObject("claims");
            values.forEach(claimsNode::put);
            String scope = values.get("scope");
            if (scope == null) {
                jwt.putNull("scopes");
            } else {
                ArrayNode scopes = jwt.putArray("scopes");
                List.of(scope.split(" ")).forEach(scopes::add);
            }
        });
        context.put("domainName", domainName);
        context.put("domainPrefix", domainName.split("\\.", 2)[0]);
        ObjectNode http = context.putObject("http");
        http.put("method", request.method());
        http.put("path", request.rawPath());
        http.put("protocol", request.protocol());
        http.put("sourceIp", request.sourceIp());
        http.put("userAgent", userAgent);
        context.put("requestId", requestId);
        context.put("routeKey", match.route().routeKey());
        context.put("stage", STAGE);
        context.put("time", TIME.format(time));
        context.put("timeEpoch", time.toEpochMilli());

        if (!match.pathParameters().isEmpty()) {
            ObjectNode parameters = event.putObject("pathParameters");
            match.pathParameters().forEach(parameters::put);
        }
        if (request.body().length > 0) {
            boolean text = isText(headers.get("content-type"));
            event.put("body", text ? new String(request.body(), StandardCharsets.UTF_8)
                    : Base64.getEncoder().encodeToString(request.body()));
            event.put("isBase64Encoded", !text);
        } else {
            event.put("isBase64Encoded", false);
        }
        return event;
    }

    /**
     * Bodies API Gateway passes as text; anything else, form posts included, it encodes in base64, as
     * events/api-signup-form.json shows.
     */
    static boolean isText(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return type.startsWith("text/") || type.equals("application/json") || type.endsWith("+json")
                || type.equals("application/xml") || type.endsWith("+xml") || type.equals("application/javascript");
    }

    private static String traceId(Instant time) {
        byte[] id = new byte[12];
        ThreadLocalRandom.current().nextBytes(id);
        return "Root=1-%08x-%s".formatted(time.getEpochSecond(), HexFormat.of().formatHex(id));
    }

    /** Decoded names and values; a repeated name's values joined by commas, as API Gateway does. */
    private static Map<String, String> queryParameters(String rawQuery) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            String[] nameValue = pair.split("=", 2);
            parameters.merge(decode(nameValue[0]), nameValue.length > 1 ? decode(nameValue[1]) : "",
                    (first, more) -> first + "," + more);
        }
        return parameters;
    }

    private static String decode(String raw) {
        return URLDecoder.decode(raw, StandardCharsets.UTF_8);
    }
}
