package org.turnout.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Turnout as a new user meets it: {@code infra/local/run --detach}, then curl and the real AWS CLI with the
 * settings of {@code endpoints.env}, then {@code infra/local/stop}. Each run uses free ports and its own run
 * directory, so that a stack the developer keeps running on the default ports is left alone.
 */
class LocalStackEndToEndTest {

    /** Debian's awscli, which CI installs (.ci/run): the real tool, not a stand-in. */
    private static final Path AWS_CLI = Path.of("/usr/bin/aws");
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(150);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern CONFIRM_LINK = Pattern.compile("https?://\\S+/v1/confirm/[A-Za-z0-9._-]+");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] PORT_VARIABLES = {"TURNOUT_LOCAL_API_PORT", "TURNOUT_LOCAL_DYNAMODB_PORT",
            "TURNOUT_LOCAL_SES_PORT", "TURNOUT_LOCAL_S3_PORT", "TURNOUT_LOCAL_SQS_PORT"};

    private static Path root;

    @BeforeAll
    static void findTheRepository() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("template.yaml")) && Files.isExecutable(dir.resolve("infra/local/run"))) {
                root = dir;
                return;
            }
        }
        fail("No repository root (template.yaml, infra/local/run) above " + Path.of("").toAbsolutePath());
    }

    @Test
    void aNewUserSignsUpConfirmsAndInspectsTheStackWithCurlAndTheAwsCli(@TempDir Path runDir) throws Exception {
        assertThat(AWS_CLI).as("The end-to-end tests drive the local stack with the real AWS CLI: "
                + "install it with `apt-get install awscli` (CI does, in .ci/run)").isExecutable();
        Shell shell = new Shell(root, environment(runDir, freePorts(PORT_VARIABLES.length)));
        Path endpoints = runDir.resolve("endpoints.env");
        Set<Long> started = new HashSet<>();
        try {
            Shell.Result run = shell.run(RUN_TIMEOUT, "infra/local/run", "--detach");
            System.out.println(run.output());
            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(run.output()).contains("Turnout local stack is ready");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(endpoints))).isEqualTo("rw-------");
            Map<String, String> settings = read(endpoints);
            started.addAll(startedProcesses(runDir));
            assertThat(started).as("the runner, 4 emulators and ApiFunction").hasSizeGreaterThanOrEqualTo(6);

            // a visitor signs up with JSON, as a campaign site's script would
            Shell.Result signUp = shell.withEndpoints(endpoints, COMMAND_TIMEOUT, """
                    curl -sS -w '\\n%{http_code}' -X POST "$TURNOUT_API_URL/v1/orgs/demo/signups" \
                      -H 'Content-Type: application/json' \
                      -d '{"email":"e2e.json@example.org","firstName":"Jo","tags":["benevole"],"consentVersion":"2026-10"}'
                    """);
            assertThat(signUp.httpStatus()).as(signUp.output()).isEqualTo(202);

            // the confirmation email is in the SES emulator's mailbox, and its link works
            Shell.Result mailbox = shell.withEndpoints(endpoints, COMMAND_TIMEOUT, "curl -sS \"$TURNOUT_SES_URL/store\"");
            JsonNode email = emailTo("e2e.json@example.org", JSON.readTree(mailbox.output()));
            Matcher link = CONFIRM_LINK.matcher(email.path("body").path("text").asText());
            assertThat(link.find()).as(email.toString()).isTrue();
            assertThat(link.group()).startsWith(settings.get("TURNOUT_API_URL") + "/v1/confirm/");
            Shell.Result confirm = shell.run(COMMAND_TIMEOUT, "curl", "-sS", "-w", "\n%{http_code}", link.group());
            assertThat(confirm.httpStatus()).as(confirm.output()).isEqualTo(200);
            assertThat(confirm.httpBody()).contains("<html");

            // staff see the contact subscribed
            Shell.Result contact = shell.withEndpoints(endpoints, COMMAND_TIMEOUT, """
                    curl -sS -w '\\n%{http_code}' -H "Authorization: Bearer $TURNOUT_ADMIN_TOKEN" \
                      "$TURNOUT_API_URL/v1/admin/orgs/demo/contacts/e2e.json@example.org"
                    """);
            assertThat(contact.httpStatus()).as(contact.output()).isEqualTo(200);
            assertThat(contact.httpBody()).contains("\"status\":\"subscribed\"");

            // the AWS CLI 2.9 of Debian 12 ignores AWS_ENDPOINT_URL_<SERVICE>: the endpoint goes on each command
            Shell.Result scan = shell.withEndpoints(endpoints, COMMAND_TIMEOUT,
                    "/usr/bin/aws dynamodb scan --table-name \"$TURNOUT_TABLE\" --endpoint-url \"$AWS_ENDPOINT_URL_DYNAMODB\" --output json");
            assertThat(scan.exitCode()).as(scan.output()).isZero();
            assertThat(JSON.readTree(scan.output()).path("Items")).anySatisfy(item -> {
                assertThat(item.path("email").path("S").asText()).isEqualTo("e2e.json@example.org");
                assertThat(item.path("status").path("S").asText()).isEqualTo("subscribed");
            });

            Shell.Result s3 = shell.withEndpoints(endpoints, COMMAND_TIMEOUT, """
                    echo 'hello from e2e' | /usr/bin/aws s3 cp - "s3://$TURNOUT_BUCKET/e2e/probe.txt" --endpoint-url "$AWS_ENDPOINT_URL_S3"
                    /usr/bin/aws s3 ls --endpoint-url "$AWS_ENDPOINT_URL_S3"
                    /usr/bin/aws s3 ls "s3://$TURNOUT_BUCKET/e2e/" --endpoint-url "$AWS_ENDPOINT_URL_S3"
                    """);
            assertThat(s3.exitCode()).as(s3.output()).isZero();
            assertThat(s3.output()).contains(settings.get("TURNOUT_BUCKET")).contains("probe.txt");

            Shell.Result sqs = shell.withEndpoints(endpoints, COMMAND_TIMEOUT, """
                    /usr/bin/aws sqs create-queue --queue-name e2e-probe --endpoint-url "$AWS_ENDPOINT_URL_SQS" >/dev/null
                    /usr/bin/aws sqs list-queues --endpoint-url "$AWS_ENDPOINT_URL_SQS" --output json
                    """);
            assertThat(sqs.exitCode()).as(sqs.output()).isZero();
            assertThat(JSON.readTree(sqs.output()).path("QueueUrls").toString()).contains("/e2e-probe");

            // a plain HTML form posts form-encoded; the gateway hands it over in base64, as API Gateway does
            Shell.Result form = shell.withEndpoints(endpoints, COMMAND_TIMEOUT, """
                    curl -sS -w '\\n%{http_code}' "$TURNOUT_API_URL/v1/orgs/demo/signups" \
                      --data-urlencode email=e2e.form@example.org -d firstName=Dominique -d tags=benevole -d consentVersion=2026-10
                    """);
            assertThat(form.httpStatus()).as(form.output()).isEqualTo(202);
            Shell.Result pending = shell.withEndpoints(endpoints, COMMAND_TIMEOUT, """
                    curl -sS -w '\\n%{http_code}' -H "Authorization: Bearer $TURNOUT_ADMIN_TOKEN" \
                      "$TURNOUT_API_URL/v1/admin/orgs/demo/contacts/e2e.form@example.org"
                    """);
            assertThat(pending.httpStatus()).as(pending.output()).isEqualTo(200);
            assertThat(pending.httpBody()).contains("\"status\":\"pending\"");

            // admin routes are closed without a token, by the gateway's JWT authorizer
            Shell.Result anonymous = shell.withEndpoints(endpoints, COMMAND_TIMEOUT,
                    "curl -sS -w '\\n%{http_code}' \"$TURNOUT_API_URL/v1/admin/orgs/demo/contacts/e2e.json@example.org\"");
            assertThat(anonymous.httpStatus()).isEqualTo(401);
            assertThat(anonymous.httpBody()).isEqualTo("{\"message\":\"Unauthorized\"}");

            // a function process that dies is replaced at the next request, as Lambda replaces an execution environment
            ProcessHandle function = functionProcess(runDir);
            function.destroyForcibly();
            function.onExit().get(10, TimeUnit.SECONDS);
            Shell.Result afterCrash = shell.withEndpoints(endpoints, COMMAND_TIMEOUT, """
                    curl -sS -w '\\n%{http_code}' -H "Authorization: Bearer $TURNOUT_ADMIN_TOKEN" \
                      "$TURNOUT_API_URL/v1/admin/orgs/demo/contacts/e2e.json@example.org"
                    """);
            assertThat(afterCrash.httpStatus()).as(afterCrash.output()).isEqualTo(200);
            assertThat(functionProcess(runDir).pid()).isNotEqualTo(function.pid());
            started.addAll(startedProcesses(runDir));
        } finally {
            Shell.Result stop = shell.run(COMMAND_TIMEOUT, "infra/local/stop");
            assertThat(stop.exitCode()).as(stop.output()).isZero();
        }

        assertThat(started).noneMatch(LocalStackEndToEndTest::alive);
        assertThat(processesMentioning(runDir)).isEmpty();
        assertThat(runDir.resolve("pids")).doesNotExist();
        assertThat(endpoints).doesNotExist();
        assertThat(shell.run(COMMAND_TIMEOUT, "infra/local/stop").output())
                .startsWith("The local stack is not running");
    }

    @Test
    void aPortInUseIsNamedInOneLineAndNothingIsLeftRunning(@TempDir Path runDir) throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Map<String, String> environment = environment(runDir, freePorts(PORT_VARIABLES.length));
            environment.put("TURNOUT_LOCAL_API_PORT", String.valueOf(taken.getLocalPort()));

            Shell.Result run = new Shell(root, environment).run(RUN_TIMEOUT, "infra/local/run", "--detach");

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.lines()).containsExactly("Port " + taken.getLocalPort() + " (the HTTP API) is in use: "
                    + "stop what listens there (`ss -ltnp 'sport = :" + taken.getLocalPort() + "'` names it) "
                    + "or choose another port with TURNOUT_LOCAL_API_PORT=<port>");
        }
        assertThat(runDir.resolve("pids")).doesNotExist();
        assertThat(processesMentioning(runDir)).isEmpty();
    }

    /** The overrides infra/local/run reads: these ports and this run directory. */
    private static Map<String, String> environment(Path runDir, List<Integer> ports) {
        Map<String, String> environment = new LinkedHashMap<>();
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

    /** The recorded runner (its process group) and all it started. */
    private static Set<Long> startedProcesses(Path runDir) throws IOException {
        Set<Long> pids = Files.readAllLines(runDir.resolve("pids"), StandardCharsets.UTF_8).stream()
                .map(String::strip).filter(line -> !line.isEmpty()).map(Long::valueOf).collect(Collectors.toSet());
        Set<Long> all = new HashSet<>(pids);
        pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(runner -> runner.descendants().forEach(child -> all.add(child.pid()))));
        return all;
    }

    /** The running ApiFunction process: the runtime interface client's JVM, started from the run directory. */
    private static ProcessHandle functionProcess(Path runDir) {
        return ProcessHandle.allProcesses()
                .filter(process -> process.info().commandLine().orElse("").contains(runDir.toString())
                        && process.info().commandLine().orElse("").contains("runtime.api.client.AWSLambda"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("No ApiFunction process runs from " + runDir));
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static List<String> processesMentioning(Path runDir) {
        return ProcessHandle.allProcesses()
                .filter(process -> process.info().commandLine().orElse("").contains(runDir.toString()))
                .map(process -> process.pid() + " " + process.info().commandLine().orElse(""))
                .toList();
    }

    private static JsonNode emailTo(String address, JsonNode store) {
        return StreamSupport.stream(store.path("emails").spliterator(), false)
                .filter(email -> email.path("destination").path("to").toString().contains(address))
                .findFirst()
                .orElseThrow(() -> new AssertionError("No email to " + address + " in the SES store: " + store));
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
