package org.turnout.local.gateway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What API Gateway sends back for a Lambda response in payload format 2.0: {@code statusCode},
 * {@code headers}, {@code multiValueHeaders}, {@code cookies} (one Set-Cookie each) and {@code body}
 * (decoded if {@code isBase64Encoded}). A response without {@code statusCode} is a JSON body with 200.
 */
public record HttpApiResponse(int status, List<Map.Entry<String, String>> headers, byte[] body) {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Framing is the gateway's business, not the function's. */
    private static final Set<String> FRAMING_HEADERS = Set.of("content-length", "transfer-encoding", "connection");

    /** API Gateway's own answers: {@code {"message":"Not Found"}} and the like. */
    public static HttpApiResponse message(int status, String message) {
        return new HttpApiResponse(status, List.of(new SimpleEntry<>("Content-Type", "application/json")),
                JSON.createObjectNode().put("message", message).toString().getBytes(StandardCharsets.UTF_8));
    }

    /** @throws IllegalArgumentException if the payload is not JSON */
    public static HttpApiResponse fromLambda(byte[] payload) {
        JsonNode response;
        try {
            response = JSON.readTree(payload);
        } catch (IOException e) {
            throw new IllegalArgumentException("The function's response is not JSON: " + e.getMessage(), e);
        }
        if (response == null || !response.isObject() || !response.has("statusCode")) {
            return new HttpApiResponse(200, List.of(new SimpleEntry<>("Content-Type", "application/json")), payload);
        }
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        response.path("headers").fields().forEachRemaining(header -> add(headers, header.getKey(), header.getValue().asText()));
        response.path("multiValueHeaders").fields().forEachRemaining(header ->
                header.getValue().forEach(value -> add(headers, header.getKey(), value.asText())));
        response.path("cookies").forEach(cookie -> headers.add(new SimpleEntry<>("Set-Cookie", cookie.asText())));
        JsonNode body = response.path("body");
        byte[] bytes = body.isMissingNode() || body.isNull() ? new byte[0]
                : response.path("isBase64Encoded").asBoolean() ? Base64.getDecoder().decode(body.asText())
                : body.asText().getBytes(StandardCharsets.UTF_8);
        return new HttpApiResponse(response.path("statusCode").asInt(), headers, bytes);
    }

    private static void add(List<Map.Entry<String, String>> headers, String name, String value) {
        if (!FRAMING_HEADERS.contains(name.toLowerCase())) {
            headers.add(new SimpleEntry<>(name, value));
        }
    }
}
