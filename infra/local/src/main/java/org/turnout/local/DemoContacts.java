package org.turnout.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The demo organisation's contacts, so that a newcomer's dashboard and contacts pages are not empty: a sample list
 * in the format a French campaign's spreadsheet has (Windows-1252, {@code ;}, French headers), imported through
 * the product's own door, the API's upload URL, so that ImportFunction reads it from the bucket as it reads every
 * list. Once: when the organisation already has a job of this file (a restart keeps the table), nothing is sent.
 * No consent source is declared, as for a list whose people never said yes: its contacts are {@code imported},
 * shown everywhere but mailed only by a segment that allows imported contacts, so that no demo address is mailed
 * by a mailing a newcomer (or a test) sends to the demo organisation's subscribers.
 */
public final class DemoContacts {
    public static final String FILE = "contacts-saint-exemple.csv";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI api;
    private final String org;
    private final String token;
    private final Duration timeout;

    /** @param token a token of one of the organisation's owners or staff */
    public DemoContacts(URI api, String org, String token, Duration timeout) {
        this.api = api;
        this.org = org;
        this.token = token;
        this.timeout = timeout;
    }

    /** Uploads the sample list unless the organisation already imported it; says what it did. */
    public void importOnce(Consumer<String> log) {
        try {
            JsonNode jobs = JSON.readTree(send(request("/imports").GET(), 200));
            for (JsonNode job : jobs.path("items")) {
                if (isDemoList(job.path("file").asText())) {
                    log.accept("the demo organisation's contacts were imported before (" + FILE + ")");
                    return;
                }
            }
            JsonNode ticket = JSON.readTree(send(request("/imports").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                            Map.of("fileName", FILE)))), 201));
            byte[] list;
            try (InputStream in = DemoContacts.class.getResourceAsStream("/demo/" + FILE)) {
                if (in == null) {
                    throw new IllegalStateException("the sample list demo/" + FILE + " is missing from the runner's resources");
                }
                list = in.readAllBytes();
            }
            HttpResponse<String> upload = http.send(HttpRequest.newBuilder(URI.create(ticket.path("uploadUrl").asText())).timeout(timeout)
                    .method(ticket.path("method").asText("PUT"), HttpRequest.BodyPublishers.ofByteArray(list)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (upload.statusCode() / 100 != 2) {
                throw new IllegalStateException("uploading the demo contacts answered " + upload.statusCode());
            }
            log.accept("the demo organisation's contacts are being imported from " + FILE + " (ImportFunction, from the bucket)");
        } catch (IOException e) {
            throw new UncheckedIOException("Importing the demo contacts failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while importing the demo contacts", e);
        }
    }

    /** Whether an import job's key is of the sample list: the upload URL's key is the file's name after a time stamp. */
    public static boolean isDemoList(String key) {
        return key.endsWith("/" + FILE) || key.endsWith("-" + FILE);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(api.resolve("/v1/admin/orgs/" + org + path)).timeout(timeout)
                .header("Authorization", "Bearer " + token);
    }

    private String send(HttpRequest.Builder request, int expected) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException("the API answered " + response.statusCode() + " to " + request.build().method() + " "
                    + request.build().uri().getPath() + ": " + response.body());
        }
        return response.body();
    }
}
