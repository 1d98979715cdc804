package org.turnout.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** Provisioning template.yaml (and a template with queues) on the real emulators. */
@ExtendWith(SharedLocalStack.class)
class TemplateProvisionerTest {

    private static final Map<String, String> SECRETS = Map.of("LinkSigningKeys", "k1:secret", "IpHashPepper", "pepper", "ContactIdKey", "contact-id-key");

    private static final String QUEUES_TEMPLATE = """
            Parameters:
              Stage: { Type: String, Default: test }
            Resources:
              Uploads:
                Type: AWS::S3::Bucket
                Properties:
                  BucketName: !Sub "${AWS::StackName}-uploads-${Stage}"
              # not template.yaml's names: the shared stack holds its queues, with other attributes
              OutboxQueue:
                Type: AWS::SQS::Queue
                Properties:
                  VisibilityTimeout: 30
                  RedrivePolicy:
                    deadLetterTargetArn: !GetAtt OutboxDeadLetters.Arn
                    maxReceiveCount: 1
              OutboxDeadLetters:
                Type: AWS::SQS::Queue
                Properties:
                  QueueName: !Sub "${AWS::StackName}-outbox-dlq"
                  MessageRetentionPeriod: 1209600
            """;

    private final LocalAwsStack stack;

    TemplateProvisionerTest(LocalAwsStack stack) {
        this.stack = stack;
    }

    @Test
    void provisioningTwiceChangesNothing() {
        String table = stack.resources().physicalName("Table");
        Map<String, AttributeValue> item = Map.of("PK", AttributeValue.fromS("ORG#o"), "SK", AttributeValue.fromS("SEG#1"));
        stack.clients().dynamoDb().putItem(request -> request.tableName(table).item(item));
        stack.clients().s3().putObject(request -> request.bucket(stack.resources().physicalName("Bucket")).key("kept"),
                RequestBody.fromString("kept"));

        Provisioned again = new TemplateProvisioner(CloudFormationTemplate.load(RepositoryRoot.locate().template()),
                stack.clients()).provision(Map.of());

        assertThat(again.physicalName("Table")).isEqualTo(table);
        assertThat(stack.clients().dynamoDb().listTables().tableNames()).containsOnlyOnce(table);
        assertThat(stack.clients().dynamoDb().getItem(request -> request.tableName(table)
                .key(item)).item()).isEqualTo(item);
        assertThat(stack.clients().s3().getObjectAsBytes(request -> request
                .bucket(again.physicalName("Bucket")).key("kept")).asUtf8String()).isEqualTo("kept");
    }

    @Test
    void toleratesWhatTheEmulatorsLackAndSaysSo() {
        assertThat(stack.resources().warnings())
                .anySatisfy(warning -> assertThat(warning).startsWith("Table:").contains("UpdateTimeToLive"))
                .anySatisfy(warning -> assertThat(warning).contains("turnout-local-configurationset"));
    }

    @Test
    void theApiFunctionsEnvironmentNamesTheProvisionedResources() {
        Map<String, String> environment = stack.resources().functionEnvironment("ApiFunction", SECRETS);

        assertThat(environment)
                .containsEntry("TURNOUT_TABLE", stack.resources().physicalName("Table"))
                .containsEntry("TURNOUT_BUCKET", stack.resources().physicalName("Bucket"))
                .containsEntry("TURNOUT_CONFIGURATION_SET", "turnout-local-configurationset")
                .containsEntry("TURNOUT_LINK_SIGNING_KEYS", "k1:secret");
        assertThat(environment.get("TURNOUT_PUBLIC_URL"))
                .startsWith("https://turnout-local-httpapi.execute-api.eu-west-3.amazonaws.com");
    }

    @Test
    void parameterOverridesReachTheFunctionsEnvironment() {
        Map<String, String> overrides = new HashMap<>(SECRETS);
        overrides.put("PublicUrl", "http://127.0.0.1:8080");

        assertThat(stack.resources().functionEnvironment("ApiFunction", overrides))
                .containsEntry("TURNOUT_PUBLIC_URL", "http://127.0.0.1:8080");
    }

    @Test
    void createsQueuesWithTheirDeadLetterQueueAndRedrive() {
        CloudFormationTemplate template = CloudFormationTemplate.parse(QUEUES_TEMPLATE);
        TemplateProvisioner provisioner = new TemplateProvisioner(template, stack.clients());
        provisioner.provision(Map.of());
        Provisioned provisioned = provisioner.provision(Map.of());
        SqsClient sqs = stack.clients().sqs();
        String queue = provisioned.ref("OutboxQueue");
        String deadLetters = provisioned.ref("OutboxDeadLetters");

        assertThat(provisioned.physicalName("Uploads")).isEqualTo("turnout-local-uploads-test");
        assertThat(stack.clients().s3().listBuckets().buckets()).anySatisfy(bucket ->
                assertThat(bucket.name()).isEqualTo("turnout-local-uploads-test"));
        assertThat(queue).isEqualTo(stack.endpoint(Emulator.SQS) + "/000000000000/turnout-local-outboxqueue");
        assertThat(deadLetters).endsWith("/turnout-local-outbox-dlq");
        assertThat(sqs.getQueueAttributes(request -> request.queueUrl(queue)
                .attributeNames(QueueAttributeName.REDRIVE_POLICY)).attributes().get(QueueAttributeName.REDRIVE_POLICY))
                .contains(provisioned.attribute("OutboxDeadLetters", "Arn"));

        sqs.sendMessage(request -> request.queueUrl(queue).messageBody("poison"));
        assertThat(receive(sqs, queue)).containsExactly("poison");
        // received once already (maxReceiveCount 1): the next receive moves it to the dead-letter queue
        assertThat(receive(sqs, queue)).isEmpty();
        assertThat(receive(sqs, deadLetters)).containsExactly("poison");
    }

    @Test
    void aParameterWithoutDefaultMustBeGiven() {
        assertThatThrownBy(() -> stack.resources().functionEnvironment("ApiFunction", Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no default");
    }

    private static List<String> receive(SqsClient sqs, String queue) {
        return sqs.receiveMessage(request -> request.queueUrl(queue).visibilityTimeout(0).waitTimeSeconds(1))
                .messages().stream().map(Message::body).toList();
    }
}
