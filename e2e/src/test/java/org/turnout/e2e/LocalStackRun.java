package org.turnout.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;

import org.turnout.local.DetachedRun;
import org.turnout.local.LocalIdentityProvider;

/**
 * One {@code infra/local/run --detach} on free ports with a run directory of its own, so that a stack the
 * developer keeps running on the default ports is left alone; {@link #close} runs {@code infra/local/stop}.
 */
final class LocalStackRun implements AutoCloseable {
    static final Duration RUN_TIMEOUT = Duration.ofSeconds(150);
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

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
            stack.endpoints.putAll(DetachedRun.endpoints(runDir));
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
        return DetachedRun.environment(runDir);
    }
}
