package org.turnout.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.turnout.bench.support.Directories;
import org.turnout.bench.support.Machine;
import org.turnout.bench.support.Results;
import org.turnout.local.Emulator;
import org.turnout.local.LocalAwsStack;
import org.turnout.local.secrets.SecretsManagerApi;
import org.turnout.local.LocalIdentityProvider;
import org.turnout.local.RepositoryRoot;
import org.turnout.local.lambda.FunctionDefinition;
import org.turnout.local.lambda.LambdaProcess;

/**
 * The cold-start benchmark: the packaged ApiFunction against the minimal Quarkus function of
 * bench/coldstart-baseline, each started in a fresh JVM as Lambda's java17 runtime starts it, with the
 * emulators the API needs behind it. {@code -Drounds=N} sets the number of rounds (7). Run by
 * bench/run-coldstart, which builds both packages first.
 */
public final class ColdStartBenchmark {

    private static final String BENCH_ORG = "bench";
    private static final String QUARKUS_HANDLER = "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest";
    private static final String JAVA_TOOL_OPTIONS = "JAVA_TOOL_OPTIONS";
    private static final byte[] BASELINE_EVENT = "{\"ping\":1}".getBytes(StandardCharsets.UTF_8);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A function under test: its first event in a given round, and what its answer must be. */
    private record Contender(String name, String firstRequest, FunctionDefinition function,
                             IntFunction<byte[]> firstEvent, Predicate<JsonNode> expectedAnswer) {
    }

    private final RepositoryRoot root;
    private final LocalAwsStack stack;
    private final SecretsManagerApi secrets;
    private final ColdStartProbe probe;

    private ColdStartBenchmark(RepositoryRoot root, LocalAwsStack stack, SecretsManagerApi secrets, Path workDir) {
        this.root = root;
        this.stack = stack;
        this.secrets = secrets;
        this.probe = new ColdStartProbe(LambdaProcess.runtimeClasspath(root), workDir);
    }

