package org.turnout.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.turnout.local.CloudFormationTemplate.Resource;

/** template.yaml's alarms, their topic and the bucket's protections, and what the local stack says of them. */
@ExtendWith(SharedLocalStack.class)
class OperationsResourcesTest {

    private static final Map<String, Object> ALARM_TOPIC = Map.of("Ref", "AlarmTopic");
    private static final Map<String, String> PARAMETERS = Map.of();

    private final CloudFormationTemplate template = TemplateFixture.template();
    private final LocalAwsStack stack;

    OperationsResourcesTest(LocalAwsStack stack) {
        this.stack = stack;
    }

    @Test
    void everyAlarmNotifiesTheAlarmTopicWhenItFiresAndWhenItClears() {
        List<Resource> alarms = template.resourcesOfType("AWS::CloudWatch::Alarm");

        assertThat(alarms).hasSizeGreaterThanOrEqualTo(11).allSatisfy(alarm -> {
            assertThat(alarm.properties().get("AlarmActions")).as(alarm.logicalId()).isEqualTo(List.of(ALARM_TOPIC));
            assertThat(alarm.properties().get("OKActions")).as(alarm.logicalId()).isEqualTo(List.of(ALARM_TOPIC));
        });
        assertThat(template.resource("AlarmTopic")).map(Resource::type).contains("AWS::SNS::Topic");
    }

    @Test
    void theEmailSubscriptionExistsOnlyWhenAnAddressIsGiven() throws IOException {
        Map<String, Object> subscription = TemplateFixture.resourceDefinition("AlarmEmailSubscription");

        assertThat(subscription).containsEntry("Type", "AWS::SNS::Subscription").containsEntry("Condition", "HasAlarmEmail");
        assertThat(properties("AlarmEmailSubscription")).containsEntry("TopicArn", ALARM_TOPIC)
                .containsEntry("Protocol", "email").containsEntry("Endpoint", Map.of("Ref", "AlarmEmail"));
        assertThat(template.parameters().get("AlarmEmail").defaultValue()).contains("");
        assertThat(template.conditions().get("HasAlarmEmail")).isEqualTo(Map.of("Fn::Not",
                List.of(Map.of("Fn::Equals", List.of(Map.of("Ref", "AlarmEmail"), "")))));
        // CloudWatch of this account, and no one else, may publish to the topic
        assertThat(properties("AlarmTopicPolicy").toString()).contains("cloudwatch.amazonaws.com")
                .contains("aws:SourceAccount");
    }

    @Test
    void sendFunctionErrorsAndAnOldSendQueueRaiseAlarms() {
        assertThat(properties("SendErrorsAlarm"))
                .containsEntry("Namespace", "AWS/Lambda").containsEntry("MetricName", "Errors")
                .containsEntry("Dimensions", List.of(Map.of("Name", "FunctionName", "Value", Map.of("Ref", "SendFunction"))))
                .containsEntry("Threshold", 1)
                .containsEntry("ComparisonOperator", "GreaterThanOrEqualToThreshold");
        assertThat(properties("SendQueueAgeAlarm"))
                .containsEntry("Namespace", "AWS/SQS").containsEntry("MetricName", "ApproximateAgeOfOldestMessage")
                .containsEntry("Dimensions", List.of(Map.of("Name", "QueueName",
                        "Value", Map.of("Fn::GetAtt", List.of("SendQueue", "QueueName")))))
                .containsEntry("Statistic", "Maximum")
                .containsEntry("Threshold", 3600)
                .containsEntry("ComparisonOperator", "GreaterThanOrEqualToThreshold");
    }

    @Test
    void precinctImportFailuresGoToTheirQueueWhichRaisesAnAlarm() {
        Map<String, Object> destination = Map.of("Type", "SQS",
                "Destination", Map.of("Fn::GetAtt", List.of("PrecinctImportFailures", "Arn")));
        assertThat(properties("PrecinctImportFunction").get("EventInvokeConfig"))
                .isEqualTo(Map.of("MaximumRetryAttempts", 2, "DestinationConfig", Map.of("OnFailure", destination)));
        assertThat(template.resource("PrecinctImportFailures")).map(Resource::type).contains("AWS::SQS::Queue");
        // the function's policy lets it send there, as Lambda's destinations require
        List<Object> statements = ((List<?>) properties("PrecinctImportFunction").get("Policies")).stream()
                .flatMap(policy -> ((List<?>) CloudFormationTemplate.mapOf(policy, "policy").get("Statement")).stream())
                .map(Object.class::cast).toList();
        assertThat(statements).contains(Map.of("Sid", "ReportFailedPrecinctImports", "Effect", "Allow",
                "Action", "sqs:SendMessage", "Resource", Map.of("Fn::GetAtt", List.of("PrecinctImportFailures", "Arn"))));
        assertThat(properties("PrecinctImportFailuresAlarm"))
                .containsEntry("Namespace", "AWS/SQS").containsEntry("MetricName", "ApproximateNumberOfMessagesVisible")
                .containsEntry("Dimensions", List.of(Map.of("Name", "QueueName",
                        "Value", Map.of("Fn::GetAtt", List.of("PrecinctImportFailures", "QueueName")))))
                .containsEntry("Threshold", 1);
    }

