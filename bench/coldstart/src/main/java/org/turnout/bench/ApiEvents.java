package org.turnout.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.turnout.local.RepositoryRoot;

/**
 * API Gateway events for ApiFunction, made from the samples in events/ (the exact JSON AWS delivers), so
 * that the measured request is the one the API really gets.
 */
final class ApiEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectNode signup;
    private final ObjectNode adminRequest;

    ApiEvents(RepositoryRoot root) {
        Path events = root.path().resolve("events");
        this.signup = read(events.resolve("api-signup.json"));
        this.adminRequest = read(events.resolve("api-admin-get-contact.json"));
    }

    /**
     * events/api-signup.json sent to {@code org} by another visitor: {@code email} in the body, {@code sourceIp}
     * as API Gateway saw it (the rate limit counts sign-ups per IP address).
     */
    byte[] signup(String org, String email, String sourceIp) {
        ObjectNode event = signup.deepCopy();
        String path = "/v1/orgs/" + org + "/signups";
        event.put("rawPath", path);
        event.withObjectProperty("requestContext").withObjectProperty("http").put("path", path).put("sourceIp", sourceIp);
        event.withObjectProperty("pathParameters").put("proxy", path.substring("/v1/".length()));
        event.withObjectProperty("headers").put("x-forwarded-for", sourceIp);
        ObjectNode body = (ObjectNode) readTree(event.path("body").asText());
        setBody(event, body.put("email", email).toString());
        return bytes(event);
    }

    /** {@code POST /v1/admin/orgs} with {@code organisation} as its body, from an operator. */
    byte[] createOrganisation(ObjectNode organisation, String operator, String operatorToken) {
        ObjectNode event = adminRequest.deepCopy();
        String path = "/v1/admin/orgs";
        event.put("rawPath", path);
        ObjectNode context = event.withObjectProperty("requestContext");
        context.withObjectProperty("http").put("method", "POST").put("path", path);
        // what API Gateway's JWT authorizer passes on; the function checks the token itself
        ObjectNode claims = context.withObjectProperty("authorizer").withObjectProperty("jwt").withObjectProperty("claims");
        claims.put("sub", operator).put("groups", "[operator]").remove("org");
        event.withObjectProperty("pathParameters").put("proxy", path.substring("/v1/admin/".length()));
        event.withObjectProperty("headers").put("authorization", "Bearer " + operatorToken).put("content-type", "application/json");
        setBody(event, organisation.toString());
        return bytes(event);
    }

    private static void setBody(ObjectNode event, String body) {
        event.put("body", body).put("isBase64Encoded", false);
        event.withObjectProperty("headers").put("content-length", String.valueOf(body.getBytes(StandardCharsets.UTF_8).length));
    }

    private static ObjectNode read(Path file) {
        try {
            return (ObjectNode) JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the sample event " + file, e);
        }
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("The sample sign-up's body is not JSON", e);
        }
    }

    private static byte[] bytes(ObjectNode event) {
        try {
            return JSON.writeValueAsBytes(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
