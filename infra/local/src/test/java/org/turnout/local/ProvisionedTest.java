package org.turnout.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Names and intrinsic functions, computed from a template alone. */
class ProvisionedTest {

    private static final String TEMPLATE = """
            Parameters:
              Stage: { Type: String, Default: dev }
              PublicUrl: { Type: String, Default: "" }
              Secret: { Type: String, NoEcho: true }
              Rate: { Type: Number, Default: 5 }
            Conditions:
              HasPublicUrl: !Not [!Equals [!Ref PublicUrl, ""]]
              IsProd: !Equals [!Ref Stage, prod]
              ProdWithUrl: !And [!Condition IsProd, !Condition HasPublicUrl]
              ProdOrUrl: !Or [!Condition IsProd, !Condition HasPublicUrl]
            Mappings:
              Sizes:
                dev: { Memory: 512 }
                prod: { Memory: 2048 }
            Globals:
              Function:
                MemorySize: 1024
                Timeout: 30
                Environment:
                  Variables:
                    TABLE: !Ref Data
                    STAGE: !Ref Stage
                    OVERRIDDEN: global
            Resources:
              Data:
                Type: AWS::DynamoDB::Table
                Properties:
                  TableName: !Sub "${AWS::StackName}-data-${Stage}"
              Files:
                Type: AWS::S3::Bucket
              Jobs:
                Type: AWS::SQS::Queue
                Properties:
                  FifoQueue: true
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  Timeout: !If [IsProd, 60, 10]
                  Handler: worker.Handler::handleRequest
                  Environment:
                    Variables:
                      OVERRIDDEN: own
                      URL: !If [HasPublicUrl, !Ref PublicUrl, !Sub "https://${Files}.s3.${AWS::Region}.${AWS::URLSuffix}"]
                      OPTIONAL: !If [IsProd, "yes", !Ref AWS::NoValue]
                      BOTH: !If [ProdWithUrl, "yes", "no"]
                      EITHER: !If [ProdOrUrl, "yes", "no"]
                      TABLE_ARN: !GetAtt Data.Arn
                      INDEX_ARN: !Sub "${Data.Arn}/index/*"
                      QUEUE_URL: !GetAtt Jobs.QueueUrl
                      ACCOUNT: !Sub "arn:${AWS::Partition}:ses:${AWS::Region}:${AWS::AccountId}:identity/*"
                      LITERAL: !Sub "${!NotAVariable}-${Stage}"
                      VARIABLES: !Sub ["${Name}-${Stage}", { Name: !Join ["-", [a, !Select [1, !Split [",", "x,b"]]]] }]
                      MEMORY: !FindInMap [Sizes, !Ref Stage, Memory]
                      ENCODED: !Base64 hello
                      ZONE: !Select [0, !GetAZs ""]
                      RATE: !Ref Rate
                      SECRET: !Ref Secret
            """;

    private final Provisioned provisioned =
            new Provisioned(CloudFormationTemplate.parse(TEMPLATE), Map.of(), Map.of(), List.of());

    @Test
    void namesResourcesByTheirNamePropertyElseByStackAndLogicalId() {
        assertThat(provisioned.physicalName("Data")).isEqualTo("turnout-local-data-dev");
        assertThat(provisioned.physicalName("Files")).isEqualTo("turnout-local-files");
        assertThat(provisioned.physicalName("Jobs")).isEqualTo("turnout-local-jobs.fifo");
        assertThat(provisioned.ref("Jobs"))
                .isEqualTo("https://sqs.eu-west-3.amazonaws.com/000000000000/turnout-local-jobs.fifo");
        assertThat(provisioned.attribute("Data", "Arn"))
                .isEqualTo("arn:aws:dynamodb:eu-west-3:000000000000:table/turnout-local-data-dev");
        assertThat(provisioned.ref("Stage")).isEqualTo("dev");
        assertThat(provisioned.ref("AWS::StackName")).isEqualTo("turnout-local");
    }

    @Test
    void resolvesAFunctionsEnvironment() {
        Map<String, String> environment = provisioned.functionEnvironment("Worker", Map.of("Secret", "s3cr3t"));

        assertThat(environment)
                .containsEntry("TABLE", "turnout-local-data-dev")
                .containsEntry("STAGE", "dev")
                .containsEntry("OVERRIDDEN", "own")
                .containsEntry("URL", "https://turnout-local-files.s3.eu-west-3.amazonaws.com")
                .doesNotContainKey("OPTIONAL")
                .containsEntry("BOTH", "no")
                .containsEntry("EITHER", "no")
                .containsEntry("TABLE_ARN", "arn:aws:dynamodb:eu-west-3:000000000000:table/turnout-local-data-dev")
                .containsEntry("INDEX_ARN", "arn:aws:dynamodb:eu-west-3:000000000000:table/turnout-local-data-dev/index/*")
                .containsEntry("QUEUE_URL", "https://sqs.eu-west-3.amazonaws.com/000000000000/turnout-local-jobs.fifo")
                .containsEntry("ACCOUNT", "arn:aws:ses:eu-west-3:000000000000:identity/*")
                .containsEntry("VARIABLES", "a-b-dev")
                .containsEntry("MEMORY", "512")
                .containsEntry("ENCODED", "aGVsbG8=")
                .containsEntry("ZONE", "eu-west-3a")
                .containsEntry("RATE", "5")
                .containsEntry("SECRET", "s3cr3t")
                .containsEntry("LITERAL", "${NotAVariable}-dev");
    }

    @Test
    void parameterOverridesDriveConditions() {
        Map<String, String> environment = provisioned.functionEnvironment("Worker",
                Map.of("Secret", "s", "Stage", "prod", "PublicUrl", "https://vote.example.org"));

        assertThat(environment)
                .containsEntry("URL", "https://vote.example.org")
                .containsEntry("OPTIONAL", "yes")
                .containsEntry("BOTH", "yes")
                .containsEntry("EITHER", "yes")
                .containsEntry("STAGE", "prod")
                .containsEntry("MEMORY", "2048")
                // the resources exist already: overrides don't rename them
                .containsEntry("TABLE", "turnout-local-data-dev");
    }

    @Test
    void functionPropertiesFallBackOnGlobals() {
        assertThat(provisioned.functionProperty("Worker", "Handler", Map.of())).hasValue("worker.Handler::handleRequest");
        assertThat(provisioned.functionProperty("Worker", "MemorySize", Map.of())).hasValue("1024");
        assertThat(provisioned.functionProperty("Worker", "Timeout", Map.of())).hasValue("10");
        assertThat(provisioned.functionProperty("Worker", "Timeout", Map.of("Stage", "prod"))).hasValue("60");
        assertThat(provisioned.functionProperty("Worker", "Runtime", Map.of())).isEmpty();
        assertThat(provisioned.resolvedProperties("Data", Map.of("Stage", "prod")))
                .containsEntry("TableName", "turnout-local-data-prod");
    }

    @Test
    void refusesWhatItCannotResolve() {
        assertThatThrownBy(() -> provisioned.functionEnvironment("Worker", Map.of()))
                .hasMessageContaining("Secret").hasMessageContaining("has no default");
        assertThatThrownBy(() -> provisioned.functionEnvironment("Worker", Map.of("Nope", "x")))
                .hasMessageContaining("no parameter Nope");
        assertThatThrownBy(() -> provisioned.functionEnvironment("Data", Map.of()))
                .hasMessageContaining("not a function");
        assertThatThrownBy(() -> provisioned.physicalName("Missing"))
                .hasMessageContaining("no resource Missing");
        assertThatThrownBy(() -> provisioned.attribute("Data", "StreamArn"))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