    public static void main(String[] args) throws InterruptedException, IOException {
        int rounds = Integer.getInteger("rounds", 7);
        if (rounds < 1) {
            throw new IllegalArgumentException("-Drounds=" + rounds + ": at least one round");
        }
        long began = System.nanoTime();
        // this JVM's SDK clients (setting up the emulators) have no logger, and need none
        System.setProperty("slf4j.internal.verbosity", "ERROR");
        RepositoryRoot root = RepositoryRoot.locate();
        Path workDir = root.path().resolve("bench/coldstart/target/run");
        Directories.deleteRecursively(workDir.resolve("logs"));
        System.out.println("Starting the emulators ApiFunction needs (DynamoDB, SES)...");
        try (LocalAwsStack stack = LocalAwsStack.start(EnumSet.of(Emulator.DYNAMODB, Emulator.SES));
             SecretsManagerApi secrets = SecretsManagerApi.forTemplate(stack, line -> { })) {
            ColdStartReport report = new ColdStartBenchmark(root, stack, secrets, workDir).run(rounds, began);
            String markdown = report.markdown();
            Path results = Results.write(root.path(), workDir, "coldstart.md", markdown, true);
            System.out.println();
            System.out.println(markdown);
            System.out.println("Written to " + root.path().relativize(results) + "; the functions' output is in "
                    + root.path().relativize(workDir.resolve("logs")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ColdStartReport run(int rounds, long began) throws InterruptedException {
        // the issuer serves its discovery document and JWKS: ApiFunction finds its keys there, as in AWS
        try (LocalIdentityProvider identity = LocalIdentityProvider.serve(null, 0)) {
            return run(identity, rounds, began);
        }
    }

    private ColdStartReport run(LocalIdentityProvider identity, int rounds, long began) throws InterruptedException {
        ApiEvents events = new ApiEvents(root);
        FunctionDefinition api = apiFunction(identity);
        Contender baseline = new Contender("baseline", "`{\"ping\":1}`, answered `{\"status\":\"ok\"}`",
                baselineFunction(api), round -> BASELINE_EVENT,
                answer -> answer.equals(JSON.createObjectNode().put("status", "ok")));
        Contender apiFunction = new Contender("ApiFunction", "events/api-signup.json to the organisation `" + BENCH_ORG
                + "`, a new address and source IP each round (DynamoDB reads and writes, an email through SES), "
                + "answered 202", api,
                round -> events.signup(BENCH_ORG, "coldstart-" + round + "@example.org", "203.0.113." + (1 + round % 254)),
                answer -> answer.path("statusCode").asInt() == 202);

        // Not measured: the organisation the sign-ups go to, created through the API as an operator would. This
        // launch and the baseline's after it also unpack both packages and warm the harness and the OS file cache,
        // so that no measured round pays for that.
        System.out.println("Creating the organisation '" + BENCH_ORG + "' through ApiFunction (not measured)...");
        String operator = "operator@bench.local";
        ObjectNode organisation = JSON.createObjectNode().put("id", BENCH_ORG).put("name", "Cold-start benchmark")
                .put("language", "en").put("publicSignup", true);
        organisation.putArray("allowedTags").add("benevole");
        coldStart(new Contender(apiFunction.name(), "", api,
                        round -> events.createOrganisation(organisation, operator,
                                identity.issue(operator, LocalIdentityProvider.Role.OPERATOR, null, Duration.ofMinutes(10))),
                        answer -> answer.path("statusCode").asInt() == 201),
                0);
        coldStart(baseline, 0);

        Map<Contender, List<ColdStart>> measured = new LinkedHashMap<>();
        measured.put(baseline, new ArrayList<>());
        measured.put(apiFunction, new ArrayList<>());
        for (int round = 1; round <= rounds; round++) {
            // baseline first in odd rounds, second in even ones: neither always follows the other
            List<Contender> order = round % 2 == 1 ? List.of(baseline, apiFunction) : List.of(apiFunction, baseline);
            for (Contender contender : order) {
                ColdStart coldStart = coldStart(contender, round);
                measured.get(contender).add(coldStart);
                System.out.printf(Locale.ROOT, "round %d/%d  %-12s init %5d ms   first response %5d ms%n", round, rounds,
                        contender.name(), coldStart.init().toMillis(), coldStart.firstResponse().toMillis());
            }
        }
        int emails = stack.sentEmails().size();
        if (emails != rounds) {
            throw new IllegalStateException("ApiFunction accepted " + rounds + " sign-ups but SES received " + emails
                    + " confirmation emails");
        }
        return new ColdStartReport(LocalDate.now(), Machine.current(), rounds, api.memoryMegabytes(),
                api.environment().getOrDefault(JAVA_TOOL_OPTIONS, ""), Duration.ofNanos(System.nanoTime() - began),
                result(baseline, measured), result(apiFunction, measured));
    }

    /** One cold start of the contender, whose answer must be the expected one: a failed request fails the run. */
    private ColdStart coldStart(Contender contender, int round) throws InterruptedException {
        ColdStartProbe.Result result = probe.coldStart(contender.function(), contender.firstEvent().apply(round));
        String answer = new String(result.response(), StandardCharsets.UTF_8);
        JsonNode json;
        try {
            json = JSON.readTree(answer);
        } catch (IOException notJson) {
            json = JSON.missingNode();
        }
        if (!contender.expectedAnswer().test(json)) {
            throw new IllegalStateException(contender.name() + " gave an unexpected answer in round " + round + ": "
                    + answer + " (log: " + probe.logFile(contender.function()) + ")");
        }
        return result.coldStart();
    }

    /**
     * ApiFunction as template.yaml deploys it, on the local stack, with what an operator would pass at
     * deployment: the template's secrets (made up, in a local Secrets Manager), and the local identity provider as the admin tokens' issuer.
     */
    private FunctionDefinition apiFunction(LocalIdentityProvider identity) {
        Map<String, String> parameters = Map.of("AdminTokenIssuer", identity.issuer());
        FunctionDefinition deployed = FunctionDefinition.fromTemplate(root, stack.resources(), "ApiFunction", parameters);
        Map<String, String> environment = new LinkedHashMap<>(deployed.environment());
        environment.putAll(stack.environment());
        environment.put("AWS_ENDPOINT_URL_SECRETS_MANAGER", secrets.endpoint().toString());
        return deployed.withEnvironment(environment);
    }

    /** The same memory, timeout and JVM options as ApiFunction (template.yaml's Globals); it needs no configuration. */
    private FunctionDefinition baselineFunction(FunctionDefinition api) {
        String name = "turnout-bench-coldstart-baseline";
        return new FunctionDefinition("ColdStartBaseline", name,
                "arn:aws:lambda:%s:%s:function:%s".formatted(LocalAwsStack.REGION, LocalAwsStack.ACCOUNT_ID, name),
                QUARKUS_HANDLER, root.path().resolve("bench/coldstart-baseline/target/function.zip"),
                api.memoryMegabytes(), api.timeout(),
                Map.of(JAVA_TOOL_OPTIONS, api.environment().getOrDefault(JAVA_TOOL_OPTIONS, "")));
    }

    private static FunctionResult result(Contender contender, Map<Contender, List<ColdStart>> measured) {
        return FunctionResult.of(contender.name(), contender.firstRequest(), measured.get(contender));
    }

}
