package org.turnout.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import org.turnout.local.CloudFormationTemplate;
import org.turnout.local.Provisioned;
import org.turnout.local.TemplateFixture;

class EventInvokeConfigTest {

    private final CloudFormationTemplate template = TemplateFixture.template();
    private final Provisioned provisioned = TemplateFixture.unprovisioned(template);

    @Test
    void importFunctionRetriesTwiceThenSendsItsRecordToTheImportFailuresQueue() {
        EventInvokeConfig config = EventInvokeConfig.fromTemplate(provisioned, "ImportFunction", Map.of());

        assertThat(config.maximumRetryAttempts()).isEqualTo(2);
        assertThat(config.maximumEventAge()).isEqualTo(Duration.ofHours(6));
        assertThat(config.onSuccess()).isEmpty();
        assertThat(config.onFailure()).hasValue(new EventInvokeConfig.Destination("SQS",
                "arn:aws:sqs:eu-west-3:000000000000:turnout-local-importfailures"));
    }

    @Test
    void aFunctionWithoutOneHasLambdasDefaults() {
        EventInvokeConfig config = EventInvokeConfig.fromTemplate(provisioned, "ApiFunction",
                Map.of("LinkSigningKeys", "k:s", "IpHashPepper", "p", "ContactIdKey", "c"));

        assertThat(config).isEqualTo(new EventInvokeConfig(2, Duration.ofHours(6), Optional.empty(), Optional.empty()));
    }

    @Test
    void theTemplatesOwnSettingsAreRead() {
        CloudFormationTemplate custom = CloudFormationTemplate.parse("""
                Resources:
                  Target:
                    Type: AWS::Serverless::Function
                    Properties: { Runtime: java17 }
                  Worker:
                    Type: AWS::Serverless::Function
                    Properties:
                      Runtime: java17
                      EventInvokeConfig:
                        MaximumRetryAttempts: 0
                        MaximumEventAgeInSeconds: 120
                        DestinationConfig:
                          OnSuccess: { Type: Lambda, Destination: !GetAtt Target.Arn }
                """);

        EventInvokeConfig config = EventInvokeConfig.fromTemplate(TemplateFixture.unprovisioned(custom), "Worker", Map.of());

        assertThat(config).isEqualTo(new EventInvokeConfig(0, Duration.ofSeconds(120), Optional.of(new EventInvokeConfig.Destination(
                "Lambda", "arn:aws:lambda:eu-west-3:000000000000:function:turnout-local-target")), Optional.empty()));
    }
}
