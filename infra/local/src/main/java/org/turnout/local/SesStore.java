package org.turnout.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** What the SES emulator keeps of the emails it accepted: {@code GET /store}, {@code POST /clear-store}. */
final class SesStore {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final URI endpoint;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final ObjectMapper json = new ObjectMapper();

    SesStore(URI endpoint) {
        this.endpoint = endpoint;
    }

    List<JsonNode> emails() {
        String body = send(HttpRequest.newBuilder(endpoint.resolve("/store")).GET());
        try {
            List<JsonNode> emails = new ArrayList<>();
            json.readTree(body).path("emails").forEach(emails::add);
            return emails;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("SES emulator's store is not JSON: " + body, e);
        }
    }

    void clear() {
        send(HttpRequest.newBuilder(endpoint.resolve("/clear-store")).POST(HttpRequest.BodyPublishers.noBody()));
    }

    private String send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("SES emulator answered " + response.statusCode() + " to "
                        + response.request().uri() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException("SES emulator at " + endpoint + " did not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading the SES emulator's store", e);
        }
    }
}
