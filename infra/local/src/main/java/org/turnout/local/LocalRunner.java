package org.turnout.local;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import sun.misc.Signal;

import org.turnout.local.LocalIdentityProvider.Role;
import org.turnout.local.cognito.Invitations;
import org.turnout.local.cognito.LocalUserPool;
import org.turnout.local.gateway.HttpApiGateway;
import org.turnout.local.gateway.HttpApiRoute;
import org.turnout.local.gateway.HttpApiRoutes;
import org.turnout.local.gateway.JwtAuthorizer;
import org.turnout.local.iam.Access;
import org.turnout.local.iam.Decision;
import org.turnout.local.lambda.AsyncInvoker;
import org.turnout.local.lambda.EventInvokeConfig;
import org.turnout.local.lambda.FunctionDefinition;
import org.turnout.local.lambda.FunctionInvoker;
import org.turnout.local.lambda.FunctionLog;
import org.turnout.local.lambda.FunctionPool;
import org.turnout.local.lambda.LambdaInvokeApi;
import org.turnout.local.lambda.LambdaProcess;
import org.turnout.local.lambda.LocalFunction;
import org.turnout.local.s3.BucketCors;
import org.turnout.local.s3.S3NotificationWatcher;
import org.turnout.local.s3.S3Subscription;
import org.turnout.local.scheduler.LocalScheduler;
import org.turnout.local.scheduler.ScheduleDeadLetters;
import org.turnout.local.scheduler.ScheduleTargets;
import org.turnout.local.scheduler.TemplateSchedules;
import org.turnout.local.secrets.LocalSecretsManager;
import org.turnout.local.secrets.SecretsManagerApi;
import org.turnout.local.sqs.SqsEventSource;
import org.turnout.local.sqs.SqsEventSourceMapping;

/**
 * The local stack as infra/local/run starts it: the emulators on fixed ports, provisioned from template.yaml;
 * every Java function of the template run from its packaged zip as Lambda would run it, with Lambda's
 * asynchronous invocation (queue, retries, destinations) and its Invoke API; the API gateway in front of the
 * functions behind HTTP routes; S3 event notifications for the functions with S3 events; SQS event source
 * mappings for those with SQS events; EventBridge Scheduler's API, firing one-time schedules; an organisation to
 * try things with; and {@code endpoints.env} for curl and the AWS CLI. It runs until interrupted, then stops
 * all it started.
 */
public final class LocalRunner implements AutoCloseable {

