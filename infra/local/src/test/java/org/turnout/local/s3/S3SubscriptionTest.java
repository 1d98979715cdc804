package org.turnout.local.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.turnout.local.CloudFormationTemplate;
import org.turnout.local.TemplateFixture;

class S3SubscriptionTest {

    @Test
    void theTemplatesS3EventsAreTheSubscriptions() {
        CloudFormationTemplate template = TemplateFixture.template();

        List<S3Subscription> subscriptions = S3Subscription.fromTemplate(template, TemplateFixture.unprovisioned(template),
                Map.of());

        assertThat(subscriptions).containsExactly(new S3Subscription("ImportFunction", "Upload",
                "turnout-dev-000000000000-eu-west-3", List.of("s3:ObjectCreated:*"), "imports/", ""),
                new S3Subscription("PrecinctImportFunction", "ElectionUpload",
                        "turnout-dev-000000000000-eu-west-3", List.of("s3:ObjectCreated:*"), "elections/", ""),
                new S3Subscription("PrecinctImportFunction", "AddressUpload",
                        "turnout-dev-000000000000-eu-west-3", List.of("s3:ObjectCreated:*"), "addresses/", ""),
                new S3Subscription("PrecinctImportFunction", "RollUpload",
                        "turnout-dev-000000000000-eu-west-3", List.of("s3:ObjectCreated:*"), "rolls/", ""));
        assertThat(subscriptions.get(0).configurationId()).isEqualTo("turnout-local-ImportFunctionUpload");
    }

    @Test
    void aSubscriptionTakesTheEventsAndKeysItNames() {
        S3Subscription csvPuts = new S3Subscription("F", "E", "b", List.of("s3:ObjectCreated:Put", "s3:ObjectRemoved:*"),
                "imports/", ".csv");

        assertThat(csvPuts.matchesKey("imports/demo/a.csv")).isTrue();
        assertThat(csvPuts.matchesKey("imports/demo/a.CSV")).as("case-sensitive, as S3").isFalse();
        assertThat(csvPuts.matchesKey("reports/a.csv")).isFalse();
        assertThat(csvPuts.accepts("ObjectCreated:Put")).isTrue();
        assertThat(csvPuts.accepts("ObjectCreated:CompleteMultipartUpload")).isFalse();
        assertThat(csvPuts.accepts("ObjectRemoved:Delete")).isTrue();
        assertThat(new S3Subscription("F", "E", "b", List.of("s3:ObjectRestore:*"), "", "").isEmulated()).isFalse();
    }
}
