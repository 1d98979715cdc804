package org.turnout.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The npm emulators (dynalite, aws-ses-v2-local) pinned by infra/local/package-lock.json, and the OpenAPI linter
 * the API's tests run (@redocly/cli, a dev dependency). A fresh
 * clone has no node_modules: the first stack to need them runs {@code npm ci}, once, even when
 * several test JVMs start at the same time.
 */
final class NodeModules {

    private static final long NPM_CI_TIMEOUT_MINUTES = 10;

    private NodeModules() {
    }

    static Path dynaliteCli(RepositoryRoot root) {
        return root.infraLocal().resolve("node_modules/dynalite/cli.js");
    }

    static Path sesCli(RepositoryRoot root) {
        return root.infraLocal().resolve("node_modules/aws-ses-v2-local/dist/cli.js");
    }

    static synchronized void ensureInstalled(RepositoryRoot root) {
        if (installed(root)) {
            return;
        }
        Path lockFile = Path.of(System.getProperty("java.io.tmpdir"), "turnout-local-npm-ci.lock");
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = channel.lock()) {
            if (!installed(root)) {
                npmCi(root.infraLocal());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not lock " + lockFile + " to run npm ci", e);
        }
    }

    private static boolean installed(RepositoryRoot root) {
        // the linter too: a node_modules installed before it was pinned gets npm ci again
        return Files.isRegularFile(dynaliteCli(root)) && Files.isRegularFile(sesCli(root))
                && Files.isRegularFile(root.infraLocal().resolve("node_modules/@redocly/cli/bin/cli.js"));
    }

    private static void npmCi(Path dir) throws IOException {
        List<String> command = List.of("npm", "ci", "--no-audit", "--no-fund");
        Path log = Files.createTempFile("turnout-npm-ci", ".log");
        try {
            Process npm = start(command, dir, log);
            if (!npm.waitFor(NPM_CI_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                npm.destroyForcibly();
                throw new IllegalStateException("npm ci in " + dir + " did not finish within "
                        + NPM_CI_TIMEOUT_MINUTES + " minutes");
            }
            if (npm.exitValue() != 0) {
                throw new IllegalStateException("npm ci in " + dir + " failed: "
                        + String.join(" | ", Files.readString(log, StandardCharsets.UTF_8).lines().toList()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running npm ci in " + dir, e);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static Process start(List<String> command, Path dir, Path log) {
        try {
            return new ProcessBuilder(command).directory(dir.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("The local AWS stack needs Node.js 20+ and npm on the PATH to install "
                    + "its emulators (npm ci in " + dir + "): " + e.getMessage(), e);
        }
    }
}
