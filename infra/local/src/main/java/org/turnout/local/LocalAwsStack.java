package org.turnout.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import org.turnout.local.iam.Credentials;
import org.turnout.local.iam.EmulatorFront;
import org.turnout.local.s3.BucketCors;
import org.turnout.local.iam.LocalIam;

/**
 * The Docker-free local AWS stack: each emulator runs as a child process on a free port of
 * 127.0.0.1 behind its authorising front (IAM from template.yaml, see {@link LocalIam}), and the resources of
 * template.yaml are provisioned on them. Code under test reaches
 * it through the SDK's standard settings ({@link #sdkSystemProperties()} in the same JVM,
 * {@link #environment()} for a child process), so it needs no local-only configuration.
 */
public final class LocalAwsStack implements AutoCloseable {

    public static final String REGION = "eu-west-3";
    public static final String ACCOUNT_ID = "000000000000";
    public static final String ACCESS_KEY_ID = "test";
    public static final String SECRET_ACCESS_KEY = "test";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    /** The SDK's service ids, as in its {@code aws.endpointUrl<Id>} properties and {@code AWS_ENDPOINT_URL_<ID>} variables. */
    private static final Map<Emulator, String> SDK_SERVICE_IDS = Map.of(
            Emulator.DYNAMODB, "DynamoDb",
            Emulator.S3, "S3",
            Emulator.SES, "SesV2",
            Emulator.SQS, "Sqs");

    private final Path workDir;
    private final Map<Emulator, EmulatorProcess> processes;
    /** The authorising fronts' endpoints: what the SDK settings name. */
    private final Map<Emulator, URI> endpoints;
    /** The emulators' own endpoints, behind their fronts. */
    private final Map<Emulator, URI> emulatorEndpoints;
    private final Map<Emulator, EmulatorFront> fronts;
    private final Thread shutdownHook;
    private EmulatorClients clients;
    private Provisioned resources;
    private SesStore sesStore;
    private LocalIam iam;

    private LocalAwsStack(Path workDir) {
        this.workDir = workDir;
        this.processes = new EnumMap<>(Emulator.class);
        this.endpoints = new EnumMap<>(Emulator.class);
        this.emulatorEndpoints = new EnumMap<>(Emulator.class);
        this.fronts = new EnumMap<>(Emulator.class);
        this.shutdownHook = new Thread(this::stopProcesses, "turnout-local-stack-shutdown");
    }

    /**
     * Starts the given emulators, waits until each answers, and provisions template.yaml's
     * resources on them. If one fails, those already started are stopped again.
     */
    public static LocalAwsStack start(EnumSet<Emulator> which) {
        Map<Emulator, Integer> freePorts = new EnumMap<>(Emulator.class);
        which.forEach(emulator -> freePorts.put(emulator, 0));
        return start(freePorts, LocalAwsStack::createWorkDir, Set.of(), SesAccount.MAX_SEND_RATE);
    }

    /**
     * Like {@link #start(EnumSet)}, for the emulators in {@code ports}, each on its port of 127.0.0.1 (0 for
     * a free one), their files (logs, S3 objects, configuration) in {@code workDir}, which is created if
     * needed and deleted on {@link #close()}.
     */
    public static LocalAwsStack start(Map<Emulator, Integer> ports, Path workDir) {
        return start(ports, workDir, Set.of());
    }

    /** Like {@link #start(Map, Path)}; no emulator behind its front takes one of the {@code reserved} ports. */
    public static LocalAwsStack start(Map<Emulator, Integer> ports, Path workDir, Set<Integer> reserved) {
        return start(ports, workDir, reserved, SesAccount.MAX_SEND_RATE);
    }

    /** Like {@link #start(Map, Path, Set)}, the SES account sending {@code sesMaxSendRate} emails a second at most. */
    public static LocalAwsStack start(Map<Emulator, Integer> ports, Path workDir, Set<Integer> reserved, double sesMaxSendRate) {
        return start(ports, () -> createDirectories(workDir), reserved, sesMaxSendRate);
    }

