package org.turnout.api;

import org.turnout.testing.LocalStackResource;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusMock;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.turnout.importing.ImportSource;

/** Shared steps of the API tests: organisations, tokens, and the local SES mailbox. */
public final class ApiTestSupport {
    private static final Pattern CONFIRM_LINK = Pattern.compile("https?://[^/\\s]+(/v1/confirm/[A-Za-z0-9._-]+)");

    private ApiTestSupport() {
    }

    static String uniqueOrg(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A new French organisation that takes sign-ups, with no tag allowed from them; returns its id. */
    public static String newOrganisation(String prefix) {
        return newOrganisation(prefix, "fr", List.of());
    }

    /** A new organisation that takes sign-ups in {@code language}, with {@code allowedTags}; returns its id. */
    static String newOrganisation(String prefix, String language, List<String> allowedTags) {
        String org = uniqueOrg(prefix);
        createOrganisation(org, language, allowedTags);
        return org;
    }

    /** Creates an organisation that takes sign-ups, through the API, as an operator. */
    static void createOrganisation(String org, String language, List<String> allowedTags) {
        given().auth().oauth2(LocalStackResource.operatorToken())
                .contentType(ContentType.JSON)
                .body(Map.of("id", org, "name", "Campagne " + org, "language", language, "timeZone", "Europe/Paris",
                        "senders", List.of(Map.of("name", "Équipe " + org, "address", "equipe@" + org + ".example.org")),
                        "publicSignup", true, "allowedTags", allowedTags))
                .post("/v1/admin/orgs")
                .then().statusCode(201);
    }

    /**
     * Stops the functions' clock in the middle of the current minute, for the running test only: whatever the
     * second it starts at, a per-minute limit then counts all its requests in one window.
     */
    static void stopTheClockMidMinute() {
        Instant midMinute = Instant.now().truncatedTo(ChronoUnit.MINUTES).plusSeconds(30);
        QuarkusMock.installMockForType(Clock.fixed(midMinute, ZoneOffset.UTC), Clock.class);
    }

    /**
     * PUTs {@code file} to a pre-signed upload URL, as a browser or curl would, and returns the upload as its S3
     * event would tell the import function.
     */
    static ImportSource uploadThrough(String uploadUrl, String key, byte[] file) throws IOException, InterruptedException {
        HttpResponse<String> put = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(uploadUrl)).PUT(HttpRequest.BodyPublishers.ofByteArray(file)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        String bucket = LocalStackResource.stack.resources().physicalName("Bucket");
        String etag = LocalStackResource.stack.clients().s3().headObject(b -> b.bucket(bucket).key(key)).eTag();
        return new ImportSource(bucket, key, etag, file.length, Instant.now());
    }

    /** The contact of {@code email} as the admin API shows it to the holder of {@code token}, for the test to check. */
    static ValidatableResponse readContact(String token, String org, String email) {
        return given().auth().oauth2(token).get("/v1/admin/orgs/{org}/contacts/{email}", org, email).then();
    }

    static List<JsonNode> emailsTo(String address) {
        return LocalStackResource.stack.sentEmails().stream()
                .filter(email -> StreamSupport.stream(email.path("destination").path("to").spliterator(), false)
                        .anyMatch(to -> to.asText().equalsIgnoreCase(address)))
                .toList();
    }

    /** The path of the confirmation link in an email's text body. */
    static String confirmPath(JsonNode email) {
        Matcher m = CONFIRM_LINK.matcher(email.path("body").path("text").asText());
        if (!m.find()) {
            throw new AssertionError("no confirmation link in " + email);
        }
        return m.group(1);
    }
}
