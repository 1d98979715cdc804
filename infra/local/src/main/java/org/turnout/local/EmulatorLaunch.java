package org.turnout.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * How to run one emulator on a given port: its command, environment, configuration files and the
 * request that tells it is serving.
 */
record EmulatorLaunch(List<String> command, Map<String, String> environment, String probePath, IntPredicate ready) {

    static final String HOST = "127.0.0.1";

    /**
     * The Java emulators are small servers started for every test class: C1 alone starts them about a
     * third faster on two cores, and one serial collector keeps their footprint small.
     */
    private static final List<String> JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    /** Any HTTP answer, even an authentication error, means the server is up. */
    private static final IntPredicate ANY_ANSWER = status -> true;

    /**
     * @param port       where the emulator listens
     * @param publicPort where its authorising front listens: the port that the URLs it hands out (queue URLs) name
     * @param sesMaxSendRate the SES account's {@code MaxSendRate}
     */
    static EmulatorLaunch of(Emulator emulator, RepositoryRoot root, int port, int publicPort, Path workDir, double sesMaxSendRate) {
        return switch (emulator) {
            case DYNAMODB -> dynalite(root, port);
            case SES -> sesV2Local(root, port, sesMaxSendRate);
            case S3 -> s3Proxy(root, port, workDir);
            case SQS -> elasticMq(root, port, publicPort, workDir);
        };
    }

    static URI endpoint(int port) {
        return URI.create("http://" + HOST + ":" + port);
    }

    /** The files that {@code mvn -pl infra/local/emulators package} writes. */
    static Path s3ProxyJar(RepositoryRoot root) {
        return root.infraLocal().resolve("emulators/target/s3proxy.jar");
    }

    static Path elasticMqClasspath(RepositoryRoot root) {
        return root.infraLocal().resolve("emulators/target/elasticmq.classpath");
    }

    private static EmulatorLaunch dynalite(RepositoryRoot root, int port) {
        // in memory; tables become ACTIVE at once so that tests don't sleep (provisioning still waits for ACTIVE)
        return new EmulatorLaunch(
                List.of("node", NodeModules.dynaliteCli(root).toString(), "--host", HOST, "--port", String.valueOf(port),
                        "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0"),
                Map.of(), "/", ANY_ANSWER);
    }

    private static EmulatorLaunch sesV2Local(RepositoryRoot root, int port, double maxSendRate) {
        return new EmulatorLaunch(
                List.of("node", NodeModules.sesCli(root).toString(), "--host", HOST, "--port", String.valueOf(port)),
                // an empty SMTP_TRANSPORT keeps mail in the emulator's store even if the user's shell sets one
                Map.of("AWS_SES_ACCOUNT", SesAccount.json(maxSendRate), "SMTP_TRANSPORT", ""),
                "/health-check", status -> status == 200);
    }

    private static EmulatorLaunch s3Proxy(RepositoryRoot root, int port, Path workDir) {
        Path store = createDirectories(workDir.resolve("s3"));
        Path properties = write(workDir.resolve("s3proxy.properties"), String.join("\n",
                "s3proxy.endpoint=" + endpoint(port),
                // its front authenticates every request, with each function's own credentials
                "s3proxy.authorization=none",
                "jclouds.provider=filesystem",
                "jclouds.identity=" + LocalAwsStack.ACCESS_KEY_ID,
                "jclouds.credential=" + LocalAwsStack.SECRET_ACCESS_KEY,
                "jclouds.filesystem.basedir=" + store,
                ""));
        return new EmulatorLaunch(
                javaCommand("-jar", s3ProxyJar(root).toString(), "--properties", properties.toString()),
                Map.of(), "/", ANY_ANSWER);
    }

    private static EmulatorLaunch elasticMq(RepositoryRoot root, int port, int publicPort, Path workDir) {
        // queue URLs and ARNs carry the front's address, region and account, so they match what the SDK is told
        Path config = write(workDir.resolve("elasticmq.conf"), """
                include classpath("application.conf")
                node-address { protocol = http, host = "%1$s", port = %5$d, context-path = "" }
                rest-sqs { enabled = true, bind-port = %2$d, bind-hostname = "%1$s", sqs-limits = strict }
                aws { region = "%3$s", accountId = "%4$s" }
                """.formatted(HOST, port, LocalAwsStack.REGION, LocalAwsStack.ACCOUNT_ID, publicPort));
        String classpath = read(elasticMqClasspath(root)).strip();
        return new EmulatorLaunch(
                javaCommand("-Dconfig.file=" + config, "-cp", classpath, "org.elasticmq.server.Main"),
                Map.of(), "/?Action=ListQueues", ANY_ANSWER);
    }

    private static List<String> javaCommand(String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        command.addAll(List.of(arguments));
        return command;
    }

    private static Path createDirectories(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path write(Path file, String content) {
        try {
            return Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