    private static LocalAwsStack start(Map<Emulator, Integer> ports, Supplier<Path> workDir, Set<Integer> reserved,
                                       double sesMaxSendRate) {
        RepositoryRoot root = RepositoryRoot.locate();
        EnumSet<Emulator> which = EnumSet.noneOf(Emulator.class);
        which.addAll(ports.keySet());
        checkPrerequisites(root, which);
        ports.forEach((emulator, port) -> {
            if (port != 0 && !isFree(port)) {
                throw new IllegalStateException("Port " + port + " for the " + emulator + " emulator (" + emulator.implementation()
                        + ") is in use on 127.0.0.1");
            }
        });
        LocalAwsStack stack = new LocalAwsStack(workDir.get());
        // registered before the first child starts, so that a JVM exiting mid-start leaves none behind
        Runtime.getRuntime().addShutdownHook(stack.shutdownHook);
        try {
            stack.launch(root, ports, reserved, sesMaxSendRate);
            // the administrator's own calls (provisioning, tests' setup, the runner's pollers) go straight to the emulators
            stack.clients = EmulatorClients.connect(stack.emulatorEndpoints);
            if (which.contains(Emulator.SES)) {
                stack.sesStore = new SesStore(stack.emulatorEndpoint(Emulator.SES));
            }
            CloudFormationTemplate template = CloudFormationTemplate.load(root.template());
            stack.resources = new TemplateProvisioner(template, stack.clients).provision(Map.of());
            stack.iam = LocalIam.fromTemplate(template, stack.resources,
                    new Credentials(ACCESS_KEY_ID, SECRET_ACCESS_KEY, null), Clock.systemUTC(), System.out::println);
            stack.startFronts();
            return stack;
        } catch (RuntimeException e) {
            try {
                stack.close();
            } catch (RuntimeException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    /** Whether nothing listens on 127.0.0.1:{@code port}, so that an emulator can. */
    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(EmulatorLaunch.HOST, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void checkPrerequisites(RepositoryRoot root, EnumSet<Emulator> which) {
        if (which.stream().anyMatch(Emulator::runsOnNode)) {
            NodeModules.ensureInstalled(root);
        }
        List<Path> missing = Stream.of(
                        which.contains(Emulator.S3) ? EmulatorLaunch.s3ProxyJar(root) : null,
                        which.contains(Emulator.SQS) ? EmulatorLaunch.elasticMqClasspath(root) : null)
                .filter(path -> path != null && !Files.isRegularFile(path))
                .toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Missing " + missing + ": build the Java emulators first with "
                    + "`mvn -pl infra/local/emulators package` (the full reactor build does it before the tests)");
        }
    }

    private void launch(RepositoryRoot root, Map<Emulator, Integer> ports, Set<Integer> reserved, double sesMaxSendRate) {
        // the fronts take their ports first: the emulators' URLs (queue URLs) name them, and no emulator may take one
        for (Emulator emulator : Emulator.values()) {
            if (ports.containsKey(emulator)) {
                fronts.put(emulator, new EmulatorFront(emulator, System.out::println).bind(ports.get(emulator)));
            }
        }
        Map<Emulator, EmulatorLaunch> launches = new EnumMap<>(Emulator.class);
        // all are launched before any is awaited: the JVM-based ones take seconds to start, in parallel
        for (Emulator emulator : fronts.keySet()) {
            int frontPort = fronts.get(emulator).port();
            int port = freePortOtherThan(reserved);
            EmulatorLaunch launch = EmulatorLaunch.of(emulator, root, port, frontPort, workDir, sesMaxSendRate);
            String name = emulator + " (" + emulator.implementation() + ")";
            processes.put(emulator, EmulatorProcess.start(name, launch.command(), launch.environment(),
                    root.path(), workDir.resolve(emulator.name().toLowerCase(Locale.ROOT) + ".log")));
            emulatorEndpoints.put(emulator, EmulatorLaunch.endpoint(port));
            endpoints.put(emulator, EmulatorLaunch.endpoint(frontPort));
            launches.put(emulator, launch);
        }
        launches.forEach((emulator, launch) -> processes.get(emulator)
                .awaitReady(emulatorEndpoints.get(emulator).resolve(launch.probePath()), launch.ready(), START_TIMEOUT));
    }

    /** A free port for an emulator behind its front, none of those its caller will bind later (the runner's APIs). */
    private static int freePortOtherThan(Set<Integer> reserved) {
        int port = freePort();
        while (reserved.contains(port)) {
            port = freePort();
        }
        return port;
    }

    private void startFronts() {
        fronts.forEach((emulator, front) -> front.start(emulatorEndpoints.get(emulator), iam));
    }

    /**
     * The emulator's own endpoint, behind its authorising front: for what is no AWS API (the SES emulator's
     * {@code /store}) and for fault-injecting proxies that stand where the front stands.
     */
    public URI emulatorEndpoint(Emulator emulator) {
        URI endpoint = emulatorEndpoints.get(emulator);
        if (endpoint == null) {
            throw new IllegalStateException("The " + emulator + " emulator was not started in this local stack");
        }
        return endpoint;
    }

    /** The stack's IAM: the functions' and roles' credentials, and the authoriser of every local AWS API. */
    /** The buckets' CORS rules, resolved with the run's parameters (the console's origin), for the S3 front to answer. */
    public void bucketCors(BucketCors cors) {
        EmulatorFront front = fronts.get(Emulator.S3);
        if (front != null) {
            front.cors(cors);
        }
    }

    public LocalIam iam() {
        return iam;
    }

    /** The temporary credentials of a function's execution role (or of a role) of template.yaml, by logical id. */
    public Credentials credentials(String logicalId) {
        return iam.credentials(logicalId);
    }

    public URI endpoint(Emulator emulator) {
        URI endpoint = endpoints.get(emulator);
        if (endpoint == null) {
            throw new IllegalStateException("The " + emulator + " emulator was not started in this local stack");
        }
        return endpoint;
    }

    public String region() {
        return REGION;
    }

    /**
     * The SDK's standard system properties that point default-built clients at this stack:
     * region, the administrator's credentials and one {@code aws.endpointUrl<ServiceId>} per running emulator.
     */
    public Map<String, String> sdkSystemProperties() {
        return sdkSystemProperties(new Credentials(ACCESS_KEY_ID, SECRET_ACCESS_KEY, null));
    }

    /** The same, with the credentials that {@code functionLogicalId}'s execution role gives it, as in Lambda. */
    public Map<String, String> sdkSystemProperties(String functionLogicalId) {
        return sdkSystemProperties(credentials(functionLogicalId));
    }

    private Map<String, String> sdkSystemProperties(Credentials credentials) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("aws.region", REGION);
        properties.put("aws.accessKeyId", credentials.accessKeyId());
        properties.put("aws.secretAccessKey", credentials.secretAccessKey());
        if (credentials.sessionToken() != null) {
            properties.put("aws.sessionToken", credentials.sessionToken());
        }
        endpoints.forEach((emulator, endpoint) ->
                properties.put("aws.endpointUrl" + SDK_SERVICE_IDS.get(emulator), endpoint.toString()));
        return properties;
    }

    /** The administrator's settings as environment variables, for the AWS CLI and scripts. */
    public Map<String, String> environment() {
        return environment(new Credentials(ACCESS_KEY_ID, SECRET_ACCESS_KEY, null));
    }

    /** The settings of a local function's process: its execution role's credentials, as Lambda gives them. */
    public Map<String, String> environment(String functionLogicalId) {
        return environment(credentials(functionLogicalId));
    }

    private Map<String, String> environment(Credentials credentials) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("AWS_REGION", REGION);
        environment.put("AWS_ACCESS_KEY_ID", credentials.accessKeyId());
        environment.put("AWS_SECRET_ACCESS_KEY", credentials.secretAccessKey());
        if (credentials.sessionToken() != null) {
            environment.put("AWS_SESSION_TOKEN", credentials.sessionToken());
        }
        endpoints.forEach((emulator, endpoint) -> environment.put(
                "AWS_ENDPOINT_URL_" + SDK_SERVICE_IDS.get(emulator).toUpperCase(Locale.ROOT), endpoint.toString()));
        return environment;
    }

