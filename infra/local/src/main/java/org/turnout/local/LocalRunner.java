package org.turnout.local;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import sun.misc.Signal;

import org.turnout.local.LocalIdentityProvider.Role;
import org.turnout.local.gateway.HttpApiGateway;
import org.turnout.local.gateway.HttpApiRoute;
import org.turnout.local.gateway.HttpApiRoutes;
import org.turnout.local.gateway.JwtAuthorizer;
import org.turnout.local.lambda.FunctionDefinition;
import org.turnout.local.lambda.FunctionInvoker;
import org.turnout.local.lambda.FunctionLog;
import org.turnout.local.lambda.FunctionPool;
import org.turnout.local.lambda.LambdaProcess;

/**
 * The local stack as infra/local/run starts it: the emulators on fixed ports, provisioned from template.yaml;
 * each function behind the HTTP API run from its packaged zip as Lambda would run it; the API gateway in front;
 * an organisation to try things with; and {@code endpoints.env} for curl and the AWS CLI. It runs until
 * interrupted, then stops all it started.
 */
public final class LocalRunner implements AutoCloseable {

    static final String ENDPOINTS_FILE = "endpoints.env";
    static final String DEMO_ORG = "demo";
    // a reserved example domain: the API refuses addresses under .test, which is no IANA top-level domain
    static final String DEMO_SENDER = "equipe@demo.example.org";
    /** Execution environments per function: enough to see concurrency, few enough for a laptop. */
    private static final int FUNCTION_CONCURRENCY = 2;
    private static final Duration FUNCTION_INIT_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration TOKEN_VALIDITY = Duration.ofDays(30);
    private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9_./:@=+-]*");

    private final RepositoryRoot root;
    private final RunSettings settings;
    private final PrintStream out;
    private final boolean echoFunctionLogs;
    private final List<AutoCloseable> started = new ArrayList<>();
    private boolean closed;

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
        LocalIdentityProvider identity = LocalIdentityProvider.withKeyIn(runDir, LocalIdentityProvider.DEFAULT_ISSUER);
        LocalSecrets secrets = LocalSecrets.inDirectory(runDir);
        String apiUrl = "http://localhost:" + settings.apiPort();

        out.println("Starting the emulators...");
        LocalAwsStack stack = started(LocalAwsStack.start(settings.emulatorPorts(), runDir.resolve("stack")));
        stack.resources().warnings().forEach(warning -> out.println("  note: " + warning));

        // what an operator passes at deployment; the issuer is the local identity provider
        Map<String, String> parameters = Map.of(
                "LinkSigningKeys", secrets.linkSigningKeys(),
                "IpHashPepper", secrets.ipHashPepper(),
                "AdminTokenIssuer", identity.issuer(),
                "PublicUrl", apiUrl);
        CloudFormationTemplate template = CloudFormationTemplate.load(root.template());
        HttpApiRoutes routes = HttpApiRoutes.fromTemplate(template);
        Map<String, FunctionInvoker> functions = new LinkedHashMap<>();
        for (HttpApiRoute route : routes.all()) {
            if (!functions.containsKey(route.functionLogicalId())) {
                functions.put(route.functionLogicalId(), startFunction(route.functionLogicalId(), stack, parameters, identity));
            }
        }

        HttpApiGateway gateway = started(new HttpApiGateway(routes,
                JwtAuthorizer.fromTemplate(template, stack.resources(), parameters, identity.jwks()),
                functions, LocalAwsStack.ACCOUNT_ID, line -> out.println("[HttpApi] " + line)));
        gateway.start(settings.apiPort());

        String operatorToken = identity.issue("operator@turnout.local", Role.OPERATOR, null, TOKEN_VALIDITY);
        String staffToken = identity.issue("staff@" + DEMO_ORG, Role.STAFF, DEMO_ORG, TOKEN_VALIDITY);
        seedDemoOrganisation(operatorToken);

        Map<String, String> endpoints = endpoints(stack, apiUrl, operatorToken, staffToken);
        writeEndpoints(endpoints);
        printSummary(endpoints, Duration.between(began, Instant.now()));
    }

    private FunctionPool startFunction(String logicalId, LocalAwsStack stack, Map<String, String> parameters,
                                       LocalIdentityProvider identity) {
        FunctionDefinition deployed = FunctionDefinition.fromTemplate(root, stack.resources(), logicalId, parameters);
        Map<String, String> environment = new LinkedHashMap<>(deployed.environment());
        environment.putAll(stack.environment());
        // the local issuer publishes no JWKS URL: the function is given its public key instead
        environment.remove("MP_JWT_VERIFY_PUBLICKEY_LOCATION");
        environment.put("MP_JWT_VERIFY_PUBLICKEY", identity.publicKeyPem());
        FunctionDefinition function = deployed.withEnvironment(environment);

        Consumer<String> console = echoFunctionLogs ? out::println : line -> { };
        FunctionLog log = started(FunctionLog.open(logicalId, settings.runDir().resolve("logs/" + logicalId + ".log"), console));
        String runtimeClasspath = LambdaProcess.runtimeClasspath(root);
        Path taskRoot = settings.runDir().resolve("functions/" + logicalId);
        FunctionPool pool = started(new FunctionPool(logicalId, FUNCTION_CONCURRENCY,
                () -> new LambdaProcess(function, runtimeClasspath, taskRoot, log)));
        out.println("Starting " + logicalId + " from " + shown(function.codeZip()) + "...");
        try {
            Duration coldStart = pool.warmUp(FUNCTION_INIT_TIMEOUT);
            out.printf(Locale.ROOT, "%s is ready (cold start %.1f s)%n", logicalId, coldStart.toMillis() / 1000.0);
        } catch (RuntimeException e) {
            throw new IllegalStateException(logicalId + " did not start: " + e.getMessage() + ". Rebuild it with "
                    + "`mvn -DskipTests install` from the repository root; its log: " + log.file(), e);
        }
        return pool;
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

    private Map<String, String> endpoints(LocalAwsStack stack, String apiUrl, String operatorToken, String staffToken) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("TURNOUT_API_URL", apiUrl);
        environment.put("TURNOUT_SES_URL", stack.endpoint(Emulator.SES).toString());
        environment.put("TURNOUT_ADMIN_TOKEN", staffToken);
        environment.put("TURNOUT_OPERATOR_TOKEN", operatorToken);
        environment.put("TURNOUT_DEMO_ORG", DEMO_ORG);
        environment.put("TURNOUT_DEMO_SENDER", DEMO_SENDER);
        environment.put("TURNOUT_BUCKET", stack.resources().physicalName("Bucket"));
        environment.put("TURNOUT_TABLE", stack.resources().physicalName("Table"));
        environment.putAll(stack.environment());
        environment.put("AWS_DEFAULT_REGION", stack.region());
        // the AWS CLI names SES v1 and v2 alike: one emulator serves both
        environment.put("AWS_ENDPOINT_URL_SES", stack.endpoint(Emulator.SES).toString());
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

    private void printSummary(Map<String, String> endpoints, Duration took) {
        String runDir = shown(settings.runDir());
        out.printf(Locale.ROOT, """

                Turnout local stack is ready (%.1f s)
                  API              %s   (try: POST /v1/orgs/%s/signups)
                  Sent emails      %s   (the SES mailbox in a browser; GET /store lists them as JSON)
                  DynamoDB         %s   table %s
                  S3               %s   bucket %s
                  SQS              %s
                  Organisation     %s, sender %s
                  Staff token      (organisation %s, 30 days)
                    %s
                  Operator token   (30 days)
                    %s
                  Environment      %s/%s   (set -a; . %s/%s; set +a)
                  Logs             %s/logs/
                """, took.toMillis() / 1000.0,
                endpoints.get("TURNOUT_API_URL"), DEMO_ORG,
                endpoints.get("TURNOUT_SES_URL"),
                endpoints.get("AWS_ENDPOINT_URL_DYNAMODB"), endpoints.get("TURNOUT_TABLE"),
                endpoints.get("AWS_ENDPOINT_URL_S3"), endpoints.get("TURNOUT_BUCKET"),
                endpoints.get("AWS_ENDPOINT_URL_SQS"),
                DEMO_ORG, DEMO_SENDER, DEMO_ORG,
                endpoints.get("TURNOUT_ADMIN_TOKEN"), endpoints.get("TURNOUT_OPERATOR_TOKEN"),
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

    /** Stops what was started, the last first: gateway, functions, emulators; endpoints.env goes too. */
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
