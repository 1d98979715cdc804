package org.turnout.api;

import org.turnout.testing.LocalStackResource;
import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

/** Shared steps of the API tests: organisations, tokens, and the local SES mailbox. */
final class ApiTestSupport {
    private static final Pattern CONFIRM_LINK = Pattern.compile("https?://[^/\\s]+(/v1/confirm/[A-Za-z0-9._-]+)");

    private ApiTestSupport() {
    }

    static String uniqueOrg(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
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