    @Test
    void theAccountsSesReputationAlarmsAtTheRatesWhereSesReviewsIt() {
        assertThat(properties("SesBounceRateAlarm"))
                .containsEntry("Namespace", "AWS/SES").containsEntry("MetricName", "Reputation.BounceRate")
                .containsEntry("Threshold", 0.05)
                .containsEntry("ComparisonOperator", "GreaterThanOrEqualToThreshold")
                .doesNotContainKey("Dimensions");
        assertThat(properties("SesComplaintRateAlarm"))
                .containsEntry("Namespace", "AWS/SES").containsEntry("MetricName", "Reputation.ComplaintRate")
                .containsEntry("Threshold", 0.001)
                .containsEntry("ComparisonOperator", "GreaterThanOrEqualToThreshold")
                .doesNotContainKey("Dimensions");
    }

    @Test
    void theUploadedFilesExpireAfterTheRetentionParameterAndTheReportsKeepTheirOwnRule() {
        Object rules = CloudFormationTemplate.mapOf(properties("Bucket").get("LifecycleConfiguration"), "lifecycle").get("Rules");
        Map<String, Object> retention = Map.of("Ref", "UploadRetentionDays");

        assertThat(rules).asList().contains(
                Map.of("Id", "expire-contact-uploads", "Status", "Enabled", "Prefix", "imports/", "ExpirationInDays", retention),
                Map.of("Id", "expire-election-uploads", "Status", "Enabled", "Prefix", "elections/", "ExpirationInDays", retention),
                Map.of("Id", "expire-address-uploads", "Status", "Enabled", "Prefix", "addresses/", "ExpirationInDays", retention),
                Map.of("Id", "expire-reports", "Status", "Enabled", "Prefix", "reports/", "ExpirationInDays", 90),
                // an electoral roll serves the campaign only: its file does not wait for the uploads' retention
                Map.of("Id", "expire-roll-uploads", "Status", "Enabled", "Prefix", "rolls/", "ExpirationInDays", 1));
        assertThat(template.parameters().get("UploadRetentionDays").defaultValue()).contains("30");
    }

    @Test
    void theBucketRefusesEveryRequestThatIsNotOverTls() {
        Map<String, Object> policy = properties("BucketPolicy");

        assertThat(policy.get("Bucket")).isEqualTo(Map.of("Ref", "Bucket"));
        assertThat(CloudFormationTemplate.mapOf(policy.get("PolicyDocument"), "policy").get("Statement")).asList()
                .containsExactly(Map.of("Sid", "DenyPlainHttp", "Effect", "Deny", "Principal", "*", "Action", "s3:*",
                        "Resource", List.of(Map.of("Fn::GetAtt", List.of("Bucket", "Arn")), Map.of("Fn::Sub", "${Bucket.Arn}/*")),
                        "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false"))));
    }

    @Test
    void theLocalStackCreatesTheFailureQueueAndSaysWhatItLeavesOut() {
        String queue = stack.resources().physicalName("PrecinctImportFailures");

        assertThat(stack.clients().sqs().getQueueUrl(request -> request.queueName(queue)).queueUrl())
                .isEqualTo(stack.resources().ref("PrecinctImportFailures"));
        assertThat(stack.resources().functionEnvironment("PrecinctImportFunction", PARAMETERS))
                .containsEntry("QUARKUS_LAMBDA_HANDLER", "precincts");
        assertThat(stack.resources().warnings())
                .anySatisfy(warning -> assertThat(warning).startsWith("Bucket: its lifecycle rules")
                        .contains("expire-contact-uploads", "expire-election-uploads", "expire-address-uploads"))
                .anySatisfy(warning -> assertThat(warning).startsWith("BucketPolicy is not applied locally"))
                .anySatisfy(warning -> assertThat(warning)
                        .contains(template.resourcesOfType("AWS::CloudWatch::Alarm").size() + " CloudWatch alarms")
                        .contains("[AlarmTopic]").endsWith("nothing evaluates alarms locally"))
                .anySatisfy(warning -> assertThat(warning).isEqualTo("AlarmEmailSubscription is not created locally: "
                        + "nothing publishes to its topic's email endpoint"));
    }

    private Map<String, Object> properties(String logicalId) {
        return template.resource(logicalId).orElseThrow().properties();
    }
}
