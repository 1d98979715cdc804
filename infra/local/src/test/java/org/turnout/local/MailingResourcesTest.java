package org.turnout.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The mailing resources of template.yaml as the local stack provisions and names them. */
@ExtendWith(SharedLocalStack.class)
class MailingResourcesTest {

    private static final Map<String, String> PARAMETERS = Map.of("PublicUrl", "http://localhost:8080");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LocalAwsStack stack;
    private final Provisioned resources;

    MailingResourcesTest(LocalAwsStack stack) {
        this.stack = stack;
        this.resources = stack.resources();
    }

    @Test
    void theSendQueueReachesElasticMqWithItsVisibilityTimeoutAndRedrivePolicy() throws Exception {
        String sendQueue = resources.ref("SendQueue");
        Map<QueueAttributeName, String> attributes = stack.clients().sqs().getQueueAttributes(request -> request
                .queueUrl(sendQueue).attributeNames(QueueAttributeName.ALL)).attributes();

        assertThat(attributes.get(QueueAttributeName.VISIBILITY_TIMEOUT)).isEqualTo("360");
        // 14 days, the most SQS keeps: a large mailing at a low rate waits on the queue for days (ElasticMQ keeps
        // messages until deleted and does not report the attribute: the template says it)
        for (String queue : new String[] {"SendQueue", "SendDeadLetters"}) {
            assertThat(String.valueOf(resources.resolvedProperties(queue, Map.of()).get("MessageRetentionPeriod"))).isEqualTo("1209600");
        }
        JsonNode redrive = JSON.readTree(attributes.get(QueueAttributeName.REDRIVE_POLICY));
        assertThat(redrive.path("deadLetterTargetArn").asText()).isEqualTo(resources.attribute("SendDeadLetters", "Arn"));
        assertThat(redrive.path("maxReceiveCount").asInt()).isEqualTo(10);
        // the ARN the template computes is the one the emulator gives the queue, so that the redrive finds it
        String deadLetters = resources.ref("SendDeadLetters");
        assertThat(stack.clients().sqs().getQueueAttributes(request -> request.queueUrl(deadLetters)
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN))
                .isEqualTo(resources.attribute("SendDeadLetters", "Arn"));
        for (String queue : new String[] {"ScheduleFailures", "DispatchFailures"}) {
            assertThat(stack.clients().sqs().getQueueUrl(request -> request.queueName(resources.physicalName(queue))).queueUrl())
                    .isEqualTo(resources.ref(queue));
        }
    }

    @Test
    void theSchedulerResourcesResolveLocallyWithoutAnythingToCreate() {
        assertThat(resources.ref("MailingSchedules")).isEqualTo("turnout-local-mailings");
        assertThat(resources.attribute("SchedulerRole", "Arn")).isEqualTo("arn:aws:iam::000000000000:role/turnout-local-schedulerrole");
        assertThat(resources.attribute("DispatchFunction", "Arn"))
                .isEqualTo("arn:aws:lambda:eu-west-3:000000000000:function:turnout-local-dispatch");
        assertThat(resources.attribute("ScheduleFailures", "Arn")).isEqualTo("arn:aws:sqs:eu-west-3:000000000000:turnout-local-schedulefailures");
        assertThat(resources.attribute("ScheduleFailures", "QueueName")).isEqualTo("turnout-local-schedulefailures");
        assertThat(resources.ref("SendQueue")).startsWith("http://127.0.0.1:").endsWith("/turnout-local-sendqueue");
        assertThat(resources.warnings()).noneMatch(warning -> warning.contains("MailingSchedules") || warning.contains("SchedulerRole")
                || warning.contains("Queue") || warning.contains("Dispatch") || warning.contains("Send"));
    }

    @Test
    void theFunctionsGetTheSchedulerAndQueueSettings() {
        assertThat(resources.functionEnvironment("ApiFunction", PARAMETERS))
                .containsEntry("TURNOUT_SCHEDULE_GROUP", "turnout-local-mailings")
                .containsEntry("TURNOUT_SCHEDULER_ROLE_ARN", "arn:aws:iam::000000000000:role/turnout-local-schedulerrole")
                .containsEntry("TURNOUT_DISPATCH_FUNCTION_ARN", "arn:aws:lambda:eu-west-3:000000000000:function:turnout-local-dispatch")
                .containsEntry("TURNOUT_SCHEDULE_DEAD_LETTERS_ARN", "arn:aws:sqs:eu-west-3:000000000000:turnout-local-schedulefailures");
        assertThat(resources.functionEnvironment("DispatchFunction", PARAMETERS))
                .containsEntry("QUARKUS_LAMBDA_HANDLER", "dispatch")
                .containsEntry("TURNOUT_SEND_QUEUE_URL", resources.ref("SendQueue"));
        assertThat(resources.functionEnvironment("SendFunction", PARAMETERS))
                .containsEntry("QUARKUS_LAMBDA_HANDLER", "send")
                .containsEntry("TURNOUT_SEND_CONCURRENCY", "4")
                .containsEntry("TURNOUT_SEND_PARALLELISM", "4")
                .containsEntry("TURNOUT_PUBLIC_URL", "http://localhost:8080")
                // the ARN of the secret, never a key
                .containsEntry("TURNOUT_LINK_SIGNING_KEYS_SECRET", resources.ref("LinkSigningKeys"))
                .doesNotContainKeys("TURNOUT_IP_HASH_PEPPER_SECRET", "TURNOUT_ERASURE_PEPPER_SECRET");
        assertThat(resources.functionProperty("SendFunction", "ReservedConcurrentExecutions", PARAMETERS)).contains("4");
        Map<String, String> two = new java.util.HashMap<>(PARAMETERS);
        two.put("SendConcurrency", "2");
        assertThat(resources.functionProperty("SendFunction", "ReservedConcurrentExecutions", two)).contains("2");
        assertThat(resources.functionEnvironment("SendFunction", two)).containsEntry("TURNOUT_SEND_CONCURRENCY", "2");
    }
}
