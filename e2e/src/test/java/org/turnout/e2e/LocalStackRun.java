package org.turnout.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.turnout.local.LocalIdentityProvider;

/**
 * One {@code infra/local/run --detach} on free ports with a run directory of its own, so that a stack the
 * developer keeps running on the default ports is left alone; {@link #close} runs {@code infra/local/stop}.
 */
final class LocalStackRun implements AutoCloseable {
    static final Duration RUN_TIMEOUT = Duration.ofSeconds(150);
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);
    private static final String[] PORT_VARIABLES = {"TURNOUT_LOCAL_API_PORT", "TURNOUT_LOCAL_LAMBDA_PORT",
            "TURNOUT_LOCAL_SCHEDULER_PORT", "TURNOUT_LOCAL_DYNAMODB_PORT", "TURNOUT_LOCAL_SES_PORT", "TURNOUT_LOCAL_S3_PORT",
            "TURNOUT_LOCAL_SQS_PORT", "TURNOUT_LOCAL_SECRETS_PORT", "TURNOUT_LOCAL_IDENTITY_PORT"};

    private final Path runDir;
    private final Shell shell;
    private final Map<String, String> endpoints;

    private LocalStackRun(Path runDir, Shell shell, Map<String, String> endpoints) {
        this.runDir = runDir;
        this.shell = shell;
        this.endpoints = endpoints;
    }

    static LocalStackRun start() throws IOException {
        Path runDir = Files.createTempDirectory("turnout-e2e-run-");
        Shell shell = new Shell(repositoryRoot(), environment(runDir));
        LocalStackRun stack = new LocalStackRun(runDir, shell, new LinkedHashMap<>());
        try {
            Shell.Result run = shell.run(RUN_TIMEOUT, "infra/local/run", "--detach");
            assertThat(run.exitCode()).as(run.output()).isZero();
            stack.endpoints.putAll(read(runDir.resolve("endpoints.env")));
            return stack;
        } catch (RuntimeException | AssertionError | IOException e) {
            stack.close(); // nothing is left running when the start fails half-way
            throw e;
        }
    }

    /** A setting of {@code endpoints.env}, e.g. {@code TURNOUT_API_URL}. */
    String endpoint(String name) {
        String value = endpoints.get(name);
        assertThat(value).as(name + " in endpoints.env").isNotNull();
        return value;
    }

    /**
     * A token of the owner of an organisation a test made, signed by the local identity provider's key in the run
     * directory, as Cognito would issue it to a member of {@code org:<organisation>:owner}.
     */
    String ownerToken(String organisation) {
        return token(LocalIdentityProvider.Role.OWNER, organisation);
    }

    /** The same for another role ({@code role@organisation}). */
    String token(LocalIdentityProvider.Role role, String organisation) {
        return LocalIdentityProvider.withKeyIn(runDir, endpoint("TURNOUT_TOKEN_ISSUER"))
                .issue(role.role() + "@" + organisation, role, organisation, Duration.ofMinutes(30));
    }

    @Override
    public void close() throws IOException {
        Shell.Result stop = shell.run(COMMAND_TIMEOUT, "infra/local/stop");
        assertThat(stop.exitCode()).as(stop.output()).isZero();
        try (var files = Files.walk(runDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("template.yaml")) && Files.isExecutable(dir.resolve("infra/local/run"))) {
                return dir;
            }
        }
        return fail("No repository root (template.yaml, infra/local/run) above " + Path.of("").toAbsolutePath());
    }

    /** The overrides infra/local/run reads: free ports for all it serves, and {@code runDir} for its files. */
    static Map<String, String> environment(Path runDir) throws IOException {
        Map<String, String> environment = new LinkedHashMap<>();
        List<Integer> ports = freePorts(PORT_VARIABLES.length);
        for (int i = 0; i < PORT_VARIABLES.length; i++) {
            environment.put(PORT_VARIABLES[i], String.valueOf(ports.get(i)));
        }
        environment.put("TURNOUT_LOCAL_RUN_DIR", runDir.toString());
        return environment;
    }

    private static List<Integer> freePorts(int count) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                sockets.add(new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1")));
            }
            return sockets.stream().map(ServerSocket::getLocalPort).toList();
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }

    private static Map<String, String> read(Path endpointsFile) throws IOException {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String line : Files.readAllLines(endpointsFile, StandardCharsets.UTF_8)) {
            int equals = line.indexOf('=');
            if (!line.startsWith("#") && equals > 0) {
                settings.put(line.substring(0, equals), line.substring(equals + 1));
            }
        }
        return settings;
    }
}
