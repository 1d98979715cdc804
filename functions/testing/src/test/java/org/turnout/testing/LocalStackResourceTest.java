package org.turnout.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.turnout.local.scheduler.LocalScheduler;
import org.turnout.local.scheduler.Schedule;

import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.scheduler.model.SchedulerException;

/**
 * The resource as a Quarkus test of the API starts it with the scheduler option: a default-built SchedulerClient
 * (what a CDI producer would build) reaches the local Scheduler with the settings the resource hands to the config.
 */
class LocalStackResourceTest {

    private static final LocalStackResource RESOURCE = new LocalStackResource();
    private static Map<String, String> config;

    @BeforeAll
    static void start() {
        RESOURCE.init(Map.of(LocalStackResource.SCHEDULER, "true", LocalStackResource.SQS, "true"));
        config = RESOURCE.start();
    }

    @AfterAll
    static void stop() {
        RESOURCE.stop();
        assertThat(System.getProperty("aws.endpointUrlScheduler")).isNull();
        assertThat(System.getProperty("aws.endpointUrlSecretsManager")).isNull();
    }

    @Test
    void givesTheFunctionsTheArnsOfTheirSecretsWhichADefaultClientReadsAndNeverTheValues() {
        assertThat(config).doesNotContainKeys("turnout.link-signing-keys", "turnout.ip-hash-pepper", "turnout.erasure-pepper");
        try (SecretsManagerClient client = SecretsManagerClient.builder().httpClientBuilder(ApacheHttpClient.builder()).build()) {
            for (String setting : List.of("turnout.link-signing-keys-secret", "turnout.ip-hash-pepper-secret",
                    "turnout.erasure-pepper-secret", "turnout.contact-id-key-secret")) {
                String arn = config.get(setting);
                assertThat(arn).as(setting).startsWith("arn:aws:secretsmanager:eu-west-3:000000000000:secret:turnout-local/");
                String value = client.getSecretValue(request -> request.secretId(arn)).secretString();
                // generated, except the contact-id key, which the resource sets to the value tests derive ids with
                assertThat(value).hasSizeGreaterThanOrEqualTo(setting.equals("turnout.contact-id-key-secret")
                        ? LocalStackResource.CONTACT_ID_KEY.length() : 64);
                assertThat(config.values()).doesNotContain(value);
            }
        }
    }

    @Test
    void givesTheSchedulingSettingsOfTheTemplate() {
        assertThat(config)
                .containsEntry("turnout.schedule-group", "turnout-local-mailings")
                .containsEntry("turnout.scheduler-role-arn", "arn:aws:iam::000000000000:role/turnout-local-schedulerrole")
                .containsEntry("turnout.dispatch-function-arn", "arn:aws:lambda:eu-west-3:000000000000:function:turnout-local-dispatch")
                .containsEntry("turnout.schedule-dead-letters-arn", "arn:aws:sqs:eu-west-3:000000000000:turnout-local-schedulefailures");
        assertThat(config.get("turnout.send-queue-url")).startsWith("http://127.0.0.1:").endsWith("/turnout-local-sendqueue");
    }

    @Test
    void aDefaultSchedulerClientCreatesUpdatesGetsAndDeletesSchedulesThatTheTestCanReadAndFire() {
        String group = config.get("turnout.schedule-group");
        try (SchedulerClient client = SchedulerClient.builder().httpClientBuilder(ApacheHttpClient.builder()).build()) {
            client.createSchedule(request -> request.name("mailing-m-1").groupName(group)
                    .scheduleExpression("at(2031-05-01T09:00:00)").scheduleExpressionTimezone("Europe/Paris")
                    .flexibleTimeWindow(window -> window.mode(FlexibleTimeWindowMode.OFF))
                    .target(target -> target.arn(config.get("turnout.dispatch-function-arn"))
                            .roleArn(config.get("turnout.scheduler-role-arn")).input("{\"mailing\":\"m-1\"}")
                            .deadLetterConfig(dlq -> dlq.arn(config.get("turnout.schedule-dead-letters-arn")))));
            client.updateSchedule(request -> request.name("mailing-m-1").groupName(group)
                    .scheduleExpression("at(2031-05-02T09:00:00)").scheduleExpressionTimezone("Europe/Paris")
                    .flexibleTimeWindow(window -> window.mode(FlexibleTimeWindowMode.OFF))
                    .target(target -> target.arn(config.get("turnout.dispatch-function-arn"))
                            .roleArn(config.get("turnout.scheduler-role-arn")).input("{\"mailing\":\"m-1\"}")));

            assertThat(LocalStackResource.scheduler.schedule(group, "mailing-m-1").orElseThrow().expression())
                    .isEqualTo("at(2031-05-02T09:00:00)");
            // the client signs as ApiFunction, whose policy grants no GetSchedule (its code reads none)
            assertThatThrownBy(() -> client.getSchedule(request -> request.name("mailing-m-1").groupName(group)))
                    .isInstanceOfSatisfying(SchedulerException.class, e -> assertThat(e.awsErrorDetails().errorCode())
                            .isEqualTo("AccessDeniedException"));
            // the mailings' group; the template's own schedules are in the default group
            assertThat(LocalStackResource.scheduler.schedules()).filteredOn(schedule -> schedule.groupName().equals(group))
                    .extracting(Schedule::name, Schedule::input)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("mailing-m-1", "{\"mailing\":\"m-1\"}"));

            LocalScheduler.Delivery fired = LocalStackResource.scheduler.fireNow(group, "mailing-m-1");
            assertThat(fired.succeeded()).isTrue();
            assertThat(fired.targetArn()).isEqualTo(config.get("turnout.dispatch-function-arn"));
            assertThat(fired.input()).isEqualTo("{\"mailing\":\"m-1\"}");
            assertThat(LocalStackResource.scheduler.deliveries()).containsExactly(fired);

            client.deleteSchedule(request -> request.name("mailing-m-1").groupName(group));
            assertThat(LocalStackResource.scheduler.schedules()).noneMatch(schedule -> schedule.groupName().equals(group));
        }
    }

    @Test
    void theAppsDefaultClientsSignAsApiFunctionAndGetOnlyWhatItsPolicyAllows() {
        String table = LocalStackResource.stack.resources().physicalName("Table");
        try (DynamoDbClient dynamoDb = DynamoDbClient.builder().httpClientBuilder(ApacheHttpClient.builder()).build()) {
            assertThat(dynamoDb.query(request -> request.tableName(table).keyConditionExpression("PK = :pk")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("ORG#nobody")))).count()).isZero();
            assertThatThrownBy(() -> dynamoDb.scan(request -> request.tableName(table)))
                    .isInstanceOfSatisfying(DynamoDbException.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
                        assertThat(e.awsErrorDetails().errorMessage()).contains("turnout-local-apifunctionrole");
                    });
            // a test class of another function's handler switches to that function's credentials
            LocalStackResource.runAs("SendFunction");
            try {
                assertThatThrownBy(() -> dynamoDb.scan(request -> request.tableName(table)))
                        .hasMessageContaining("turnout-local-sendfunctionrole");
            } finally {
                LocalStackResource.runAs("ApiFunction");
            }
        }
    }
}
