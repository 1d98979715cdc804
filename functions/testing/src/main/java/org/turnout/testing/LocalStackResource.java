package org.turnout.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.turnout.local.Emulator;
import org.turnout.local.LocalAwsStack;
import org.turnout.local.LocalIdentityProvider;
import org.turnout.local.scheduler.LocalScheduler;
import org.turnout.local.scheduler.ScheduleDeadLetters;

/**
 * Starts the real emulators the functions need (DynamoDB, SES, S3), provisions them from
 * template.yaml, and points the function's configuration at them, as infra/local/run does.
 *
 * <p>Options, as {@code initArgs} of {@code @QuarkusTestResource}: {@code sqs=true} starts the SQS
 * emulator too; {@code scheduler=true} serves the local EventBridge Scheduler, the SDK pointed at it
 * ({@code aws.endpointUrlScheduler}), with the scheduling settings of template.yaml in the config. Its
 * schedules are read with {@code LocalStackResource.scheduler.schedules()}, one is fired now with
 * {@code fireNow(group, name)}, and what it delivered is in {@code deliveries()}; no function runs in a
 * Quarkus test, so a firing only records its input unless the test hands the scheduler other targets
 * ({@code deliverTo}). Quarkus starts one resource per distinct set of arguments: every test class of a
 * module that declares this resource should declare it with the same ones.
 */
public class LocalStackResource implements QuarkusTestResourceLifecycleManager {
    public static final String LINK_KEYS = "test-1:0123456789abcdef0123456789abcdef,test-0:fedcba9876543210fedcba9876543210";
    /** The option that serves the local Scheduler. */
    public static final String SCHEDULER = "scheduler";
    /** The option that starts the SQS emulator. */
    public static final String SQS = "sqs";
    private static final String SCHEDULER_ENDPOINT_PROPERTY = "aws.endpointUrlScheduler";

    public static LocalAwsStack stack;
    public static LocalIdentityProvider identity;
    /** The local Scheduler, when the {@value #SCHEDULER} option is on. */
    public static LocalScheduler scheduler;

    private boolean withScheduler;
    private boolean withSqs;

    @Override
    public void init(Map<String, String> initArgs) {
        withScheduler = Boolean.parseBoolean(initArgs.get(SCHEDULER));
        withSqs = Boolean.parseBoolean(initArgs.get(SQS));
    }

    @Override
    public Map<String, String> start() {
        EnumSet<Emulator> emulators = EnumSet.of(Emulator.DYNAMODB, Emulator.SES, Emulator.S3);
        if (withSqs) {
            emulators.add(Emulator.SQS);
        }
        stack = LocalAwsStack.start(emulators);
        stack.sdkSystemProperties().forEach(System::setProperty);
        identity = LocalIdentityProvider.withNewKey("https://turnout.test/");
        Map<String, String> config = new HashMap<>();
        config.put("turnout.table", stack.resources().physicalName("Table"));
        config.put("turnout.bucket", stack.resources().physicalName("Bucket"));
        config.put("turnout.link-signing-keys", LINK_KEYS);
        config.put("turnout.ip-hash-pepper", "test-pepper-0123456789");
        config.put("turnout.public-url", "http://localhost:8081");
        config.put("turnout.signup-per-minute-per-ip", "5");
        config.put("mp.jwt.verify.publickey", identity.publicKeyPem());
        config.put("mp.jwt.verify.issuer", identity.issuer());
        if (withSqs) {
            config.put("turnout.send-queue-url", stack.resources().ref("SendQueue"));
        }
        if (withScheduler) {
            startScheduler(config);
        }
        return config;
    }

    /** ApiFunction's scheduling settings, as template.yaml gives them to it in AWS. */
    private static void startScheduler(Map<String, String> config) {
        String group = stack.resources().ref("MailingSchedules");
        // without the SQS emulator, a dead letter is only logged
        ScheduleDeadLetters deadLetters = stack.clients().has(Emulator.SQS)
                ? ScheduleDeadLetters.sqs(stack.clients().sqs())
                : (queueArn, body, attributes) -> {
                    throw new IllegalStateException("the SQS emulator is not started (option " + SQS + "=true)");
                };
        scheduler = new LocalScheduler(LocalAwsStack.REGION, LocalAwsStack.ACCOUNT_ID, List.of(group),
                (targetArn, input) -> UUID.randomUUID().toString(), deadLetters, LocalScheduler.LOCAL_RETRY_DELAYS,
                line -> System.out.println("[Scheduler] " + line)).start(0);
        System.setProperty(SCHEDULER_ENDPOINT_PROPERTY, scheduler.endpoint().toString());
        config.put("turnout.schedule-group", group);
        config.put("turnout.scheduler-role-arn", stack.resources().attribute("SchedulerRole", "Arn"));
        config.put("turnout.dispatch-function-arn", stack.resources().attribute("DispatchFunction", "Arn"));
        config.put("turnout.schedule-dead-letters-arn", stack.resources().attribute("ScheduleFailures", "Arn"));
    }

    @Override
    public void stop() {
        if (scheduler != null) {
            scheduler.close();
            scheduler = null;
            System.clearProperty(SCHEDULER_ENDPOINT_PROPERTY);
        }
        if (stack != null) {
            stack.close();
        }
    }

    public static String operatorToken() {
        return identity.issue("operator@test", LocalIdentityProvider.Role.OPERATOR, null, Duration.ofMinutes(10));
    }

    public static String staffToken(String org) {
        return identity.issue("staff@" + org, LocalIdentityProvider.Role.STAFF, org, Duration.ofMinutes(10));
    }
}
