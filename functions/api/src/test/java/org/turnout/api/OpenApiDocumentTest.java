package org.turnout.api;

import org.turnout.testing.LocalStackResource;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.turnout.local.RepositoryRoot;

/** docs/openapi.yaml is what the API really serves: regenerate it when a route changes. */
@QuarkusTest
@QuarkusTestResource(value = LocalStackResource.class, restrictToAnnotatedClass = false)
class OpenApiDocumentTest {

    /** Generous: node starts slowly on a loaded machine, and the lint itself takes well under a second. */
    private static final long LINT_TIMEOUT_MINUTES = 3;

    @Test
    void committedDescriptionMatchesTheServedOne() throws IOException {
        String served = given().get("/v1/openapi").then().statusCode(200).extract().asString();
        Path committed = RepositoryRoot.locate().path().resolve("docs/openapi.yaml");
        assertThat(served.strip())
                .as("docs/openapi.yaml is stale: copy functions/api/target/openapi/openapi.yaml over it")
                .isEqualTo(Files.readString(committed).strip());
        assertThat(served).contains("/v1/orgs/{org}/signups", "/v1/confirm/{token}", "/v1/admin/orgs/{org}/contacts/{email}");
    }

    /**
     * Redocly CLI's recommended rules, with the version pinned in infra/local/package-lock.json (installed by
     * npm ci, nothing downloaded here): no error, and every operation named, so that generated clients get
     * meaningful method names.
     */
    @Test
    void servedDescriptionPassesTheLinter(@TempDir Path dir) throws IOException, InterruptedException {
        Path document = dir.resolve("openapi.yaml");
        Files.writeString(document, given().get("/v1/openapi").then().statusCode(200).extract().asString());
        Path redocly = RepositoryRoot.locate().infraLocal().resolve("node_modules/.bin/redocly");
        assertThat(redocly).as("the pinned linter: run npm ci in infra/local").isExecutable();
        Path output = dir.resolve("lint.txt");
        ProcessBuilder lint = new ProcessBuilder(List.of(redocly.toString(), "lint", "--extends=recommended",
                "--format=summary", document.toString()))
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(output.toFile());
        // no telemetry, no update notice: the test talks to nobody
        lint.environment().put("REDOCLY_TELEMETRY", "off");
        lint.environment().put("REDOCLY_SUPPRESS_NOTIFICATIONS", "true");
        Process process = lint.start();
        if (!process.waitFor(LINT_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("redocly lint did not finish within " + LINT_TIMEOUT_MINUTES + " minutes");
        }
        String report = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(report).isZero();
        // the summary has one line per rule broken: "error   <rule>: <count>" or "warning <rule>: <count>"
        assertThat(report.lines().map(String::strip))
                .as(report)
                .noneMatch(line -> line.startsWith("error "))
                .noneMatch(line -> line.startsWith("warning operation-operationId"))
                .anyMatch(line -> line.contains("validated in"));
    }
}
