package org.turnout.local.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.turnout.local.CloudFormationTemplate;
import org.turnout.local.LocalAwsStack;
import org.turnout.local.RepositoryRoot;
import org.turnout.local.SharedLocalStack;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ActionAfterCompletion;
import software.amazon.awssdk.services.scheduler.model.ConflictException;
import software.amazon.awssdk.services.scheduler.model.CreateScheduleRequest;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.scheduler.model.GetScheduleResponse;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.scheduler.model.SchedulerException;
import software.amazon.awssdk.services.scheduler.model.ScheduleState;
import software.amazon.awssdk.services.scheduler.model.ScheduleSummary;
import software.amazon.awssdk.services.scheduler.model.UpdateScheduleRequest;
import software.amazon.awssdk.services.scheduler.model.ValidationException;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * The local Scheduler through the SDK's own SchedulerClient, firing into a target that records what it gets,
 * its dead letters into the real SQS emulator.
 */
@ExtendWith(SharedLocalStack.class)
class LocalSchedulerTest {

    private static final String GROUP = "turnout-local-mailings";
    private static final String DISPATCH = "arn:aws:lambda:eu-west-3:000000000000:function:turnout-local-dispatch";
    private static final String ROLE = "arn:aws:iam::000000000000:role/turnout-local-schedulerrole";
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How long the tests wait for what must happen: far above what it takes, so that only its absence fails a test on a loaded machine. */
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private record Invocation(String targetArn, String input, Instant at) {
    }

    private final LocalAwsStack stack;
    private final List<Invocation> invocations = Collections.synchronizedList(new ArrayList<>());
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger refusals = new AtomicInteger();
    private LocalScheduler scheduler;
    private SchedulerClient client;

    LocalSchedulerTest(LocalAwsStack stack) {
        this.stack = stack;
    }

