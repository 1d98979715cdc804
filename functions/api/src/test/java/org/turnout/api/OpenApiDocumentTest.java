package org.turnout.api;

import org.turnout.testing.LocalStackResource;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.turnout.local.RepositoryRoot;

/** docs/openapi.yaml is what the API really serves: regenerate it when a route changes. */
@QuarkusTest
@QuarkusTestResource(value = LocalStackResource.class, restrictToAnnotatedClass = false)
class OpenApiDocumentTest {

    @Test
    void committedDescriptionMatchesTheServedOne() throws IOException {
        String served = given().get("/v1/openapi").then().statusCode(200).extract().asString();
        Path committed = RepositoryRoot.locate().path().resolve("docs/openapi.yaml");
        assertThat(served.strip())
                .as("docs/openapi.yaml is stale: copy functions/api/target/openapi/openapi.yaml over it")
                .isEqualTo(Files.readString(committed).strip());
        assertThat(served).contains("/v1/orgs/{org}/signups", "/v1/confirm/{token}", "/v1/admin/orgs/{org}/contacts/{email}");
    }
}