    static final String ENDPOINTS_FILE = "endpoints.env";
    static final String SECRETS_FILE = "secrets.json";
    static final String DEMO_ORG = "demo";
    // a reserved example domain: the API refuses addresses under .test, which is no IANA top-level domain
    static final String DEMO_SENDER = "equipe@demo.example.org";
    /**
     * Execution environments per function: enough to see concurrency, few enough for a laptop. A function with a
     * reserved concurrency gets that many instead, so that a rate shared among its instances adds up locally too.
     */
    private static final int FUNCTION_CONCURRENCY = 2;
    private static final Duration FUNCTION_INIT_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration TOKEN_VALIDITY = Duration.ofDays(30);
    /** The console's app client in template.yaml, which the managed login serves. */
    private static final String CONSOLE_CLIENT = "ConsoleClient";
    private static final List<Role> DEMO_ROLES = List.of(Role.OWNER, Role.STAFF, Role.VOLUNTEER);
    private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9_./:@=+-]*");

    private final RepositoryRoot root;
    private final RunSettings settings;
    private final PrintStream out;
    private final boolean echoFunctionLogs;
    private final List<AutoCloseable> started = new ArrayList<>();
    private volatile LambdaInvokeApi lambdaApi;
    private volatile List<LocalFunction> eventFunctions = List.of();
    private volatile boolean closed;

    LocalRunner(RepositoryRoot root, RunSettings settings, PrintStream out, boolean echoFunctionLogs) {
        this.root = root;
        this.settings = settings;
        this.out = out;
        this.echoFunctionLogs = echoFunctionLogs;
    }

    /** {@code --detached}: started in the background by infra/local/run, the function logs only go to their files. */
    public static void main(String[] args) throws InterruptedException {
        boolean detached = List.of(args).contains("--detached");
        RepositoryRoot root = RepositoryRoot.locate();
        LocalRunner runner;
        try {
            runner = new LocalRunner(root, RunSettings.fromEnvironment(System.getenv(), root), System.out, !detached);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        // Ctrl-C and infra/local/stop (INT, TERM) are handled here rather than by the JVM's default, which would
        // exit with 130 or 143: stopping on request is a normal end. The hook covers any other way out.
        CountDownLatch stop = new CountDownLatch(1);
        Signal.handle(new Signal("INT"), signal -> stop.countDown());
        Signal.handle(new Signal("TERM"), signal -> stop.countDown());
        Runtime.getRuntime().addShutdownHook(new Thread(runner::close, "turnout-local-runner-shutdown"));
        try {
            runner.start();
        } catch (RuntimeException e) {
            runner.close();
            System.err.println("Could not start the local stack: " + e.getMessage());
            System.exit(1);
        }
        runner.out.println(detached ? "Stop it with infra/local/stop." : "Press Ctrl-C to stop.");
        runner.warmUpEventFunctionsInBackground();
        stop.await();
        runner.out.println("Stopping the local stack...");
        runner.close();
        runner.out.println("Stopped.");
        System.exit(0);
    }

    void start() {
        Instant began = Instant.now();
        Path runDir = settings.runDir();
        settings.checkPortsFree();
        // the issuer serves its discovery document and JWKS, which the gateway and ApiFunction read as in AWS
        LocalIdentityProvider identity = started(LocalIdentityProvider.serve(runDir, settings.identityPort()));
        String apiUrl = "http://localhost:" + settings.apiPort();
        String lambdaUrl = "http://127.0.0.1:" + settings.lambdaPort();
        String schedulerUrl = "http://127.0.0.1:" + settings.schedulerPort();
        String secretsUrl = "http://127.0.0.1:" + settings.secretsPort();

        out.println("Starting the emulators...");
        LocalAwsStack stack = started(LocalAwsStack.start(settings.emulatorPorts(), runDir.resolve("stack"),
                Set.of(settings.apiPort(), settings.lambdaPort(), settings.schedulerPort()), settings.sesMaxSendRate()));
        stack.resources().warnings().forEach(warning -> out.println("  note: " + warning));

        // what an operator passes at deployment; the issuer is the local identity provider, whose managed login
        // the console signs in with
        Map<String, String> parameters = Map.of(
                "AdminTokenIssuer", identity.issuer(),
                "ConsoleAuthUrl", identity.endpoint().toString(),
                "PublicUrl", apiUrl);
        CloudFormationTemplate template = CloudFormationTemplate.load(root.template());
        // the console's pages upload files from the browser straight to the bucket: its CORS rules, for this origin
        stack.bucketCors(BucketCors.fromTemplate(template, stack.resources(), parameters));

        // the template's secrets, their values made once and kept in the run directory, so that links survive a restart
        LocalSecretsManager secrets = LocalSecretsManager.provision(template, stack.resources(),
                Optional.of(runDir.resolve(SECRETS_FILE)), Clock.systemUTC(), line -> out.println("[SecretsManager] " + line));
        started(new SecretsManagerApi(secrets, stack.iam(), line -> out.println("[SecretsManager] " + line)))
                .start(settings.secretsPort());
        secrets.rotateWith(this::invokeRotation);
        HttpApiRoutes routes = HttpApiRoutes.fromTemplate(template);

        // the identity provider plays the template's user pool: its API for the members routes, its managed login
        LocalUserPool users = identity.playUserPool(template, stack.resources(), parameters, stack.iam(),
                Invitations.throughSes(stack.clients().sesV2()), line -> out.println("[Cognito] " + line));
        Map<String, String> demoUsers = createDemoUsers(users);

        // every Java function of the template, each with its pool of execution environments and its event queue
        LocalDestinations destinations = new LocalDestinations(stack.clients().sqs(), arn -> lambdaApi.find(arn, null));
        Map<String, LocalFunction> functions = new LinkedHashMap<>();
        for (CloudFormationTemplate.Resource resource : functionResources(template)) {
            String logicalId = resource.logicalId();
            String runtime = stack.resources().functionProperty(logicalId, "Runtime", parameters).orElse("");
            if (!runtime.startsWith("java")) {
                out.println("  note: " + logicalId + " (runtime '" + runtime + "') is not run: the local runner runs Java functions only");
                continue;
            }
            functions.put(logicalId, localFunction(logicalId, stack, parameters, lambdaUrl, schedulerUrl, secretsUrl,
                    identity.endpoint().toString(), destinations));
        }
        lambdaApi = started(new LambdaInvokeApi(functions.values(), stack.region(), LocalAwsStack.ACCOUNT_ID,
                stack.iam(), line -> out.println("[Lambda] " + line))).start(settings.lambdaPort());

        // the functions behind the API are started now, so that one that cannot start is known at once
        Map<String, FunctionInvoker> routed = new LinkedHashMap<>();
        for (HttpApiRoute route : routes.all()) {
            LocalFunction function = functions.get(route.functionLogicalId());
            if (function != null && !routed.containsKey(route.functionLogicalId())) {
                warmUp(function);
                routed.put(route.functionLogicalId(), function.invoker());
            }
        }

        // the schedule groups of the template exist, as CloudFormation would have created them
        List<String> scheduleGroups = template.resourcesOfType("AWS::Scheduler::ScheduleGroup").stream()
                .map(group -> stack.resources().physicalName(group.logicalId())).toList();
        LocalScheduler scheduler = started(new LocalScheduler(stack.region(), LocalAwsStack.ACCOUNT_ID, scheduleGroups, this::invokeScheduled,
                ScheduleDeadLetters.sqs(stack.clients().sqs()), LocalScheduler.LOCAL_RETRY_DELAYS, stack.iam(),
                line -> out.println("[Scheduler] " + line))).start(settings.schedulerPort());
        // the template's own schedules, as CloudFormation creates them; its rate schedules fire at their rate
        TemplateSchedules.provision(scheduler, template, stack.resources(), parameters, true);

        List<SqsEventSourceMapping> mappings = new ArrayList<>();
        for (SqsEventSourceMapping mapping : sqsMappings(template, stack, parameters, functions)) {
            mappings.add(started(mapping).start());
        }

        List<S3Subscription> subscriptions = s3Subscriptions(template, stack, parameters, functions);
        started(new S3NotificationWatcher(stack.clients().s3(), subscriptions, stack::s3ObjectModified, stack.region(),
                (subscription, event, notification) -> {
                    String requestId = functions.get(subscription.functionLogicalId()).async().submit(notification);
                    out.println("[S3] " + event.eventName() + " s3://" + event.bucket() + "/" + LogText.escape(event.key())
                            + " -> " + subscription.functionLogicalId() + " (request " + requestId + ")");
                }, line -> out.println("[S3] " + line), S3NotificationWatcher.POLL_INTERVAL)).start();

        // SES's mailbox simulator: the configuration set's events for messages to its addresses, to the SNS subscriber
        Optional<SesMailboxSimulator.Subscription> sesEvents = SesMailboxSimulator.Subscription.fromTemplate(template, stack.resources())
                .filter(subscription -> functions.containsKey(subscription.functionLogicalId()));
        sesEvents.ifPresent(subscription -> started(SesMailboxSimulator.onEmulator(stack, subscription,
                notification -> functions.get(subscription.functionLogicalId()).async()
                        .submit(notification.getBytes(StandardCharsets.UTF_8)),
                line -> out.println("[SES] " + line))).start());

        HttpApiGateway gateway = started(new HttpApiGateway(routes,
                JwtAuthorizer.fromTemplate(template, stack.resources(), parameters, JwtAuthorizer::discoveredKeys),
                routed, LocalAwsStack.ACCOUNT_ID, line -> out.println("[HttpApi] " + line)));
        gateway.start(settings.apiPort());

        String operatorToken = identity.issue("operator@turnout.local", Role.OPERATOR, null, TOKEN_VALIDITY);
        seedDemoOrganisation(operatorToken);
        new DemoContacts(URI.create("http://127.0.0.1:" + settings.apiPort()), DEMO_ORG,
                identity.issue("owner@" + DEMO_ORG, Role.OWNER, DEMO_ORG, Duration.ofMinutes(5)),
                HttpApiGateway.INTEGRATION_TIMEOUT.plusSeconds(5)).importOnce(line -> out.println("  " + line));

        Map<String, String> endpoints = endpoints(stack, apiUrl, lambdaUrl);
        endpoints.put("TURNOUT_TOKEN_ISSUER", identity.issuer());
        endpoints.put("TURNOUT_OWNER_TOKEN", identity.issue("owner@" + DEMO_ORG, Role.OWNER, DEMO_ORG, TOKEN_VALIDITY));
        // the staff token keeps the name it had before there were roles: the README and scripts use it
        endpoints.put("TURNOUT_ADMIN_TOKEN", identity.issue("staff@" + DEMO_ORG, Role.STAFF, DEMO_ORG, TOKEN_VALIDITY));
        endpoints.put("TURNOUT_VOLUNTEER_TOKEN", identity.issue("volunteer@" + DEMO_ORG, Role.VOLUNTEER, DEMO_ORG, TOKEN_VALIDITY));
        endpoints.put("TURNOUT_OPERATOR_TOKEN", operatorToken);
        endpoints.put("AWS_ENDPOINT_URL_SCHEDULER", schedulerUrl);
        endpoints.put("AWS_ENDPOINT_URL_SECRETS_MANAGER", secretsUrl);
        endpoints.put("AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER", identity.endpoint().toString());
        endpoints.put("TURNOUT_USER_POOL_ID", users.id());
        endpoints.put("TURNOUT_CONSOLE_AUTH_URL", identity.endpoint().toString());
        endpoints.put("TURNOUT_CONSOLE_CLIENT_ID", stack.resources().ref(CONSOLE_CLIENT));
        endpoints.putAll(demoUsers);
        if (!scheduleGroups.isEmpty()) {
            endpoints.put("TURNOUT_SCHEDULE_GROUP", scheduleGroups.get(0));
        }
        // the summary first: infra/local/run --detach shows the log once endpoints.env exists
        printSummary(endpoints, functions, subscriptions, scheduleGroups, mappings, sesEvents, Duration.between(began, Instant.now()));
        writeEndpoints(endpoints);
        eventFunctions = functions.values().stream()
                .filter(function -> !routed.containsKey(function.definition().logicalId())).toList();
    }

    /**
     * Starts the functions that no HTTP route invokes (those of S3 events and Invoke) in the background, once the
     * stack is ready: it is ready no later for them, and the first event finds them started, or waits for the end
     * of their cold start. One that cannot start says so here, and its events fail and are retried as on Lambda.
     */
    void warmUpEventFunctionsInBackground() {
        List<LocalFunction> functions = eventFunctions;
        Thread warming = new Thread(() -> functions.forEach(function -> {
            try {
                warmUp(function);
            } catch (RuntimeException e) {
                if (!closed) {
                    out.println(e.getMessage());
                }
            }
        }), "warm-up");
        warming.setDaemon(true);
        warming.start();
    }

    private static List<CloudFormationTemplate.Resource> functionResources(CloudFormationTemplate template) {
        List<CloudFormationTemplate.Resource> functions = new ArrayList<>(template.resourcesOfType("AWS::Serverless::Function"));
        functions.addAll(template.resourcesOfType("AWS::Lambda::Function"));
        return functions;
    }

    private LocalFunction localFunction(String logicalId, LocalAwsStack stack, Map<String, String> parameters,
                                        String lambdaUrl, String schedulerUrl, String secretsUrl, String cognitoUrl,
                                        LocalDestinations destinations) {
        FunctionDefinition deployed = FunctionDefinition.fromTemplate(root, stack.resources(), logicalId, parameters);
        Map<String, String> environment = new LinkedHashMap<>(deployed.environment());
        // the credentials of the function's own execution role, as Lambda gives them
        environment.putAll(stack.environment(logicalId));
        environment.put("AWS_ENDPOINT_URL_LAMBDA", lambdaUrl);
        environment.put("AWS_ENDPOINT_URL_SCHEDULER", schedulerUrl);
        environment.put("AWS_ENDPOINT_URL_SECRETS_MANAGER", secretsUrl);
        environment.put("AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER", cognitoUrl);
        FunctionDefinition function = deployed.withEnvironment(settings.withFunctionEnvironment(environment));

        Consumer<String> console = echoFunctionLogs ? out::println : line -> { };
        FunctionLog log = started(FunctionLog.open(logicalId, settings.runDir().resolve("logs/" + logicalId + ".log"), console));
        String runtimeClasspath = LambdaProcess.runtimeClasspath(root);
        Path taskRoot = settings.runDir().resolve("functions/" + logicalId);
        int concurrency = concurrency(stack, logicalId, parameters);
        FunctionPool pool = started(new FunctionPool(logicalId, concurrency,
                () -> new LambdaProcess(function, runtimeClasspath, taskRoot, log)));

        EventInvokeConfig config = EventInvokeConfig.fromTemplate(stack.resources(), logicalId, parameters);
        Stream.of(config.onSuccess(), config.onFailure()).flatMap(Optional::stream)
                .filter(destination -> !LocalDestinations.isEmulated(destination))
                .forEach(destination -> out.println("  note: " + logicalId + "'s " + destination.type() + " destination "
                        + destination.arn() + " is not emulated: its records are only logged"));
        AsyncInvoker async = started(new AsyncInvoker(function, pool, config, AsyncInvoker.LOCAL_RETRY_DELAYS,
                concurrency, asFunction(stack, logicalId, destinations), line -> out.println("[Lambda] " + line)));
        Set<String> aliases = stack.resources().functionProperty(logicalId, "AutoPublishAlias", parameters)
                .map(Set::of).orElse(Set.of());
        return new LocalFunction(function, pool, async, aliases);
    }

    /** Lambda sends a function's invocation records with the function's role, which SAM grants its destinations. */
    private static AsyncInvoker.Destinations asFunction(LocalAwsStack stack, String logicalId, LocalDestinations destinations) {
        return (destination, record) -> {
            String action = switch (destination.type()) {
                case LocalDestinations.SQS -> "sqs:SendMessage";
                case LocalDestinations.LAMBDA -> "lambda:InvokeFunction";
                default -> null;
            };
            if (action != null) {
                Decision decision = stack.iam().authoriseAs(stack.iam().principal(logicalId), List.of(Access.of(action, destination.arn())));
                if (decision.refusal().isPresent()) {
                    throw new IllegalStateException(decision.refusal().get().message());
                }
            }
            destinations.send(destination, record);
        };
    }

    /** How many execution environments the function gets: its reserved concurrency, else {@link #FUNCTION_CONCURRENCY}. */
    private static int concurrency(LocalAwsStack stack, String logicalId, Map<String, String> parameters) {
        return stack.resources().functionProperty(logicalId, "ReservedConcurrentExecutions", parameters)
                .map(Integer::parseInt).map(reserved -> Math.max(1, reserved)).orElse(FUNCTION_CONCURRENCY);
    }

    /** Secrets Manager calling a secret's rotation function: synchronously, as the service waits for each step. */
    private void invokeRotation(String functionArn, String event) {
        LocalFunction function = lambdaApi.find(functionArn, null)
                .orElseThrow(() -> new IllegalStateException("Rotation function not found: " + functionArn));
        try {
            function.invoker().invoke(event.getBytes(StandardCharsets.UTF_8), function.definition().timeout()).join();
        } catch (java.util.concurrent.CompletionException e) {
            throw new IllegalStateException(e.getCause() == null ? e.toString() : e.getCause().getMessage(), e);
        }
    }

    /** The Scheduler's Lambda target: an asynchronous invocation, refused as Lambda's Invoke would refuse it. */
    private String invokeScheduled(String targetArn, byte[] input) throws ScheduleTargets.TargetException {
        if (!targetArn.startsWith("arn:aws:lambda:")) {
            throw new ScheduleTargets.TargetException("ValidationException",
                    "The local Scheduler invokes Lambda functions only, not " + targetArn);
        }
        LocalFunction function = lambdaApi.find(targetArn, null).orElseThrow(() -> new ScheduleTargets.TargetException(
                "ResourceNotFoundException", "Function not found: " + targetArn));
        return function.async().submit(input);
    }

    /**
     * The template's SQS event sources whose function runs here, each polled by as many pollers as the function
     * has execution environments (its reserved concurrency), or fewer if its ScalingConfig says so.
     */
    private List<SqsEventSourceMapping> sqsMappings(CloudFormationTemplate template, LocalAwsStack stack,
                                                    Map<String, String> parameters, Map<String, LocalFunction> functions) {
        List<SqsEventSourceMapping> mappings = new ArrayList<>();
        for (SqsEventSource source : SqsEventSource.fromTemplate(template, stack.resources(), parameters)) {
            String name = source.functionLogicalId() + ".Events." + source.eventName();
            LocalFunction function = functions.get(source.functionLogicalId());
            if (function == null) {
                out.println("  note: " + name + " is not polled: its function does not run locally");
                continue;
            }
            if (!source.enabled()) {
                out.println("  note: " + name + " is not polled: it is disabled (Enabled: false)");
                continue;
            }
            if (source.filtered()) {
                out.println("  note: " + name + "'s FilterCriteria are not applied locally: the function gets every message");
            }
            String queueUrl = stack.clients().sqs().getQueueUrl(request -> request.queueName(source.queueName())).queueUrl();
            int concurrency = Math.min(concurrency(stack, source.functionLogicalId(), parameters),
                    source.maximumConcurrency().orElse(Integer.MAX_VALUE));
            mappings.add(new SqsEventSourceMapping(stack.clients().sqs(), source, queueUrl, function.invoker(),
                    function.definition().timeout(), concurrency, stack.region(), line -> out.println("[SQS] " + line)));
        }
        return mappings;
    }

    /** Starts the function's first execution environment and waits until it is ready. */
    private void warmUp(LocalFunction function) {
        String logicalId = function.definition().logicalId();
        out.println("Starting " + logicalId + " from " + shown(function.definition().codeZip()) + "...");
        try {
            Duration coldStart = ((FunctionPool) function.invoker()).warmUp(FUNCTION_INIT_TIMEOUT);
            out.printf(Locale.ROOT, "%s is ready (cold start %.1f s)%n", logicalId, coldStart.toMillis() / 1000.0);
        } catch (RuntimeException e) {
            throw new IllegalStateException(logicalId + " did not start: " + e.getMessage() + ". Rebuild it with "
                    + "`mvn -DskipTests install` from the repository root; its log: "
                    + shown(settings.runDir().resolve("logs/" + logicalId + ".log")), e);
        }
    }

    /** The template's S3 event sources whose function runs here and whose events the local stack sends. */
    private List<S3Subscription> s3Subscriptions(CloudFormationTemplate template, LocalAwsStack stack,
                                                 Map<String, String> parameters, Map<String, LocalFunction> functions) {
        List<S3Subscription> subscriptions = new ArrayList<>();
        for (S3Subscription subscription : S3Subscription.fromTemplate(template, stack.resources(), parameters)) {
            String name = subscription.functionLogicalId() + ".Events." + subscription.eventName();
            if (!functions.containsKey(subscription.functionLogicalId())) {
                out.println("  note: " + name + " is not watched: its function does not run locally");
            } else if (!subscription.isEmulated()) {
                out.println("  note: " + name + " is not watched: the local stack sends object creations and removals only");
            } else {
                subscriptions.add(subscription);
            }
        }
        return subscriptions;
    }

    /**
     * An owner, a staff member and a volunteer of the demo organisation in the user pool, each with a fresh password
     * every run (the pool, kept in the run directory, may have them from an earlier run): what the console's sign-in
     * takes. Their addresses and passwords, as {@code TURNOUT_DEMO_<ROLE>_EMAIL} and {@code _PASSWORD}.
     */
    private static Map<String, String> createDemoUsers(LocalUserPool users) {
        Map<String, String> demo = new LinkedHashMap<>();
        for (Role role : DEMO_ROLES) {
            String email = role.role() + "@" + DEMO_ORG + ".example.org";
            String password = users.temporaryPassword();
            users.setPassword(users.find(email).orElseGet(() -> users.create(email, password, false)), password, true);
            users.createGroupIfAbsent(role.group(DEMO_ORG));
            users.addToGroup(email, role.group(DEMO_ORG));
            String prefix = "TURNOUT_DEMO_" + role.name() + "_";
            demo.put(prefix + "EMAIL", email);
            demo.put(prefix + "PASSWORD", password);
        }
        return demo;
    }

    /** Through the API itself, as an operator would: a 409 means it is there from an earlier run. */
    private void seedDemoOrganisation(String operatorToken) {
        String organisation = """
                {"id":"%s","name":"Campagne de démonstration","language":"fr","timeZone":"Europe/Paris",
                 "senders":[{"name":"Équipe démo","address":"%s"}],"publicSignup":true,
                 "allowedTags":["benevole","donateur","quartier-nord"]}""".formatted(DEMO_ORG, DEMO_SENDER);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + settings.apiPort() + "/v1/admin/orgs"))
                .timeout(HttpApiGateway.INTEGRATION_TIMEOUT.plusSeconds(5))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + operatorToken)
                .POST(HttpRequest.BodyPublishers.ofString(organisation)).build();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201 && response.statusCode() != 409) {
                throw new IllegalStateException("Creating organisation " + DEMO_ORG + " through the API answered "
                        + response.statusCode() + " " + response.body() + "; the [HttpApi] lines above and the function logs in "
                        + shown(settings.runDir().resolve("logs")) + " say why");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Creating organisation " + DEMO_ORG + " through the API failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating organisation " + DEMO_ORG, e);
        }
    }

    private Map<String, String> endpoints(LocalAwsStack stack, String apiUrl, String lambdaUrl) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("TURNOUT_API_URL", apiUrl);
        environment.put("TURNOUT_CONSOLE_URL", apiUrl + "/console");
        environment.put("TURNOUT_SES_URL", stack.endpoint(Emulator.SES).toString());
        environment.put("TURNOUT_DEMO_ORG", DEMO_ORG);
        environment.put("TURNOUT_DEMO_SENDER", DEMO_SENDER);
        environment.put("TURNOUT_BUCKET", stack.resources().physicalName("Bucket"));
        environment.put("TURNOUT_TABLE", stack.resources().physicalName("Table"));
        environment.putAll(stack.environment());
        environment.put("AWS_DEFAULT_REGION", stack.region());
        // the AWS CLI names SES v1 and v2 alike: one emulator serves both
        environment.put("AWS_ENDPOINT_URL_SES", stack.endpoint(Emulator.SES).toString());
        environment.put("AWS_ENDPOINT_URL_LAMBDA", lambdaUrl);
        return environment;
    }

    private void writeEndpoints(Map<String, String> endpoints) {
        StringBuilder file = new StringBuilder("""
                # The local stack of infra/local/run, for curl, scripts and the AWS CLI. Load it with
                #   set -a; . %s; set +a
                # The AWS SDKs and AWS CLI 2.13+ read AWS_ENDPOINT_URL_<SERVICE>. Older CLIs (Debian 12's 2.9)
                # ignore them: give the endpoint on each command, e.g.
                #   aws dynamodb scan --table-name "$TURNOUT_TABLE" --endpoint-url "$AWS_ENDPOINT_URL_DYNAMODB"
                # There is no AWS_ENDPOINT_URL: each service listens on its own port.
                """.formatted(shown(settings.runDir().resolve(ENDPOINTS_FILE))));
        endpoints.forEach((name, value) -> {
            if (!SHELL_SAFE.matcher(value).matches()) {
                throw new IllegalStateException(name + " has characters a shell would interpret: " + value);
            }
            file.append(name).append('=').append(value).append('\n');
        });
        try {
            PrivateFiles.writeAtomically(settings.runDir().resolve(ENDPOINTS_FILE), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + settings.runDir().resolve(ENDPOINTS_FILE), e);
        }
    }

    private void printSummary(Map<String, String> endpoints, Map<String, LocalFunction> functions,
                              List<S3Subscription> subscriptions, List<String> scheduleGroups,
                              List<SqsEventSourceMapping> mappings, Optional<SesMailboxSimulator.Subscription> sesEvents,
                              Duration took) {
        String runDir = shown(settings.runDir());
        String functionNames = functions.values().stream().map(function -> function.definition().functionName())
                .collect(Collectors.joining(", "));
        String s3Events = subscriptions.stream().map(subscription -> "s3://" + subscription.bucket() + "/"
                        + subscription.prefix() + "*" + subscription.suffix() + " -> " + subscription.functionLogicalId())
                .collect(Collectors.joining("; "));
        String sqsEvents = mappings.stream().map(mapping -> mapping.source().queueName() + " -> "
                        + mapping.source().functionLogicalId() + " (batches of " + mapping.source().batchSize() + " within "
                        + mapping.source().maximumBatchingWindow().toSeconds() + " s, " + mapping.concurrency() + " at once"
                        + (mapping.source().reportBatchItemFailures() ? ", partial failures" : "") + ")")
                .collect(Collectors.joining("; "));
        out.printf(Locale.ROOT, """

                Turnout local stack is ready (%.1f s)
                  Console          %s   (staff sign in through the local identity provider)
                  API              %s   (try: POST /v1/orgs/%s/signups)
                  Sent emails      %s   (the SES mailbox in a browser; GET /store lists them as JSON)
                  DynamoDB         %s   table %s
                  S3               %s   bucket %s
                  SQS              %s
                  Lambda           %s   functions %s
                  S3 events        %s
                  SQS events       %s
                  Scheduler        %s   groups %s (one-time schedules fire at their time, the template's rate schedules at their rate)
                  Secrets Manager  %s   (the template's secrets; values kept in the run directory)
                  SES events       %s
                  Organisation     %s, sender %s
                  Tokens           issuer %s (30 days; docs/access.md)
                  Owner token      (organisation %s: everything, erasure, export, settings)
                    %s
                  Staff token      (organisation %s: all but the owner's routes)
                    %s
                  Volunteer token  (organisation %s: walk lists and canvass results)
                    %s
                  Operator token   (creates organisations)
                    %s
                  Sign-in          %s   (managed login of client %s; docs/access.md)
                  Demo users       owner %s / %s, staff %s / %s, volunteer %s / %s
                  Environment      %s/%s   (set -a; . %s/%s; set +a)
                  Logs             %s/logs/
                """, took.toMillis() / 1000.0,
                endpoints.get("TURNOUT_CONSOLE_URL"),
                endpoints.get("TURNOUT_API_URL"), DEMO_ORG,
                endpoints.get("TURNOUT_SES_URL"),
                endpoints.get("AWS_ENDPOINT_URL_DYNAMODB"), endpoints.get("TURNOUT_TABLE"),
                endpoints.get("AWS_ENDPOINT_URL_S3"), endpoints.get("TURNOUT_BUCKET"),
                endpoints.get("AWS_ENDPOINT_URL_SQS"),
                endpoints.get("AWS_ENDPOINT_URL_LAMBDA"), functionNames,
                s3Events.isEmpty() ? "none" : s3Events,
                sqsEvents.isEmpty() ? "none" : sqsEvents,
                endpoints.get("AWS_ENDPOINT_URL_SCHEDULER"),
                String.join(", ", scheduleGroups.isEmpty() ? List.of(LocalScheduler.DEFAULT_GROUP) : scheduleGroups),
                endpoints.get("AWS_ENDPOINT_URL_SECRETS_MANAGER"),
                sesEvents.map(ses -> "mail to *@" + SesMailboxSimulator.SIMULATOR_DOMAIN + " -> " + ses.functionLogicalId()).orElse("none"),
                DEMO_ORG, DEMO_SENDER, endpoints.get("TURNOUT_TOKEN_ISSUER"),
                DEMO_ORG, endpoints.get("TURNOUT_OWNER_TOKEN"), DEMO_ORG, endpoints.get("TURNOUT_ADMIN_TOKEN"),
                DEMO_ORG, endpoints.get("TURNOUT_VOLUNTEER_TOKEN"), endpoints.get("TURNOUT_OPERATOR_TOKEN"),
                endpoints.get("TURNOUT_CONSOLE_AUTH_URL"), endpoints.get("TURNOUT_CONSOLE_CLIENT_ID"),
                endpoints.get("TURNOUT_DEMO_OWNER_EMAIL"), endpoints.get("TURNOUT_DEMO_OWNER_PASSWORD"),
                endpoints.get("TURNOUT_DEMO_STAFF_EMAIL"), endpoints.get("TURNOUT_DEMO_STAFF_PASSWORD"),
                endpoints.get("TURNOUT_DEMO_VOLUNTEER_EMAIL"), endpoints.get("TURNOUT_DEMO_VOLUNTEER_PASSWORD"),
                runDir, ENDPOINTS_FILE, runDir, ENDPOINTS_FILE, runDir);
    }

    /** A path as the user would type it from the repository root. */
    private String shown(Path path) {
        return path.startsWith(root.path()) ? root.path().relativize(path).toString() : path.toString();
    }

    private synchronized <T extends AutoCloseable> T started(T resource) {
        started.add(resource);
        return resource;
    }

    /**
     * Stops what was started, the last first: gateway, S3 watcher, SQS pollers, Scheduler, Lambda API, event queues,
     * functions, emulators;
     * endpoints.env goes too.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Files.deleteIfExists(settings.runDir().resolve(ENDPOINTS_FILE));
        } catch (IOException e) {
            out.println("While stopping: " + e);
        }
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                out.println("While stopping: " + e);
            }
        }
    }
}
