package org.turnout.local;

import java.io.IOException;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;

/**
 * AWS's JSON 1.1 protocol as the local APIs that the runner serves speak it (Secrets Manager, Cognito): a JSON object
 * in, a JSON object out with a request id, and errors as {@code {"__type": code, "message": ...}} with
 * {@code X-Amzn-ErrorType}, which the SDK turns into the service's own exception.
 */
public final class AwsJsonProtocol {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AwsJsonProtocol() {
    }

    /** The request body as a JSON object (an empty body is an empty object); empty if it is JSON but no object. */
    public static Optional<JsonNode> requestObject(byte[] body) throws JsonProcessingException {
        if (body.length == 0) {
            return Optional.of(JSON.createObjectNode());
        }
        try {
            JsonNode json = JSON.readTree(body);
            return json != null && json.isObject() ? Optional.of(json) : Optional.empty();
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A member of the request as text; null when absent or null. */
    public static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    public static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        send(exchange, status, "application/x-amz-json-1.1", body);
    }

    /** A JSON answer with its request id, in the protocol's content type (REST JSON APIs answer {@code application/json}). */
    public static void send(HttpExchange exchange, int status, String contentType, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    public static void sendError(HttpExchange exchange, int status, String code, String message) throws IOException {
        exchange.getResponseHeaders().set("X-Amzn-ErrorType", code);
        send(exchange, status, JSON.createObjectNode().put("__type", code).put("message", message));
    }
}
