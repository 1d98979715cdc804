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
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import org.turnout.local.CloudFormationTemplate;
import org.turnout.local.Emulator;
import org.turnout.local.LocalAwsStack;
import org.turnout.local.LocalIdentityProvider;
import org.turnout.local.LocalIdentityProvider.Role;
import org.turnout.local.LocalIdentityProvider.TokenUse;
import org.turnout.local.RepositoryRoot;
import org.turnout.local.cognito.Invitations;
import org.turnout.local.cognito.LocalUserPool;
import org.turnout.local.iam.Credentials;
import org.turnout.local.scheduler.LocalScheduler;
import org.turnout.local.scheduler.TemplateSchedules;
import org.turnout.local.scheduler.ScheduleDeadLetters;
import org.turnout.local.secrets.SecretsManagerApi;

/**
 * Starts the real emulators the functions need (DynamoDB, SES, S3, SQS) and the local EventBridge
 * Scheduler and the local Secrets Manager, provisions them from template.yaml, and gives the functions' configuration
 * what template.yaml gives them (queue URLs, schedule group, ARNs, the ARNs of their secrets), as infra/local/run does:
 * the functions read their keys and peppers from the local Secrets Manager, never from configuration.
 *
 * <p>The Scheduler's schedules are read with {@code LocalStackResource.scheduler.schedules()}, one
 * is fired now with {@code fireNow(group, name)}, and what it delivered is in {@code deliveries()};
 * no function runs in a Quarkus test, so a firing only records its input unless the test hands the
 * scheduler other targets ({@code deliverTo}). The template's own schedules ({@code ReconcileSchedule}, in the
 * default group under its physical name) are there too, and fire only when a test fires them now.
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
    /** The option that serves the local Scheduler. */
    public static final String SCHEDULER = "scheduler";
    /** The option that starts the SQS emulator. */
    public static final String SQS = "sqs";
    /** The option that names the function whose execution role's credentials the app gets. */
    public static final String FUNCTION = "function";
    private static final String DEFAULT_FUNCTION = "ApiFunction";
    private static final String SCHEDULER_ENDPOINT_PROPERTY = "aws.endpointUrlScheduler";
    private static final String SECRETS_ENDPOINT_PROPERTY = "aws.endpointUrlSecretsManager";
    private static final String COGNITO_ENDPOINT_PROPERTY = "aws.endpointUrlCognitoIdentityProvider";

    public static LocalAwsStack stack;
    public static LocalIdentityProvider identity;
    /** The user pool that {@link #identity} plays (the members routes' users and groups), empty at start. */
    public static LocalUserPool userPool;
    /** The local Scheduler, when the {@value #SCHEDULER} option is on. */
    public static LocalScheduler scheduler;
    /**
     * The local Secrets Manager with the template's secrets, where the functions read their keys and peppers; a test
     * runs a rotation with {@code secretsManager.secrets().rotateWith(...)} and RotateSecret.
     */
    public static SecretsManagerApi secretsManager;

    /**
     * The value of the contact-id key secret in tests, put into the local Secrets Manager at start, so that a test
     * derives the ids the functions derive with {@code new ContactIds(CONTACT_ID_KEY)}.
     */
    public static final String CONTACT_ID_KEY = "test-contact-id-key-0123456789";
    private static final String PUBLIC_URL = "http://localhost:8081";
    private static final Duration TOKEN_VALIDITY = Duration.ofMinutes(10);
    private static final List<String> FUNCTIONS = List.of("ApiFunction", "DispatchFunction", "SendFunction", "ReconcileFunction");

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
        // the issuer serves its discovery document and JWKS: the API finds its keys there, as in AWS
        identity = LocalIdentityProvider.serve(null, 0);
        // and plays the user pool, its API behind the stack's IAM, its invitations in the SES emulator's mailbox
        userPool = identity.playUserPool(CloudFormationTemplate.load(RepositoryRoot.locate().template()), stack.resources(),
                Map.of("PublicUrl", PUBLIC_URL), stack.iam(), Invitations.throughSes(stack.clients().sesV2()),
                line -> System.out.println("[Cognito] " + line));
        System.setProperty(COGNITO_ENDPOINT_PROPERTY, identity.endpoint().toString());
        secretsManager = SecretsManagerApi.forTemplate(stack, line -> System.out.println("[SecretsManager] " + line));
        System.setProperty(SECRETS_ENDPOINT_PROPERTY, secretsManager.endpoint().toString());
        putContactIdKey();
        Map<String, String> config = new HashMap<>();
        // the ARNs of the secrets, as template.yaml gives them to its functions (each function only its own)
        CloudFormationTemplate template = CloudFormationTemplate.load(RepositoryRoot.locate().template());
        for (CloudFormationTemplate.Resource function : template.resourcesOfType("AWS::Serverless::Function")) {
            stack.resources().functionEnvironment(function.logicalId(), Map.of("PublicUrl", PUBLIC_URL)).forEach((name, value) -> {
                if (name.startsWith("TURNOUT_") && name.endsWith("_SECRET")) {
                    config.put(configKey(name), value);
                }
            });
        }
        if (withSqs) {
            // what template.yaml gives the functions, as turnout.* keys (TURNOUT_SEND_QUEUE_URL -> turnout.send-queue-url)
            for (String function : FUNCTIONS) {
                stack.resources().functionEnvironment(function, Map.of("PublicUrl", PUBLIC_URL))
                        .forEach((name, value) -> {
                            if (name.startsWith("TURNOUT_")) {
                                config.put(configKey(name), value);
                            }
                        });
            }
        }
        config.put("turnout.table", stack.resources().physicalName("Table"));
        config.put("turnout.bucket", stack.resources().physicalName("Bucket"));
        config.put("turnout.public-url", PUBLIC_URL);
        config.put("turnout.signup-per-minute-per-ip", "5");
        config.put("turnout.auth.issuer", identity.issuer());
        config.put("turnout.auth.audience", LocalIdentityProvider.AUDIENCE);
        config.put("turnout.user-pool.id", userPool.id());
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
        // the template's own schedules, fired by a test with scheduler.fireNow(...) rather than at their rate
        TemplateSchedules.provision(scheduler, CloudFormationTemplate.load(RepositoryRoot.locate().template()), stack.resources(),
                Map.of("PublicUrl", PUBLIC_URL), false);
        config.put("turnout.schedule-group", group);
        config.put("turnout.scheduler-role-arn", stack.resources().attribute("SchedulerRole", "Arn"));
        config.put("turnout.dispatch-function-arn", stack.resources().attribute("DispatchFunction", "Arn"));
        config.put("turnout.schedule-dead-letters-arn", stack.resources().attribute("ScheduleFailures", "Arn"));
    }

    /** TURNOUT_SEND_QUEUE_URL -> turnout.send-queue-url */
    private static String configKey(String variable) {
        return "turnout." + variable.substring("TURNOUT_".length()).toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The contact-id key secret gets the known {@link #CONTACT_ID_KEY}, as an operator would put a value of their own. */
    private static void putContactIdKey() {
        try (SecretsManagerClient client = SecretsManagerClient.builder()
                .endpointOverride(secretsManager.endpoint()).region(Region.of(LocalAwsStack.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(LocalAwsStack.ACCESS_KEY_ID, LocalAwsStack.SECRET_ACCESS_KEY)))
                .httpClient(ApacheHttpClient.create()).build()) {
            client.putSecretValue(request -> request.secretId(stack.resources().ref("ContactIdKey"))
                    .secretString(CONTACT_ID_KEY));
        }
    }

    @Override
    public void stop() {
        if (secretsManager != null) {
            secretsManager.close();
            secretsManager = null;
            System.clearProperty(SECRETS_ENDPOINT_PROPERTY);
        }
        if (scheduler != null) {
            scheduler.close();
            scheduler = null;
            System.clearProperty(SCHEDULER_ENDPOINT_PROPERTY);
        }
        if (stack != null) {
            stack.close();
            List.of("aws.accessKeyId", "aws.secretAccessKey", "aws.sessionToken").forEach(System::clearProperty);
        }
        if (identity != null) {
            identity.close();
            System.clearProperty(COGNITO_ENDPOINT_PROPERTY);
        }
    }

    /** A token of the deployment's operator, who creates organisations. Shaped as a Cognito ID token, as all below. */
    public static String operatorToken() {
        return identity.issue("operator@test", Role.OPERATOR, null, TOKEN_VALIDITY);
    }

    /** A token of an owner of {@code org}: every route of the organisation, erasure, export and settings included. */
    public static String ownerToken(String org) {
        return identity.issue("owner@" + org, Role.OWNER, org, TOKEN_VALIDITY);
    }

    /** A token of a staff member of {@code org}: every route of the organisation but the owner's. */
    public static String staffToken(String org) {
        return identity.issue("staff@" + org, Role.STAFF, org, TOKEN_VALIDITY);
    }

    /** A token of a volunteer of {@code org}: walk lists and canvass results only. */
    public static String volunteerToken(String org) {
        return identity.issue("volunteer@" + org, Role.VOLUNTEER, org, TOKEN_VALIDITY);
    }

    /** A token of {@code role} in {@code org} shaped as a Cognito access token: {@code client_id}, no {@code aud}. */
    public static String accessToken(Role role, String org) {
        return identity.issue(TokenUse.ACCESS, role.role() + "@" + org, role, org, TOKEN_VALIDITY);
    }
}
