package org.turnout.local.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.turnout.local.CloudFormationTemplate;
import org.turnout.local.TemplateFixture;

class BucketCorsTest {
    private static final String CONSOLE = "http://127.0.0.1:42100";
    private static final String OBJECT = "/turnout-dev-000000000000-eu-west-3/staging/demo/20260101T000000-liste.csv";

    private final BucketCors cors = BucketCors.fromTemplate(TemplateFixture.template(),
            TemplateFixture.unprovisioned(TemplateFixture.template()), Map.of("PublicUrl", CONSOLE));

    @Test
    void theConsolesOriginMayPutWithAContentType() {
        assertThat(cors.preflight(OBJECT, CONSOLE, "PUT", "Content-Type")).hasValueSatisfying(headers -> assertThat(headers)
                .containsEntry("Access-Control-Allow-Origin", CONSOLE)
                .containsEntry("Access-Control-Allow-Methods", "PUT")
                .containsEntry("Access-Control-Allow-Headers", "content-type")
                .containsEntry("Access-Control-Max-Age", "3600"));
        assertThat(cors.actual(OBJECT, CONSOLE, "PUT")).containsEntry("Access-Control-Allow-Origin", CONSOLE);
    }

    @Test
    void anotherOriginMethodHeaderOrBucketIsRefused() {
        assertThat(cors.preflight(OBJECT, "http://evil.example", "PUT", "content-type")).isEmpty();
        assertThat(cors.preflight(OBJECT, CONSOLE, "GET", null)).isEmpty();
        assertThat(cors.preflight(OBJECT, CONSOLE, "DELETE", null)).isEmpty();
        assertThat(cors.preflight(OBJECT, CONSOLE, "PUT", "content-type, x-amz-acl")).isEmpty();
        assertThat(cors.preflight("/another-bucket/key", CONSOLE, "PUT", "content-type")).isEmpty();
        assertThat(cors.actual(OBJECT, "http://evil.example", "PUT")).isEmpty();
        assertThat(cors.actual(OBJECT, CONSOLE, "GET")).isEmpty();
    }

    @Test
    void withoutAnOriginOfItsOwnOnlyLocalhostIsAllowed() {
        CloudFormationTemplate template = TemplateFixture.template();
        BucketCors unset = BucketCors.fromTemplate(template, TemplateFixture.unprovisioned(template), Map.of());
        assertThat(unset.preflight(OBJECT, "http://localhost", "PUT", "content-type")).isPresent();
        assertThat(unset.preflight(OBJECT, CONSOLE, "PUT", "content-type")).isEmpty();
    }
}
