package org.turnout.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

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
        return emails("/store");
    }

    /**
     * A reader of the emails accepted since its previous read (and a second before it: the store stamps whole
     * seconds; the caller drops what it has seen). Reading the whole store each time cost a watcher a parse of
     * every email the emulator ever accepted, twice a second: half of the local runner's CPU in a
     * 20,000-recipient send benchmark, and as much again of the emulator's.
     */
    Supplier<List<JsonNode>> readerOfNew() {
        AtomicLong since = new AtomicLong(0);
        return () -> {
            long now = Instant.now().getEpochSecond();
            List<JsonNode> emails = emails("/store?since=" + since.get());
            since.set(now - 1);
            return emails;
        };
    }

    private List<JsonNode> emails(String path) {
        String body = send(HttpRequest.newBuilder(endpoint.resolve(path)).GET());
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