    @BeforeEach
    void start() {
        scheduler = new LocalScheduler(LocalAwsStack.REGION, LocalAwsStack.ACCOUNT_ID, List.of(GROUP), (arn, input) -> {
            invocations.add(new Invocation(arn, new String(input, StandardCharsets.UTF_8), Instant.now()));
            if (refusals.getAndDecrement() > 0) {
                throw new ScheduleTargets.TargetException("ResourceNotFoundException", "Function not found: " + arn);
            }
            return UUID.randomUUID().toString();
        }, ScheduleDeadLetters.sqs(stack.clients().sqs()), List.of(Duration.ofMillis(50)), stack.iam(), log::add).start(0);
        client = SchedulerClient.builder().endpointOverride(scheduler.endpoint())
                .region(Region.of(LocalAwsStack.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(ApacheHttpClient.builder()).build();
    }

    @AfterEach
    void stop() {
        client.close();
        scheduler.close();
    }

    @Test
    void createGetUpdateListAndDeleteGoThroughTheSdk() {
        Instant creating = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String arn = client.createSchedule(mailing("m-1", "at(2030-03-30T09:30:00)")
                .actionAfterCompletion(ActionAfterCompletion.DELETE).build()).scheduleArn();

        assertThat(arn).isEqualTo("arn:aws:scheduler:eu-west-3:000000000000:schedule/" + GROUP + "/m-1");
        GetScheduleResponse got = client.getSchedule(request -> request.groupName(GROUP).name("m-1"));
        assertThat(got.arn()).isEqualTo(arn);
        assertThat(got.scheduleExpression()).isEqualTo("at(2030-03-30T09:30:00)");
        assertThat(got.scheduleExpressionTimezone()).isEqualTo("Europe/Paris");
        assertThat(got.state()).isEqualTo(ScheduleState.ENABLED);
        assertThat(got.actionAfterCompletion()).isEqualTo(ActionAfterCompletion.DELETE);
        assertThat(got.flexibleTimeWindow().mode()).isEqualTo(FlexibleTimeWindowMode.OFF);
        assertThat(got.target().arn()).isEqualTo(DISPATCH);
        assertThat(got.target().roleArn()).isEqualTo(ROLE);
        assertThat(got.target().input()).isEqualTo("{\"org\":\"demo\",\"mailing\":\"m-1\"}");
        assertThat(got.target().retryPolicy().maximumRetryAttempts()).isEqualTo(3);
        assertThat(got.target().deadLetterConfig().arn()).isEqualTo(queueArn("turnout-local-schedulefailures"));
        assertThat(got.creationDate()).isBetween(creating, Instant.now());
        // 09:30 in Paris on the day summer time starts is 07:30 UTC
        assertThat(scheduler.schedule(GROUP, "m-1").orElseThrow().fireTime()).contains(Instant.parse("2030-03-30T08:30:00Z"));

        client.updateSchedule(UpdateScheduleRequest.builder().name("m-1").groupName(GROUP)
                .scheduleExpression("at(2030-04-01T10:00:00)").scheduleExpressionTimezone("Europe/Paris")
                .flexibleTimeWindow(window -> window.mode(FlexibleTimeWindowMode.OFF))
                .target(target -> target.arn(DISPATCH).roleArn(ROLE).input("{}")).build());
        GetScheduleResponse updated = client.getSchedule(request -> request.groupName(GROUP).name("m-1"));
        assertThat(updated.scheduleExpression()).isEqualTo("at(2030-04-01T10:00:00)");
        // an update replaces the whole definition: what it leaves out is back to its default
        assertThat(updated.actionAfterCompletion()).isEqualTo(ActionAfterCompletion.NONE);
        assertThat(updated.creationDate()).isEqualTo(got.creationDate());
        assertThat(updated.lastModificationDate()).isAfterOrEqualTo(got.lastModificationDate());

        client.createSchedule(mailing("m-2", "at(2030-03-30T10:00:00)").build());
        assertThat(client.listSchedulesPaginator(request -> request.groupName(GROUP).maxResults(1)).schedules().stream()
                .map(ScheduleSummary::name).toList()).containsExactly("m-1", "m-2");
        assertThat(client.listSchedules(request -> request.groupName(GROUP).namePrefix("m-2")).schedules())
                .singleElement().satisfies(summary -> {
                    assertThat(summary.target().arn()).isEqualTo(DISPATCH);
                    assertThat(summary.state()).isEqualTo(ScheduleState.ENABLED);
                });

        client.deleteSchedule(request -> request.groupName(GROUP).name("m-1"));
        assertThatThrownBy(() -> client.getSchedule(request -> request.groupName(GROUP).name("m-1")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThat(scheduler.schedules()).extracting(Schedule::name).containsExactly("m-2");
    }

    @Test
    void errorsReachTheSdkAsTheSchedulersExceptions() {
        client.createSchedule(mailing("twice", "at(2030-01-01T00:00:00)").build());

        assertThatThrownBy(() -> client.createSchedule(mailing("twice", "at(2030-01-01T00:00:00)").build()))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.statusCode()).isEqualTo(409))
                .hasMessageContaining("Schedule twice already exists");
        assertThatThrownBy(() -> client.getSchedule(request -> request.groupName(GROUP).name("nope")))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> assertThat(e.statusCode()).isEqualTo(404));
        assertThatThrownBy(() -> client.deleteSchedule(request -> request.groupName(GROUP).name("nope")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> client.updateSchedule(UpdateScheduleRequest.builder().name("nope").groupName(GROUP)
                .scheduleExpression("at(2030-01-01T00:00:00)").flexibleTimeWindow(window -> window.mode(FlexibleTimeWindowMode.OFF))
                .target(target -> target.arn(DISPATCH).roleArn(ROLE)).build()))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> client.createSchedule(mailing("bad", "at(2030-13-01T00:00:00)").build()))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.statusCode()).isEqualTo(400))
                .hasMessageContaining("Invalid Schedule Expression at(2030-13-01T00:00:00)");
        assertThatThrownBy(() -> client.createSchedule(mailing("bad", "at(2030-01-01 00:00)").build()))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> client.createSchedule(mailing("bad", "at(2030-01-01T00:00:00)").groupName("other").build()))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("Schedule group other does not exist");
        assertThat(scheduler.schedules()).extracting(Schedule::name).containsExactly("twice");
    }

    @Test
    void aOneTimeScheduleFiresAtItsTimeInItsTimeZoneWithItsInputThenIsDeleted() throws Exception {
        LocalDateTime inParis = LocalDateTime.now(PARIS).plusSeconds(2).truncatedTo(ChronoUnit.SECONDS);
        Instant due = inParis.atZone(PARIS).toInstant();
        client.createSchedule(mailing("soon", "at(" + AT.format(inParis) + ")")
                .target(target -> target.arn(DISPATCH).roleArn(ROLE)
                        .input("{\"mailing\":\"m-1\",\"at\":\"<aws.scheduler.scheduled-time>\",\"try\":<aws.scheduler.attempt-number>}"))
                .actionAfterCompletion(ActionAfterCompletion.DELETE).build());

        awaitUntil(() -> invocations.size() == 1, PATIENCE);

        Invocation fired = invocations.get(0);
        assertThat(fired.at()).as("at its time, not before").isBetween(due, due.plus(PATIENCE));
        assertThat(fired.targetArn()).isEqualTo(DISPATCH);
        assertThat(JSON.readTree(fired.input())).isEqualTo(JSON.readTree(
                "{\"mailing\":\"m-1\",\"at\":\"" + due + "\",\"try\":1}"));
        awaitUntil(() -> scheduler.schedules().isEmpty(), PATIENCE);
        assertThatThrownBy(() -> client.getSchedule(request -> request.groupName(GROUP).name("soon")))
                .isInstanceOf(ResourceNotFoundException.class);
        // deleted once done: nothing left to fire again
        assertThat(invocations).hasSize(1);
    }

    @Test
    void anUpdateMovesTheFiringAndADeleteCancelsIt() throws Exception {
        // far enough ahead for the calls below to be over before, however loaded the machine
        Instant soon = Instant.now().plusSeconds(10).truncatedTo(ChronoUnit.SECONDS);
        client.createSchedule(mailing("moved", "at(" + AT.format(LocalDateTime.ofInstant(soon, PARIS)) + ")").build());
        client.createSchedule(mailing("cancelled", "at(" + AT.format(LocalDateTime.ofInstant(soon, PARIS)) + ")").build());
        Instant later = soon.plusSeconds(2);
        client.updateSchedule(UpdateScheduleRequest.builder().name("moved").groupName(GROUP)
                .scheduleExpression("at(" + AT.format(LocalDateTime.ofInstant(later, ZoneId.of("UTC"))) + ")")
                .flexibleTimeWindow(window -> window.mode(FlexibleTimeWindowMode.OFF))
                .target(target -> target.arn(DISPATCH).roleArn(ROLE).input("{\"moved\":true}")).build());
        client.deleteSchedule(request -> request.groupName(GROUP).name("cancelled"));

        awaitUntil(() -> !invocations.isEmpty(), PATIENCE);

        // the cancelled one, had it stayed, would have fired two seconds before
        assertThat(invocations).singleElement().satisfies(invocation -> {
            assertThat(invocation.input()).isEqualTo("{\"moved\":true}");
            assertThat(invocation.at()).isAfterOrEqualTo(later);
        });
        // ActionAfterCompletion NONE: the schedule stays, and does not fire again
        assertThat(scheduler.schedules()).extracting(Schedule::name).containsExactly("moved");
    }

    @Test
    void aRefusedInvocationIsRetriedThenGoesToTheDeadLetterQueueWithTheSchedulersAttributes() throws Exception {
        // the queue that SchedulerRole may send to: another would refuse the Scheduler's dead letter, as in AWS
        String queueUrl = stack.clients().sqs().getQueueUrl(request -> request.queueName("turnout-local-schedulefailures")).queueUrl();
        stack.clients().sqs().purgeQueue(request -> request.queueUrl(queueUrl));
        String queueArn = queueArn("turnout-local-schedulefailures");
        refusals.set(Integer.MAX_VALUE);
        client.createSchedule(mailing("failing", "at(2020-01-01T00:00:00)")
                .target(target -> target.arn(DISPATCH).roleArn(ROLE).input("{\"mailing\":\"m-9\"}")
                        .retryPolicy(retry -> retry.maximumRetryAttempts(2).maximumEventAgeInSeconds(86_400))
                        .deadLetterConfig(dlq -> dlq.arn(queueArn)))
                .actionAfterCompletion(ActionAfterCompletion.DELETE).build());

        List<Message> deadLetters = receive(queueUrl, PATIENCE);

        assertThat(invocations).hasSize(3);
        assertThat(scheduler.deliveries()).extracting(LocalScheduler.Delivery::attempt).containsExactly(1, 2, 3);
        assertThat(deadLetters).singleElement().satisfies(message -> {
            assertThat(message.body()).isEqualTo("{\"mailing\":\"m-9\"}");
            Map<String, MessageAttributeValue> attributes = message.messageAttributes();
            assertThat(attributes.keySet()).containsExactlyInAnyOrder("ERROR_CODE", "ERROR_MESSAGE", "EXECUTION_ID",
                    "EXHAUSTED_RETRY_CONDITION", "IS_PAYLOAD_TRUNCATED", "RETRY_ATTEMPTS", "SCHEDULED_TIME",
                    "SCHEDULE_ARN", "TARGET_ARN");
            assertThat(attributes.get("ERROR_CODE").stringValue()).isEqualTo("ResourceNotFoundException");
            assertThat(attributes.get("ERROR_MESSAGE").stringValue()).isEqualTo("Function not found: " + DISPATCH);
            assertThat(attributes.get("EXHAUSTED_RETRY_CONDITION").stringValue()).isEqualTo("MaximumRetryAttempts");
            assertThat(attributes.get("RETRY_ATTEMPTS").stringValue()).isEqualTo("2");
            // midnight in Paris
            assertThat(attributes.get("SCHEDULED_TIME").stringValue()).isEqualTo("2019-12-31T23:00:00Z");
            assertThat(attributes.get("SCHEDULE_ARN").stringValue()).endsWith(":schedule/" + GROUP + "/failing");
            assertThat(attributes.get("TARGET_ARN").stringValue()).isEqualTo(DISPATCH);
        });
        // an occurrence older than its maximum age is past retrying, and so done: deleted as asked
        // the dead letter goes out just before the schedule is deleted on completion
        awaitUntil(() -> scheduler.schedules().isEmpty(), PATIENCE);
        assertThat(scheduler.schedules()).isEmpty();
    }

    @Test
    void aRetryWithinTheRetryPolicyDeliversTheOccurrenceAndItsAttemptNumber() throws Exception {
        refusals.set(1);
        client.createSchedule(mailing("flaky", "at(2020-01-01T00:00:00)")
                .target(target -> target.arn(DISPATCH).roleArn(ROLE).input("{\"try\":<aws.scheduler.attempt-number>}")
                        .retryPolicy(retry -> retry.maximumRetryAttempts(1))).build());

        awaitUntil(() -> invocations.size() == 2, PATIENCE);

        assertThat(invocations).extracting(Invocation::input).containsExactly("{\"try\":1}", "{\"try\":2}");
        assertThat(scheduler.deliveries()).extracting(LocalScheduler.Delivery::succeeded).containsExactly(false, true);
        assertThat(log).anyMatch(line -> line.contains("fired schedule " + GROUP + "/flaky") && line.contains("on attempt 2"));
    }

    @Test
    void aTestCanFireAScheduleNowAndReadWhatItDelivered() {
        client.createSchedule(mailing("by-hand", "at(2031-06-01T08:00:00)").build());

        LocalScheduler.Delivery delivery = scheduler.fireNow(GROUP, "by-hand");

        assertThat(delivery.succeeded()).isTrue();
        assertThat(delivery.scheduledTime()).isEqualTo(Instant.parse("2031-06-01T06:00:00Z"));
        assertThat(invocations).singleElement().extracting(Invocation::input).isEqualTo("{\"org\":\"demo\",\"mailing\":\"by-hand\"}");
        assertThat(scheduler.deliveries()).containsExactly(delivery);
        assertThatThrownBy(() -> scheduler.fireNow(GROUP, "unknown")).isInstanceOf(java.util.NoSuchElementException.class);
    }

    @Test
    void theTemplatesRateSchedulesAreProvisionedAndAnyOfThemFiresNowAsItsOwnRole() {
        List<Schedule> provisioned = TemplateSchedules.provision(scheduler,
                CloudFormationTemplate.load(RepositoryRoot.locate().template()), stack.resources(), Map.of(), false);

        assertThat(provisioned).anySatisfy(schedule -> {
            assertThat(schedule.expression()).isEqualTo("rate(5 minutes)");
            assertThat(schedule.targetArn()).isEqualTo("arn:aws:lambda:eu-west-3:000000000000:function:turnout-local-reconcile");
            assertThat(schedule.roleArn()).isEqualTo("arn:aws:iam::000000000000:role/turnout-local-reconcileschedulerole");
        });
        // whatever rate schedules the template holds, each fires at its rate, and now when a test says so
        List<Schedule> atRate = provisioned.stream().filter(schedule -> schedule.expression().startsWith("rate(")).toList();
        assertThat(atRate).isNotEmpty();
        for (Schedule schedule : atRate) {
            assertThat(scheduler.rate(schedule.groupName(), schedule.name())).isEqualTo(ScheduleExpression.rate(schedule.expression()))
                    .isPresent();
            LocalScheduler.Delivery delivery = scheduler.fireNow(schedule.groupName(), schedule.name());
            assertThat(delivery.succeeded()).as("%s invoked as %s", schedule.name(), schedule.roleArn()).isTrue();
            assertThat(delivery.targetArn()).isEqualTo(schedule.targetArn());
        }
        assertThat(invocations).extracting(Invocation::targetArn)
                .containsExactlyElementsOf(atRate.stream().map(Schedule::targetArn).toList());
        // fired, a rate schedule stays for its next occurrence
        assertThat(scheduler.schedules()).containsAll(atRate);
    }

    @Test
    void aRateScheduleCreatedThroughTheApiIsKeptButNotFiredAtItsRate() {
        client.createSchedule(mailing("every-minute", "rate(1 minute)").build());

        assertThat(scheduler.schedule(GROUP, "every-minute")).isPresent();
        assertThat(scheduler.rate(GROUP, "every-minute")).isEmpty();
    }

    @Test
    void rateExpressionsReadAsTheSchedulerReadsThem() {
        assertThat(ScheduleExpression.rate("rate(5 minutes)")).contains(Duration.ofMinutes(5));
        assertThat(ScheduleExpression.rate("rate(1 minute)")).contains(Duration.ofMinutes(1));
        assertThat(ScheduleExpression.rate("rate(1 day)")).contains(Duration.ofDays(1));
        assertThat(ScheduleExpression.rate("rate(12 hours)")).contains(Duration.ofHours(12));
        assertThat(ScheduleExpression.rate("rate(1 days)")).isEmpty();
        assertThat(ScheduleExpression.rate("rate(5 minute)")).isEmpty();
        assertThat(ScheduleExpression.rate("rate(0 minutes)")).isEmpty();
        assertThat(ScheduleExpression.rate("cron(0 8 * * ? *)")).isEmpty();
    }

    @Test
    void aDefaultBuiltClientFindsItThroughTheSdksStandardSetting() {
        String previous = System.getProperty("aws.endpointUrlScheduler");
        System.setProperty("aws.endpointUrlScheduler", scheduler.endpoint().toString());
        System.setProperty("aws.region", LocalAwsStack.REGION);
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
        try (SchedulerClient defaultClient = SchedulerClient.builder().httpClientBuilder(ApacheHttpClient.builder()).build()) {
            defaultClient.createSchedule(mailing("default-client", "at(2030-01-01T00:00:00)").build());
        } finally {
            if (previous == null) {
                System.clearProperty("aws.endpointUrlScheduler");
            } else {
                System.setProperty("aws.endpointUrlScheduler", previous);
            }
        }
        assertThat(scheduler.schedule(GROUP, "default-client")).isPresent();
    }

    private static CreateScheduleRequest.Builder mailing(String name, String expression) {
        return CreateScheduleRequest.builder().name(name).groupName(GROUP)
                .scheduleExpression(expression).scheduleExpressionTimezone("Europe/Paris")
                .flexibleTimeWindow(window -> window.mode(FlexibleTimeWindowMode.OFF))
                .target(target -> target.arn(DISPATCH).roleArn(ROLE)
                        .input("{\"org\":\"demo\",\"mailing\":\"" + name + "\"}")
                        .retryPolicy(retry -> retry.maximumRetryAttempts(3).maximumEventAgeInSeconds(3600))
                        .deadLetterConfig(dlq -> dlq.arn(queueArn("turnout-local-schedulefailures"))));
    }

    @Test
    void aCallerIsAuthorisedByItsPolicyIncludingThePassRoleOfTheSchedulesRole() {
        try (SchedulerClient send = clientAs("SendFunction"); SchedulerClient api = clientAs("ApiFunction")) {
            assertThatThrownBy(() -> send.createSchedule(mailing("by-sender", "at(2030-03-30T09:30:00)").build()))
                    .isInstanceOfSatisfying(SchedulerException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
                        assertThat(e.awsErrorDetails().errorMessage()).contains("scheduler:CreateSchedule")
                                .contains("schedule/" + GROUP + "/by-sender");
                    });
            assertThatThrownBy(() -> api.createSchedule(mailing("other-role", "at(2030-03-30T09:30:00)")
                    .target(target -> target.arn(DISPATCH).roleArn("arn:aws:iam::000000000000:role/admin")).build()))
                    .isInstanceOfSatisfying(SchedulerException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                            .contains("iam:PassRole").contains("role/admin"));
            assertThat(api.createSchedule(mailing("by-api", "at(2030-03-30T09:30:00)").build()).scheduleArn())
                    .endsWith("schedule/" + GROUP + "/by-api");
        }
        try (SchedulerClient stranger = SchedulerClient.builder().endpointOverride(scheduler.endpoint())
                .region(Region.of(LocalAwsStack.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIASTRANGER00000000", "x")))
                .httpClientBuilder(ApacheHttpClient.builder()).build()) {
            assertThatThrownBy(() -> stranger.getSchedule(request -> request.groupName(GROUP).name("by-api")))
                    .isInstanceOfSatisfying(SchedulerException.class, e -> assertThat(e.awsErrorDetails().errorCode())
                            .isEqualTo("UnrecognizedClientException"));
        }
    }

    @Test
    void theTargetIsInvokedAsTheSchedulesRoleWhichMayInvokeOnlyWhatItsPolicySays() {
        String importFunction = "arn:aws:lambda:eu-west-3:000000000000:function:turnout-local-import";
        client.createSchedule(mailing("wrong-target", "at(2030-03-30T09:30:00)")
                .target(target -> target.arn(importFunction).roleArn(ROLE).input("{}")
                        .retryPolicy(retry -> retry.maximumRetryAttempts(0).maximumEventAgeInSeconds(3600))).build());

        LocalScheduler.Delivery delivery = scheduler.fireNow(GROUP, "wrong-target");

        assertThat(delivery.succeeded()).isFalse();
        assertThat(delivery.errorCode()).isEqualTo("AccessDeniedException");
        assertThat(delivery.errorMessage()).contains("lambda:InvokeFunction").contains("turnout-local-import");
        assertThat(invocations).isEmpty();
    }

    private SchedulerClient clientAs(String function) {
        var credentials = stack.credentials(function);
        return SchedulerClient.builder().endpointOverride(scheduler.endpoint())
                .region(Region.of(LocalAwsStack.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsSessionCredentials.create(
                        credentials.accessKeyId(), credentials.secretAccessKey(), credentials.sessionToken())))
                .httpClientBuilder(ApacheHttpClient.builder()).build();
    }

    private static String queueArn(String name) {
        return "arn:aws:sqs:eu-west-3:000000000000:" + name;
    }

    private List<Message> receive(String queueUrl, Duration within) {
        Instant deadline = Instant.now().plus(within);
        while (Instant.now().isBefore(deadline)) {
            List<Message> messages = stack.clients().sqs().receiveMessage(request -> request.queueUrl(queueUrl)
                    .waitTimeSeconds(1).messageAttributeNames("All")).messages();
            if (!messages.isEmpty()) {
                return messages;
            }
        }
        return List.of();
    }

    static void awaitUntil(java.util.function.BooleanSupplier condition, Duration within) throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not so within " + within.toMillis() + " ms");
            }
            Thread.sleep(20);
        }
    }
}
