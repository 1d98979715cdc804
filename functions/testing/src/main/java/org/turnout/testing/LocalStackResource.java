package org.turnout.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.turnout.local.Emulator;
import org.turnout.local.LocalAwsStack;
import org.turnout.local.LocalIdentityProvider;
import org.turnout.local.iam.Credentials;
import org.turnout.local.scheduler.LocalScheduler;
import org.turnout.local.scheduler.ScheduleDeadLetters;

/**
 * Starts the real emulators the functions need (DynamoDB, SES, S3, SQS) and the local EventBridge
 * Scheduler, provisions them from template.yaml, and gives the functions' configuration what
 * template.yaml gives them (queue URLs, schedule group, ARNs), as infra/local/run does.
 *
 * <p>The Scheduler's schedules are read with {@code LocalStackResource.scheduler.schedules()}, one
 * is fired now with {@code fireNow(group, name)}, and what it delivered is in {@code deliveries()};
 * no function runs in a Quarkus test, so a firing only records its input unless the test hands the
 * scheduler other targets ({@code deliverTo}).
 *
 * <p>The app runs under the local stack's IAM, as its function does in Lambda: its SDK clients get the
 * credentials of one function's execution role of template.yaml ({@value #FUNCTION} option, ApiFunction by
 * default), and every call is authorised against that function's policies. A test class that exercises another
 * function's handler switches to it with {@link #runAs(String)}; its own setup and checks use the stack's
 * administrator clients ({@code stack.clients()}).
 *
 * <p>Options, as {@code initArgs}: {@code sqs=false} or {@code scheduler=false} leave them out
 * (for a test of this resource itself); {@code function=<logical id>} the function whose credentials the app gets.
 */
public class LocalStackResource implements QuarkusTestResourceLifecycleManager {
    public static final String LINK_KEYS = "test-1:0123456789abcdef0123456789abcdef,test-0:fedcba9876543210fedcba9876543210";
    /** The option that serves the local Scheduler. */
    public static final String SCHEDULER = "scheduler";
    /** The option that starts the SQS emulator. */
    public static final String SQS = "sqs";
    /** The option that names the function whose execution role's credentials the app gets. */
    public static final String FUNCTION = "function";
    private static final String DEFAULT_FUNCTION = "ApiFunction";
    private static final String SCHEDULER_ENDPOINT_PROPERTY = "aws.endpointUrlScheduler";

    public static LocalAwsStack stack;
    public static LocalIdentityProvider identity;
    /** The local Scheduler, when the {@value #SCHEDULER} option is on. */
    public static LocalScheduler scheduler;

    private static final String PEPPER = "test-pepper-0123456789";
    private static final String PUBLIC_URL = "http://localhost:8081";
    private static final List<String> FUNCTIONS = List.of("ApiFunction", "DispatchFunction", "SendFunction");

    private boolean withScheduler = true;
    private boolean withSqs = true;
    private String function = DEFAULT_FUNCTION;
    /** The function whose credentials the app has when no {@link #runAs(String)} says otherwise. */
    private static String appFunction = DEFAULT_FUNCTION;

    @Override
    public void init(Map<String, String> initArgs) {
        withScheduler = !"false".equals(initArgs.get(SCHEDULER));
        withSqs = !"false".equals(initArgs.get(SQS));
        function = initArgs.getOrDefault(FUNCTION, DEFAULT_FUNCTION);
    }

    /**
     * From now on, the app's SDK clients sign with the credentials of {@code functionLogicalId}'s execution role:
     * for a test class that exercises that function's handler. The clients read the credentials on each call, from
     * the SDK's system properties.
     */
    public static void runAs(String functionLogicalId) {
        Credentials credentials = stack.credentials(functionLogicalId);
        System.setProperty("aws.accessKeyId", credentials.accessKeyId());
        System.setProperty("aws.secretAccessKey", credentials.secretAccessKey());
        System.setProperty("aws.sessionToken", credentials.sessionToken());
    }

    /**
     * Runs {@code work} with {@code functionLogicalId}'s credentials, then goes back to the app's own function: for a
     * test of one function that drives another's service (the API's test that runs the import that the S3 event
     * would start).
     */
    public static <T> T as(String functionLogicalId, Supplier<T> work) {
        runAs(functionLogicalId);
        try {
            return work.get();
        } finally {
            runAs(appFunction);
        }
    }

    @Override
    public Map<String, String> start() {
        EnumSet<Emulator> emulators = EnumSet.of(Emulator.DYNAMODB, Emulator.SES, Emulator.S3);
        if (withSqs) {
            emulators.add(Emulator.SQS);
        }
        stack = LocalAwsStack.start(emulators);
        stack.sdkSystemProperties(function).forEach(System::setProperty);
        appFunction = function;
        identity = LocalIdentityProvider.withNewKey("https://turnout.test/");
        Map<String, String> config = new HashMap<>();
        if (withSqs) {
            // what template.yaml gives the functions, as turnout.* keys (TURNOUT_SEND_QUEUE_URL -> turnout.send-queue-url)
            for (String function : FUNCTIONS) {
                stack.resources().functionEnvironment(function, Map.of("LinkSigningKeys", LINK_KEYS, "IpHashPepper", PEPPER, "PublicUrl", PUBLIC_URL))
                        .forEach((name, value) -> {
                            if (name.startsWith("TURNOUT_")) {
                                config.put("turnout." + name.substring("TURNOUT_".length()).toLowerCase(Locale.ROOT).replace('_', '-'), value);
                            }
                        });
            }
        }
        config.put("turnout.table", stack.resources().physicalName("Table"));
        config.put("turnout.bucket", stack.resources().physicalName("Bucket"));
        config.put("turnout.link-signing-keys", LINK_KEYS);
        config.put("turnout.ip-hash-pepper", PEPPER);
        config.put("turnout.public-url", PUBLIC_URL);
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
                stack.iam(), line -> System.out.println("[Scheduler] " + line)).start(0);
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
            List.of("aws.accessKeyId", "aws.secretAccessKey", "aws.sessionToken").forEach(System::clearProperty);
        }
    }

    public static String operatorToken() {
        return identity.issue("operator@test", LocalIdentityProvider.Role.OPERATOR, null, Duration.ofMinutes(10));
    }

    public static String staffToken(String org) {
        return identity.issue("staff@" + org, LocalIdentityProvider.Role.STAFF, org, Duration.ofMinutes(10));
    }
}