    /**
     * When the S3 emulator last wrote an object, to the file system's precision: S3Proxy keeps each object in a
     * file of its store, and its API rounds LastModified down to the second. Empty when the object is unknown.
     */
    public Optional<Instant> s3ObjectModified(String bucket, String key) {
        if (!endpoints.containsKey(Emulator.S3)) {
            return Optional.empty();
        }
        try {
            Path bucketDir = workDir.resolve("s3").resolve(bucket).normalize();
            Path file = bucketDir.resolve(key).normalize();
            if (!file.startsWith(bucketDir) || !Files.isRegularFile(file)) {
                return Optional.empty();
            }
            return Optional.of(Files.getLastModifiedTime(file).toInstant());
        } catch (IOException | java.nio.file.InvalidPathException e) {
            return Optional.empty();
        }
    }

    /** Clients wired to the emulators, for setting up and inspecting state. */
    public EmulatorClients clients() {
        return clients;
    }

    /** template.yaml's resources as provisioned on this stack. */
    public Provisioned resources() {
        return resources;
    }

    /** The emails the SES emulator accepted, oldest first, as its {@code /store} lists them. */
    public List<JsonNode> sentEmails() {
        return sesStore().emails();
    }

    public void clearSentEmails() {
        sesStore().clear();
    }

    private SesStore sesStore() {
        if (sesStore == null) {
            throw new IllegalStateException("The SES emulator was not started in this local stack");
        }
        return sesStore;
    }

    @Override
    public void close() {
        try {
            if (clients != null) {
                clients.close();
            }
        } finally {
            stopProcesses();
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or about to: it stops the same processes
            }
            deleteRecursively(workDir);
        }
    }

    private synchronized void stopProcesses() {
        fronts.values().forEach(EmulatorFront::close);
        fronts.clear();
        processes.values().forEach(EmulatorProcess::stop);
        processes.clear();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free local port for an emulator", e);
        }
    }

    private static Path createDirectories(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the local stack's directory " + dir, e);
        }
    }

    private static Path createWorkDir() {
        try {
            return Files.createTempDirectory("turnout-local-stack-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete the local stack's files in " + dir, e);
        }
    }
}
