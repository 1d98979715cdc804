package org.turnout.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
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
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.turnout.local.DetachedRun;
import org.turnout.local.LocalIdentityProvider;
import org.turnout.local.LocalIdentityProvider.Role;

/**
 * Turnout as a new user meets it: {@code infra/local/run --detach}, then curl and the real AWS CLI with the
 * settings of {@code endpoints.env}, then {@code infra/local/stop}. The stack is started once for the class, on
 * free ports and with its own run directory, so that a stack the developer keeps running on the default ports
 * is left alone; stopping it is checked last.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalStackEndToEndTest {

    /** Debian's awscli, which CI installs (.ci/run): the real tool, not a stand-in. */
    private static final Path AWS_CLI = Path.of("/usr/bin/aws");
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(150);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);
    /**
     * How long an import of a few rows may take, from the upload to its job's end, on a loaded 2-core machine where
     * ImportFunction may still be starting (the functions no route invokes start one after the other).
     */
    private static final Duration IMPORT_TIMEOUT = Duration.ofSeconds(90);
    /**
     * The S3 event reaches the function this soon after the upload ends: a bound a loaded machine meets, the
     * function's start included, that a watcher polling rarely or not at all would miss.
     */
    private static final Duration S3_EVENT_DELAY = Duration.ofSeconds(60);
    /** The functions no route invokes start one after the other once the stack is ready. */
    private static final Duration FUNCTIONS_READY_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration MAILING_LEAD = Duration.ofSeconds(8);
    /** Up to four SendFunction processes cold-start at once on the first batches: slow on a busy 2-core machine. */
    private static final Duration MAILING_TIMEOUT = Duration.ofSeconds(120);
    /** From an email to the SES simulator to its event applied, FeedbackFunction's cold start included. */
    private static final Duration FEEDBACK_TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern CONFIRM_LINK = Pattern.compile("https?://\\S+/v1/confirm/[A-Za-z0-9._-]+");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path root;

    private Path runDir;
    private Path endpoints;
    private Shell shell;
    private Map<String, String> settings;
    private final Set<Long> started = new HashSet<>();

    @BeforeAll
    void startTheStackAsANewUserWould() throws IOException {
        root = findTheRepository();
        assertThat(AWS_CLI).as("The end-to-end tests drive the local stack with the real AWS CLI: "
                + "install it with `apt-get install awscli` (CI does, in .ci/run)").isExecutable();
        runDir = Files.createTempDirectory("turnout-e2e-run-");
        endpoints = DetachedRun.endpointsFile(runDir);
        shell = new Shell(root, LocalStackRun.environment(runDir));

        Shell.Result run = shell.run(RUN_TIMEOUT, "infra/local/run", "--detach");
        System.out.println(run.output());
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("Turnout local stack is ready");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(endpoints))).isEqualTo("rw-------");
        settings = DetachedRun.endpoints(runDir);
        assertThat(settings).containsKeys("TURNOUT_API_URL", "TURNOUT_BUCKET", "AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL_LAMBDA");
        started.addAll(startedProcesses(runDir));
        assertThat(started).as("the runner, 4 emulators and ApiFunction").hasSizeGreaterThanOrEqualTo(6);
    }

    @AfterAll
    void stopTheStackAndFindNothingLeft() throws IOException {
        try {
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
        try (var files = Files.walk(runDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Test
    @Order(1)
    void aVisitorSignsUpConfirmsAndStaffInspectTheStackWithCurlAndTheAwsCli() throws Exception {
        // a visitor signs up with JSON, as a campaign site's script would
        Shell.Result signUp = shell.withEndpoints(endpoints, COMMAND_TIMEOUT, """
                curl -sS -w '\\n%{http_code}' -X POST "$TURNOUT_API_URL/v1/orgs/demo/signups" \\
                  -H 'Content-Type: application/json' \\
                  -d '{"email":"e2e.json@example.org","firstName":"Jo","tags":["benevole"],"consentVersion":"2026-10"}'
                """);
        assertThat(signUp.httpStatus()).as(signUp.output()).isEqualTo(202);

        // the confirmation email is in the SES emulator's mailbox, and its link works
        Shell.Result mailbox = shell.withEndpoints(endpoints, COMMAND_TIMEOUT, "curl -sS \"$TURNOUT_SES_URL/store\"");
        JsonNode email = emailTo("e2e.json@example.org", JSON.readTree(mailbox.output()));
        Matcher link = CONFIRM_LINK.matcher(email.path("body").path("text").asText());
        assertThat(link.find()).as(email.toString()).isTrue();
        assertThat(link.group()).startsWith(settings.get("TURNOUT_API_URL") + "/v1/confirm/");
        // following the link (as a mail scanner does) shows a page with a button; the button's POST confirms
        Shell.Result page = shell.run(COMMAND_TIMEOUT, "curl", "-sS", "-w", "\n%{http_code}", link.group());
        assertThat(page.httpStatus()).as(page.output()).isEqualTo(200);
        assertThat(page.httpBody()).contains("<html").contains("<form method=\"post\"");
        Shell.Result confirm = shell.run(COMMAND_TIMEOUT, "curl", "-sS", "-w", "\n%{http_code}", "-X", "POST", link.group());
        assertThat(confirm.httpStatus()).as(confirm.output()).isEqualTo(200);
        assertThat(confirm.httpBody()).contains("<html");
        // the link's token is a secret: the access log shows the route and the path without it
        String token = link.group().substring(link.group().lastIndexOf('/') + 1);
        // the gateway writes its access line once the answer is out: awaited, not read at once
        awaitLog(runDir.resolve("runner.log"), Pattern.compile(Pattern.quote(" POST /v1/confirm/\u2026 ANY /v1/{proxy+} -> 200 ")));
        assertThat(Files.readString(runDir.resolve("runner.log"), StandardCharsets.UTF_8)).doesNotContain(token);

        // staff see the contact subscribed
        Shell.Result contact = shell.withEndpoints(endpoints, COMMAND_TIMEOUT, """
                curl -sS -w '\\n%{http_code}' -H "Authorization: Bearer $TURNOUT_ADMIN_TOKEN" \\
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
                curl -sS -w '\\n%{http_code}' "$TURNOUT_API_URL/v1/orgs/demo/signups" \\
                  --data-urlencode email=e2e.form@example.org -d firstName=Dominique -d tags=benevole -d consentVersion=2026-10
                """);
        assertThat(form.httpStatus()).as(form.output()).isEqualTo(202);
        Shell.Result pending = shell.withEndpoints(endpoints, COMMAND_TIMEOUT, """
                curl -sS -w '\\n%{http_code}' -H "Authorization: Bearer $TURNOUT_ADMIN_TOKEN" \\
                  "$TURNOUT_API_URL/v1/admin/orgs/demo/contacts/e2e.form@example.org"
                """);
        assertThat(pending.httpStatus()).as(pending.output()).isEqualTo(200);
        assertThat(pending.httpBody()).contains("\"status\":\"pending\"");

        // admin routes are closed without a token, by the gateway's JWT authorizer
        Shell.Result anonymous = shell.withEndpoints(endpoints, COMMAND_TIMEOUT,
                "curl -sS -w '\\n%{http_code}' \"$TURNOUT_API_URL/v1/admin/orgs/demo/contacts/e2e.json@example.org\"");
        assertThat(anonymous.httpStatus()).isEqualTo(401);
        assertThat(anonymous.httpBody()).isEqualTo("{\"message\":\"Unauthorized\"}");
    }

    @Test
    @Order(2)
    void staffDropAFrenchSpreadsheetExportInTheBucketAndGetEveryGoodRowInAndEveryBadRowExplained(@TempDir Path work)
            throws Exception {
        // as a spreadsheet in French saves it: Windows-1252, ';', CRLF, a quoted address holding ';' and a line break
        Path file = work.resolve("liste bénévoles.csv");
        Files.writeString(file, String.join("\r\n",
                "Prénom;Nom;Courriel;Adresse;Code postal;Ville;Bureau de vote;Étiquettes",
                "Léa;Dubois;lea.dubois@example.org;\"12 rue des Lilas; bât. B\r\nescalier 2\";75011;Paris;0101;benevole",
                "Chloé;Bernard;chloe.bernard@example.org;5 avenue Parmentier;75011;Paris;0102;quartier-nord",
                "Léa;Dubois;LEA.Dubois@Example.ORG;;;;;donateur",
                "Jean;Martin;;3 place du Marché;75011;Paris;0102;",
                "Zoé;Petit;zoe.petit@@example;;75011;Paris;0101;benevole",
                ""), Charset.forName("windows-1252"));

        Shell.Result upload = shell.withEndpoints(endpoints, COMMAND_TIMEOUT, """
                /usr/bin/aws s3 cp "$1" "s3://$TURNOUT_BUCKET/imports/demo/" --metadata consent-source=signup-sheet-2026 \\
                  --endpoint-url "$AWS_ENDPOINT_URL_S3" --only-show-errors
                date +%s%3N
                """, file.toString());
        assertThat(upload.exitCode()).as(upload.output()).isZero();
        Instant uploaded = Instant.ofEpochMilli(Long.parseLong(upload.lines().get(upload.lines().size() - 1)));

        // the S3 event reached ImportFunction, which made the job, soon after the upload's end
        JsonNode job = awaitNewestImport(newest -> newest.path("file").asText().equals("imports/demo/liste bénévoles.csv")
                && newest.path("status").asText().equals("done"));
        Instant created = Instant.parse(job.path("createdAt").asText());
        assertThat(Duration.between(uploaded, created)).as("from the upload's end to the job's creation; job %s", job)
                .isLessThan(S3_EVENT_DELAY);
        assertThat(job.path("consentSource").asText()).isEqualTo("signup-sheet-2026");
        assertThat(Map.of("rows", job.path("rows").asLong(), "created", job.path("created").asLong(),
                "updated", job.path("updated").asLong(), "duplicates", job.path("duplicates").asLong(),
                "rejected", job.path("rejected").asLong()))
                .as(job.toString())
                .isEqualTo(Map.of("rows", 5L, "created", 2L, "updated", 0L, "duplicates", 1L, "rejected", 2L));

        // Léa, met twice in the file, is one subscribed contact with both rows' tags and the quoted address intact
        Shell.Result lea = shell.withEndpoints(endpoints, COMMAND_TIMEOUT, """
                curl -sS -w '\\n%{http_code}' -H "Authorization: Bearer $TURNOUT_ADMIN_TOKEN" \\
                  "$TURNOUT_API_URL/v1/admin/orgs/demo/contacts/lea.dubois@example.org"
                """);
        assertThat(lea.httpStatus()).as(lea.output()).isEqualTo(200);
        JsonNode contact = JSON.readTree(lea.httpBody());
        assertThat(contact.path("status").asText()).as(contact.toString()).isEqualTo("subscribed");
        assertThat(contact.path("firstName").asText()).isEqualTo("Léa");
        assertThat(contact.path("street").asText()).isEqualTo("12 rue des Lilas; bât. B\nescalier 2");
        assertThat(contact.path("station").asText()).isEqualTo("0101");
        assertThat(StreamSupport.stream(contact.path("tags").spliterator(), false).map(JsonNode::asText).toList())
                .containsExactlyInAnyOrder("benevole", "donateur");

        // the report lists the rejected rows, with their lines and reasons, for the staff to fix
        Shell.Result report = shell.withEndpoints(endpoints, COMMAND_TIMEOUT,
                "/usr/bin/aws s3 cp \"s3://$TURNOUT_BUCKET/$1\" - --endpoint-url \"$AWS_ENDPOINT_URL_S3\"",
                job.path("report").asText());
        assertThat(report.exitCode()).as(report.output()).isZero();
        assertThat(report.lines()).as(report.output()).hasSize(3);
        assertThat(report.lines().get(0)).endsWith("line,reason,outcome,column,value,Prénom,Nom,Courriel,Adresse,Code postal,Ville,Bureau de vote,Étiquettes");
        assertThat(report.lines().get(1)).startsWith("6,missing email,rejected,,,Jean,Martin,,3 place du Marché,");
        assertThat(report.lines().get(2)).startsWith("7,invalid email,rejected,,,Zoé,Petit,zoe.petit@@example,");
    }

    /** The door as staff use it most: a plain copy, no metadata, no options; ImportFunction signs as its own role. */
    @Test
    @Order(3)
    void aPlainAwsS3CpOfAListWithNoOptionsBecomesAJobOfImportedContacts(@TempDir Path work) throws Exception {
        Path file = work.resolve("plain.csv");
        Files.writeString(file, "email,first_name\nplain.cp@example.org,Noa\n", StandardCharsets.UTF_8);

        Shell.Result upload = shell.withEndpoints(endpoints, COMMAND_TIMEOUT, """
                /usr/bin/aws s3 cp "$1" "s3://$TURNOUT_BUCKET/imports/demo/" --endpoint-url "$AWS_ENDPOINT_URL_S3" --only-show-errors
                """, file.toString());
        assertThat(upload.exitCode()).as(upload.output()).isZero();

        JsonNode job = awaitNewestImport(newest -> newest.path("file").asText().equals("imports/demo/plain.csv")
                && newest.path("status").asText().equals("done"));
        assertThat(job.path("created").asLong()).as(job.toString()).isEqualTo(1);
        Shell.Result contact = shell.withEndpoints(endpoints, COMMAND_TIMEOUT, """
                curl -sS -w '\\n%{http_code}' -H "Authorization: Bearer $TURNOUT_ADMIN_TOKEN" \\
                  "$TURNOUT_API_URL/v1/admin/orgs/demo/contacts/plain.cp@example.org"
                """);
        assertThat(contact.httpStatus()).as(contact.output()).isEqualTo(200);
        assertThat(JSON.readTree(contact.httpBody()).path("status").asText()).isEqualTo("imported");
    }

    /** What is not the stack's own key is refused by every local AWS endpoint, each with its service's error. */
    @Test
    @Order(4)
    void unknownCredentialsAreRefusedByEveryLocalAwsEndpoint() {
        Shell.Result refused = shell.withEndpoints(endpoints, COMMAND_TIMEOUT, """
                set +e
                export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE AWS_SECRET_ACCESS_KEY=not-a-key-of-this-stack
                /usr/bin/aws dynamodb list-tables --endpoint-url "$AWS_ENDPOINT_URL_DYNAMODB" 2>&1
                /usr/bin/aws s3 ls "s3://$TURNOUT_BUCKET/" --endpoint-url "$AWS_ENDPOINT_URL_S3" 2>&1
                /usr/bin/aws sqs list-queues --endpoint-url "$AWS_ENDPOINT_URL_SQS" 2>&1
                /usr/bin/aws sesv2 get-account --endpoint-url "$AWS_ENDPOINT_URL_SESV2" 2>&1
                /usr/bin/aws lambda invoke --function-name turnout-local-import --endpoint-url "$AWS_ENDPOINT_URL_LAMBDA" /dev/null 2>&1
                /usr/bin/aws scheduler list-schedules --endpoint-url "$AWS_ENDPOINT_URL_SCHEDULER" 2>&1
                /usr/bin/aws secretsmanager get-secret-value --secret-id turnout-local/ip-hash-pepper \\
                  --endpoint-url "$AWS_ENDPOINT_URL_SECRETS_MANAGER" 2>&1
                true
                """);
        // each service's own code for a key it does not know, as the AWS CLI prints it
        assertThat(refused.output())
                .contains("(UnrecognizedClientException) when calling the ListTables operation")
                .contains("(InvalidAccessKeyId) when calling the ListObjectsV2 operation")
                .contains("(InvalidClientTokenId) when calling the ListQueues operation")
                .contains("(UnrecognizedClientException) when calling the GetAccount operation")
                .contains("(UnrecognizedClientException) when calling the Invoke operation")
                .contains("(UnrecognizedClientException) when calling the ListSchedules operation")
                .contains("(UnrecognizedClientException) when calling the GetSecretValue operation");
        assertThat(refused.output().lines().filter(line -> line.contains("An error occurred")).count())
                .as(refused.output()).isEqualTo(7);
        assertThat(refused.output()).doesNotContain("SecretString");
    }

    @Test
    @Order(6)
    void staffScheduleAMailingToASegmentAndItGoesOutAtThatTimePersonalisedWithUnsubscribeHeaders(@TempDir Path work) throws Exception {
        // two contacts of the import above, Léa (donateur) and Chloé (quartier-nord), and SES's mailbox simulator
        Path simulator = work.resolve("simulateur.csv");
        Files.writeString(simulator, String.join("\n", "Prénom;Courriel;Étiquettes",
                "Succès;success+e2e@simulator.amazonses.com;simulateur",
                "Rebond;bounce+e2e@simulator.amazonses.com;simulateur",
                "Plainte;complaint+e2e@simulator.amazonses.com;simulateur", ""));
        Shell.Result upload = shell.withEndpoints(endpoints, COMMAND_TIMEOUT, """
                /usr/bin/aws s3 cp "$1" "s3://$TURNOUT_BUCKET/imports/demo/" --metadata consent-source=e2e-simulator \\
                  --endpoint-url "$AWS_ENDPOINT_URL_S3" --only-show-errors
                """, simulator.toString());
        assertThat(upload.exitCode()).as(upload.output()).isZero();
        awaitNewestImport(newest -> newest.path("file").asText().equals("imports/demo/simulateur.csv")
                && newest.path("status").asText().equals("done"));
        Shell.Result segment = shell.withEndpoints(endpoints, COMMAND_TIMEOUT, """
                curl -sS -w '\\n%{http_code}' -H "Authorization: Bearer $TURNOUT_ADMIN_TOKEN" -H 'Content-Type: application/json' \\
                  -d '{"name":"Donateurs, quartier nord, simulateur","rule":{"field":"tags","op":"hasAny","values":["donateur","quartier-nord","simulateur"]}}' \\
                  "$TURNOUT_API_URL/v1/admin/orgs/demo/segments"
                """);
        assertThat(segment.httpStatus()).as(segment.output()).isEqualTo(201);
        String segmentId = JSON.readTree(segment.httpBody()).path("id").asText();
        String draft = JSON.writeValueAsString(Map.of(
                "name", "Tractage samedi",
                "from", Map.of("address", settings.getOrDefault("TURNOUT_DEMO_SENDER", "equipe@demo.example.org")),
                "subject", "{first_name ?: 'Bonjour'}, on tracte samedi au bureau {polling_station}",
                "html", "<p>Bonjour {first_name ?: 'à vous'},</p><p><a href=\"{unsubscribe_url}\">Se désinscrire</a></p>",
                "text", "Bonjour {first_name ?: 'à vous'}",
                "segmentId", segmentId));
        Shell.Result created = shell.withEndpoints(endpoints, COMMAND_TIMEOUT, """
                curl -sS -w '\\n%{http_code}' -H "Authorization: Bearer $TURNOUT_ADMIN_TOKEN" -H 'Content-Type: application/json' \\
                  -d "$1" "$TURNOUT_API_URL/v1/admin/orgs/demo/mailings"
                """, draft);
        assertThat(created.httpStatus()).as(created.output()).isEqualTo(201);
        String mailingId = JSON.readTree(created.httpBody()).path("id").asText();

        // in the organisation's time zone (Paris), a few seconds ahead
        Instant sendAt = Instant.now().plusSeconds(MAILING_LEAD.toSeconds()).truncatedTo(ChronoUnit.SECONDS);
        String parisTime = LocalDateTime.ofInstant(sendAt, ZoneId.of("Europe/Paris")).toString();
        Shell.Result scheduled = shell.withEndpoints(endpoints, COMMAND_TIMEOUT, """
                curl -sS -w '\\n%{http_code}' -H "Authorization: Bearer $TURNOUT_ADMIN_TOKEN" -H 'Content-Type: application/json' \\
                  -d "{\\"sendAt\\":\\"$1\\"}" "$TURNOUT_API_URL/v1/admin/orgs/demo/mailings/$2/schedule"
                """, parisTime, mailingId);
        assertThat(scheduled.httpStatus()).as(scheduled.output()).isEqualTo(200);
        assertThat(JSON.readTree(scheduled.httpBody()).path("sendAt").asText()).isEqualTo(sendAt.toString());

        JsonNode mailing = null;
        Instant deadline = sendAt.plus(MAILING_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            Shell.Result read = shell.withEndpoints(endpoints, COMMAND_TIMEOUT, """
                    curl -sS -w '\\n%{http_code}' -H "Authorization: Bearer $TURNOUT_ADMIN_TOKEN" "$TURNOUT_API_URL/v1/admin/orgs/demo/mailings/$1"
                    """, mailingId);
            mailing = JSON.readTree(read.httpBody());
            if (mailing.path("state").asText().equals("sent")) {
                break;
            }
            Thread.sleep(500);
        }
        assertThat(mailing.path("state").asText()).as("the mailing %s; the runner said:%n%s", mailing, eventLines(runDir.resolve("runner.log")))
                .isEqualTo("sent");
        assertThat(mailing.path("counts").path("recipients").asLong()).isEqualTo(5);
        assertThat(mailing.path("counts").path("sent").asLong()).isEqualTo(5);

        Shell.Result store = shell.withEndpoints(endpoints, COMMAND_TIMEOUT, "curl -sS \"$TURNOUT_SES_URL/store\"");
        JsonNode toLea = emailTo("lea.dubois@example.org", JSON.readTree(store.output()));
        assertThat(toLea.path("subject").asText()).isEqualTo("Léa, on tracte samedi au bureau 0101");
        assertThat(Instant.ofEpochSecond(toLea.path("at").asLong())).as("sent at its time, not before").isAfterOrEqualTo(sendAt);
        Map<String, String> headers = new java.util.HashMap<>();
        toLea.path("headers").forEach(h -> headers.put(h.path("name").asText(), h.path("value").asText()));
        assertThat(headers.get("List-Unsubscribe")).matches("<http://localhost:\\d+/v1/unsubscribe/[A-Za-z0-9._-]+>");
        assertThat(headers.get("List-Unsubscribe-Post")).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(emailTo("chloe.bernard@example.org", JSON.readTree(store.output())).path("subject").asText())
                .isEqualTo("Chloé, on tracte samedi au bureau 0102");

        // SES's events come back (the runner plays the mailbox simulator): the bounce and the complaint suppress
        JsonNode stats = null;
        Instant statsDeadline = Instant.now().plus(MAILING_TIMEOUT);
        while (Instant.now().isBefore(statsDeadline)) {
            stats = JSON.readTree(adminGet("/v1/admin/orgs/demo/mailings/" + mailingId + "/stats"));
            if (stats.path("delivered").asLong() >= 2 && stats.path("bounced").asLong() >= 1 && stats.path("complained").asLong() >= 1) {
                break;
            }
            Thread.sleep(500);
        }
        assertThat(stats.path("delivered").asLong()).as("stats %s; the runner said:%n%s", stats, eventLines(runDir.resolve("runner.log")))
                .isEqualTo(2); // success@, and complaint@ which is delivered before its complaint
        assertThat(stats.path("bounced").asLong()).isEqualTo(1);
        assertThat(stats.path("complained").asLong()).isEqualTo(1);
        assertThat(JSON.readTree(adminGet("/v1/admin/orgs/demo/contacts/bounce+e2e@simulator.amazonses.com")).path("status").asText())
                .isEqualTo("bounced");
        assertThat(JSON.readTree(adminGet("/v1/admin/orgs/demo/contacts/complaint+e2e@simulator.amazonses.com")).path("status").asText())
                .isEqualTo("complained");
        assertThat(adminGet("/v1/admin/orgs/demo/suppressions")).contains("bounce+e2e@simulator.amazonses.com", "complaint+e2e@simulator.amazonses.com");

        // Léa follows her List-Unsubscribe link: the page changes nothing, the one-click POST unsubscribes her
        String link = headers.get("List-Unsubscribe").replaceAll("^<|>$", "");
        Shell.Result page = shell.withEndpoints(endpoints, COMMAND_TIMEOUT, "curl -sS -w '\\n%{http_code}' \"$1\"", link);
        assertThat(page.httpStatus()).as(page.output()).isEqualTo(200);
        assertThat(JSON.readTree(adminGet("/v1/admin/orgs/demo/contacts/lea.dubois@example.org")).path("status").asText()).isEqualTo("subscribed");
        Shell.Result oneClick = shell.withEndpoints(endpoints, COMMAND_TIMEOUT,
                "curl -sS -w '\\n%{http_code}' -X POST -d List-Unsubscribe=One-Click \"$1\"", link);
        assertThat(oneClick.httpStatus()).as(oneClick.output()).isEqualTo(200);
        assertThat(JSON.readTree(adminGet("/v1/admin/orgs/demo/contacts/lea.dubois@example.org")).path("status").asText()).isEqualTo("unsubscribed");
        assertThat(JSON.readTree(adminGet("/v1/admin/orgs/demo/mailings/" + mailingId + "/stats")).path("unsubscribed").asLong()).isEqualTo(1);
    }

    @Test
    @Order(7)
    void aFileOutsideAnyOrganisationIsIgnoredWithoutRetriesNorFailures() throws Exception {
        int jobsBefore = imports().size();

        Shell.Result upload = shell.withEndpoints(endpoints, COMMAND_TIMEOUT, """
                printf 'Courriel\\nx@example.org\\n' | /usr/bin/aws s3 cp - "s3://$TURNOUT_BUCKET/imports/unknown-org/liste.csv" \\
                  --endpoint-url "$AWS_ENDPOINT_URL_S3" --only-show-errors
                """);
        assertThat(upload.exitCode()).as(upload.output()).isZero();

        // the runner says where the event went, and what became of it
        Path runnerLog = runDir.resolve("runner.log");
        Pattern delivered = Pattern.compile("\\[S3] ObjectCreated:Put s3://\\S+/imports/unknown-org/liste\\.csv -> ImportFunction \\(request ([0-9a-f-]+)\\)");
        String requestId = awaitLog(runnerLog, delivered).group(1);
        Matcher outcome = awaitLog(runnerLog, Pattern.compile("\\[Lambda] ImportFunction event " + requestId + " (succeeded|failed.*)"));
        assertThat(outcome.group(1)).as("what became of the event, at its first attempt").isEqualTo("succeeded");
        assertThat(imports()).hasSize(jobsBefore);

        Shell.Result failures = shell.withEndpoints(endpoints, COMMAND_TIMEOUT, """
                url="$(/usr/bin/aws sqs get-queue-url --queue-name turnout-local-importfailures --endpoint-url "$AWS_ENDPOINT_URL_SQS" \\
                  --query QueueUrl --output text)"
                /usr/bin/aws sqs get-queue-attributes --queue-url "$url" --attribute-names ApproximateNumberOfMessages \\
                  --endpoint-url "$AWS_ENDPOINT_URL_SQS" --query Attributes.ApproximateNumberOfMessages --output text
                """);
        assertThat(failures.exitCode()).as(failures.output()).isZero();
        assertThat(failures.output().strip()).as("messages in ImportFailures").isEqualTo("0");
    }

    @Test
    @Order(8)
    void theAwsCliInvokesFunctionsThroughTheLocalLambdaApi(@TempDir Path work) throws Exception {
        Shell.Result invoke = shell.withEndpoints(endpoints, COMMAND_TIMEOUT, """
                /usr/bin/aws lambda invoke --function-name turnout-local-import --cli-binary-format raw-in-base64-out \\
                  --payload '{"Records":[]}' --endpoint-url "$AWS_ENDPOINT_URL_LAMBDA" --output json "$1"
                /usr/bin/aws lambda invoke --function-name arn:aws:lambda:eu-west-3:000000000000:function:turnout-local-import \\
                  --invocation-type Event --cli-binary-format raw-in-base64-out --payload '{"Records":[]}' \\
                  --endpoint-url "$AWS_ENDPOINT_URL_LAMBDA" --output json /dev/null
                """, work.resolve("response.json").toString());
        assertThat(invoke.exitCode()).as(invoke.output()).isZero();
        assertThat(invoke.output()).contains("\"StatusCode\": 200").contains("\"ExecutedVersion\": \"$LATEST\"")
                .contains("\"StatusCode\": 202");
        assertThat(Files.readString(work.resolve("response.json"))).isEqualTo("\"\"");

        Shell.Result unknown = shell.withEndpoints(endpoints, COMMAND_TIMEOUT, """
                /usr/bin/aws lambda invoke --function-name turnout-local-nothing --endpoint-url "$AWS_ENDPOINT_URL_LAMBDA" /dev/null
                """);
        assertThat(unknown.exitCode()).isNotZero();
        assertThat(unknown.output()).contains("ResourceNotFoundException");
    }

    @Test
    @Order(9)
    void aFunctionProcessThatDiesIsReplacedAtTheNextRequest() throws Exception {
        // as Lambda replaces an execution environment
        ProcessHandle function = functionProcess(runDir, "ApiFunction");
        function.destroyForcibly();
        function.onExit().get(10, TimeUnit.SECONDS);
        Shell.Result afterCrash = shell.withEndpoints(endpoints, COMMAND_TIMEOUT, """
                curl -sS -w '\\n%{http_code}' -H "Authorization: Bearer $TURNOUT_ADMIN_TOKEN" \\
                  "$TURNOUT_API_URL/v1/admin/orgs/demo/contacts/e2e.json@example.org"
                """);
        assertThat(afterCrash.httpStatus()).as(afterCrash.output()).isEqualTo(200);
        assertThat(functionProcess(runDir, "ApiFunction").pid()).isNotEqualTo(function.pid());
    }

    @Test
    @Order(10)
    void theAwsCliSchedulesAFunctionAndTheLocalSchedulerInvokesItAtItsTime() throws Exception {
        ZoneId paris = ZoneId.of("Europe/Paris");
        LocalDateTime at = LocalDateTime.now(paris).plusSeconds(4).truncatedTo(ChronoUnit.SECONDS);
        Shell.Result create = shell.withEndpoints(endpoints, COMMAND_TIMEOUT, """
                /usr/bin/aws scheduler create-schedule --name e2e-probe --group-name "$TURNOUT_SCHEDULE_GROUP" \\
                  --schedule-expression "at($1)" --schedule-expression-timezone Europe/Paris \\
                  --flexible-time-window Mode=OFF \\
                  --target '{"Arn":"arn:aws:lambda:eu-west-3:000000000000:function:turnout-local-dispatch",
                    "RoleArn":"arn:aws:iam::000000000000:role/turnout-local-schedulerrole","Input":"{\\"org\\":\\"demo\\",\\"mailing\\":\\"e2e-probe\\"}",
                    "RetryPolicy":{"MaximumRetryAttempts":2}}' \\
                  --endpoint-url "$AWS_ENDPOINT_URL_SCHEDULER" --output json
                /usr/bin/aws scheduler get-schedule --name e2e-probe --group-name "$TURNOUT_SCHEDULE_GROUP" \\
                  --endpoint-url "$AWS_ENDPOINT_URL_SCHEDULER" --query Target.Input --output text
                """, DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").format(at));
        assertThat(create.exitCode()).as(create.output()).isZero();
        assertThat(create.output()).contains(":schedule/turnout-local-mailings/e2e-probe").contains("{\"org\":\"demo\",\"mailing\":\"e2e-probe\"}");

        // the Scheduler invokes as the schedule's role, which may start DispatchFunction only (a mailing it does not know: nothing to do)
        Path runnerLog = runDir.resolve("runner.log");
        String requestId = awaitLog(runnerLog, Pattern.compile("\\[Scheduler] fired schedule turnout-local-mailings/e2e-probe "
                + "-> arn:aws:lambda:eu-west-3:000000000000:function:turnout-local-dispatch \\(request ([0-9a-f-]+)\\)")).group(1);
        assertThat(Instant.now()).isAfterOrEqualTo(at.atZone(paris).toInstant());
        awaitLog(runnerLog, Pattern.compile("\\[Lambda] DispatchFunction event " + requestId + " succeeded"));
        // a one-time schedule stays once done (ActionAfterCompletion NONE, which Debian's CLI cannot change): deleted by hand
        Shell.Result delete = shell.withEndpoints(endpoints, COMMAND_TIMEOUT, """
                /usr/bin/aws scheduler delete-schedule --name e2e-probe --group-name "$TURNOUT_SCHEDULE_GROUP" \\
                  --endpoint-url "$AWS_ENDPOINT_URL_SCHEDULER"
                """);
        assertThat(delete.exitCode()).as(delete.output()).isZero();
        Shell.Result gone = shell.withEndpoints(endpoints, COMMAND_TIMEOUT, """
                /usr/bin/aws scheduler get-schedule --name e2e-probe --group-name "$TURNOUT_SCHEDULE_GROUP" \\
                  --endpoint-url "$AWS_ENDPOINT_URL_SCHEDULER"
                """);
        assertThat(gone.exitCode()).isNotZero();
        assertThat(gone.output()).contains("ResourceNotFoundException");
    }

    @Test
    @Order(5)
    void everyFunctionOfTheTemplateStartsWithTheSettingsTheTemplateGivesIt() throws Exception {
        // the workers share one package: each must start with only its own settings
        Path runnerLog = runDir.resolve("runner.log");
        for (String function : List.of("ApiFunction", "ImportFunction", "PrecinctImportFunction", "DispatchFunction",
                "SendFunction", "FeedbackFunction", "LinkKeyRotationFunction")) {
            awaitLog(runnerLog, Pattern.compile(Pattern.quote(function) + " is ready \\(cold start"), FUNCTIONS_READY_TIMEOUT);
        }
        assertThat(Files.readString(runnerLog, StandardCharsets.UTF_8)).doesNotContain("did not start");
    }

    @Test
    @Order(11)
    void aComplaintFromTheSesMailboxSimulatorReachesFeedbackFunctionAndSuppressesTheAddress() throws Exception {
        // the confirmation email goes to SES's complaint simulator; the runner publishes what SES would
        Shell.Result signUp = shell.withEndpoints(endpoints, COMMAND_TIMEOUT, """
                curl -sS -w '\\n%{http_code}' -X POST "$TURNOUT_API_URL/v1/orgs/demo/signups" \\
                  -H 'Content-Type: application/json' \\
                  -d '{"email":"complaint@simulator.amazonses.com","consentVersion":"2026-10"}'
                """);
        assertThat(signUp.httpStatus()).as(signUp.output()).isEqualTo(202);
        Path runnerLog = runDir.resolve("runner.log");
        awaitLog(runnerLog, Pattern.compile("\\[SES] Complaint for message \\S+ to complaint@simulator\\.amazonses\\.com -> FeedbackFunction"));

        Instant deadline = Instant.now().plus(FEEDBACK_TIMEOUT);
        String status = null;
        while (Instant.now().isBefore(deadline) && !"complained".equals(status)) {
            Shell.Result contact = shell.withEndpoints(endpoints, COMMAND_TIMEOUT, """
                    curl -sS -w '\\n%{http_code}' -H "Authorization: Bearer $TURNOUT_ADMIN_TOKEN" \\
                      "$TURNOUT_API_URL/v1/admin/orgs/demo/contacts/complaint@simulator.amazonses.com"
                    """);
            status = JSON.readTree(contact.httpBody()).path("status").asText();
            Thread.sleep(250);
        }
        assertThat(status).as("the contact's status after the complaint; the runner said:%n%s", tail(runnerLog)).isEqualTo("complained");
        Shell.Result suppressions = shell.withEndpoints(endpoints, COMMAND_TIMEOUT, """
                curl -sS -w '\\n%{http_code}' -H "Authorization: Bearer $TURNOUT_ADMIN_TOKEN" \\
                  "$TURNOUT_API_URL/v1/admin/orgs/demo/suppressions"
                """);
        assertThat(suppressions.httpStatus()).as(suppressions.output()).isEqualTo(200);
        assertThat(suppressions.httpBody()).contains("\"email\":\"complaint@simulator.amazonses.com\"", "\"source\":\"complaint\"");
    }

    // ---------------------------------------------------------------- two organisations
    // Nothing of one organisation reaches another. Organisation A is the demo organisation, with the staff token of
    // endpoints.env; each test creates its own organisation B through the operator, so that it depends on no
    // state that the tests above leave.

    @Test
    @Order(20)
    void everyTokenOfOneOrganisationIsForbiddenOnEveryAdminRouteOfAnother(@TempDir Path work) throws Exception {
        String other = newOrganisation("e2e-b-routes");
        String email = "b.person@example.org";
        signUp(other, email);
        String segmentId = JSON.readTree(asOwnerOf(other, "POST", "/v1/admin/orgs/" + other + "/segments",
                "{\"name\":\"B's people\",\"rule\":{\"field\":\"status\",\"op\":\"in\",\"values\":[\"pending\"]}}", 201))
                .path("id").asText();
        List<String> routes = adminRoutesOfAnOrganisation();
        assertThat(routes).as("the admin routes of docs/openapi.yaml").hasSizeGreaterThanOrEqualTo(30)
                .contains("GET /v1/admin/orgs/{org}/contacts/{email}", "DELETE /v1/admin/orgs/{org}/segments/{id}",
                        "POST /v1/admin/orgs/{org}/privacy/erasures", "POST /v1/admin/orgs/{org}/imports");

        // every route of B, with B's own ids where it has some, sample ids elsewhere, and a body where one goes
        List<String> requests = new ArrayList<>();
        for (String route : routes) {
            String request = route.replace("{org}", other).replace("/segments/{id}", "/segments/" + segmentId)
                    .replace("{id}", "01JSAMPLE0000000000000000ID").replace("{email}", email)
                    .replace("{member}", "00000000-0000-4000-8000-000000000000");
            assertThat(request).as("a path parameter this test gives no sample for").doesNotContain("{");
            requests.add(request);
        }
        Path list = work.resolve("requests.txt");
        Files.write(list, requests, StandardCharsets.UTF_8);
        // A's owner, staff member and volunteer, each on every route of B
        Shell.Result sweep = shell.withEndpoints(endpoints, Duration.ofSeconds(300), """
                for role in OWNER ADMIN VOLUNTEER; do
                  token_variable="TURNOUT_${role}_TOKEN"
                  while read -r method path; do
                    body=()
                    if [ "$method" != GET ] && [ "$method" != DELETE ]; then body=(-H 'Content-Type: application/json' -d '{}'); fi
                    status="$(curl -sS -o /dev/null -w '%{http_code}' -X "$method" "${body[@]}" \\
                      -H "Authorization: Bearer ${!token_variable}" "$TURNOUT_API_URL$path")"
                    echo "$status $role $method $path"
                  done < "$1"
                done
                """, list.toString());
        assertThat(sweep.exitCode()).as(sweep.output()).isZero();
        assertThat(sweep.lines()).hasSize(3 * routes.size())
                .allSatisfy(line -> assertThat(line).as("status, role, method and path").startsWith("403 "));

        // B's contact and segment are as they were, and the same token still works in its own organisation
        assertThat(JSON.readTree(asOwnerOf(other, "GET", "/v1/admin/orgs/" + other + "/contacts/" + email, null, 200))
                .path("status").asText()).isEqualTo("pending");
        asOwnerOf(other, "GET", "/v1/admin/orgs/" + other + "/segments/" + segmentId, null, 200);
        adminGet("/v1/admin/orgs/demo");
    }

    @Test
    @Order(21)
    void anUploadUnderOneOrganisationsPrefixNeverCreatesAnythingInAnother(@TempDir Path work) throws Exception {
        String other = newOrganisation("e2e-b-uploads");
        // B knows this person too, from its own sign-up form
        signUp(other, "shared.person@example.org");
        Path file = work.resolve("list-for-a-" + other + ".csv");
        Files.writeString(file, """
                Courriel;Prénom;Étiquettes
                shared.person@example.org;Sam;benevole
                only.in.a@example.org;Alex;benevole
                """, StandardCharsets.UTF_8);

        Shell.Result upload = shell.withEndpoints(endpoints, COMMAND_TIMEOUT, """
                /usr/bin/aws s3 cp "$1" "s3://$TURNOUT_BUCKET/imports/demo/" --endpoint-url "$AWS_ENDPOINT_URL_S3" --only-show-errors
                """, file.toString());
        assertThat(upload.exitCode()).as(upload.output()).isZero();

        // A got the file: both rows are A's contacts now
        JsonNode job = awaitNewestImport(newest -> newest.path("file").asText().equals("imports/demo/" + file.getFileName())
                && newest.path("status").asText().equals("done"));
        assertThat(job.path("created").asLong()).as(job.toString()).isEqualTo(2);
        assertThat(JSON.readTree(adminGet("/v1/admin/orgs/demo/contacts/only.in.a@example.org")).path("firstName").asText())
                .isEqualTo("Alex");

        // B has no import, its contact is as its form made it, and the other person is unknown to it
        assertThat(JSON.readTree(asOwnerOf(other, "GET", "/v1/admin/orgs/" + other + "/imports", null, 200)).path("items")).isEmpty();
        JsonNode shared = JSON.readTree(asOwnerOf(other, "GET", "/v1/admin/orgs/" + other + "/contacts/shared.person@example.org", null, 200));
        assertThat(shared.path("status").asText()).as(shared.toString()).isEqualTo("pending");
        assertThat(shared.path("firstName").asText()).as(shared.toString()).isNotEqualTo("Sam");
        assertThat(shared.path("tags").toString()).as(shared.toString()).doesNotContain("benevole");
        asOwnerOf(other, "GET", "/v1/admin/orgs/" + other + "/contacts/only.in.a@example.org", null, 404);

        // nor anything under B's prefixes of the bucket (imports, reports, elections, addresses)
        Shell.Result objects = shell.withEndpoints(endpoints, COMMAND_TIMEOUT, """
                /usr/bin/aws s3 ls "s3://$TURNOUT_BUCKET/" --recursive --endpoint-url "$AWS_ENDPOINT_URL_S3"
                """);
        assertThat(objects.exitCode()).as(objects.output()).isZero();
        assertThat(objects.output()).contains("imports/demo/" + file.getFileName()).doesNotContain("/" + other + "/");
    }

    @Test
    @Order(22)
    void anElectionFileEventThatKeepsFailingLandsInPrecinctImportFunctionsFailureQueue(@TempDir Path work) throws Exception {
        // the event S3 sends for a results file that was deleted before PrecinctImportFunction could read it
        String key = "elections/demo/deleted-before-read-" + Long.toString(System.nanoTime(), 36) + ".csv";
        Path event = work.resolve("event.json");
        Files.writeString(event, Files.readString(root.resolve("events/s3-put-election.json"), StandardCharsets.UTF_8)
                .replace("${BUCKET}", settings.get("TURNOUT_BUCKET")).replace("${ORG}", "demo").replace("${SIZE}", "42")
                .replace("${ETAG}", "0123456789abcdef0123456789abcdef")
                .replace("elections/demo/pr%C3%A9sidentielle+2022.csv", key), StandardCharsets.UTF_8);

        Shell.Result invoke = shell.withEndpoints(endpoints, COMMAND_TIMEOUT, """
                /usr/bin/aws lambda invoke --function-name turnout-local-precincts --invocation-type Event \\
                  --cli-binary-format raw-in-base64-out --payload "file://$1" --endpoint-url "$AWS_ENDPOINT_URL_LAMBDA" /dev/null
                """, event.toString());
        assertThat(invoke.exitCode()).as(invoke.output()).isZero();

        // after Lambda's two retries, the on-failure record of template.yaml's destination, as Lambda writes it
        JsonNode record = null;
        Instant deadline = Instant.now().plus(FEEDBACK_TIMEOUT);
        while (record == null && Instant.now().isBefore(deadline)) {
            Shell.Result receive = shell.withEndpoints(endpoints, COMMAND_TIMEOUT, """
                    url="$(/usr/bin/aws sqs get-queue-url --queue-name turnout-local-precinctimportfailures \\
                      --endpoint-url "$AWS_ENDPOINT_URL_SQS" --query QueueUrl --output text)"
                    /usr/bin/aws sqs receive-message --queue-url "$url" --max-number-of-messages 10 --wait-time-seconds 5 \\
                      --endpoint-url "$AWS_ENDPOINT_URL_SQS" --output json
                    """);
            assertThat(receive.exitCode()).as(receive.output()).isZero();
            for (JsonNode message : receive.output().isBlank() ? JSON.createArrayNode() : JSON.readTree(receive.output()).path("Messages")) {
                JsonNode body = JSON.readTree(message.path("Body").asText());
                if (body.path("requestPayload").path("Records").path(0).path("s3").path("object").path("key").asText().equals(key)) {
                    record = body;
                }
            }
        }
        assertThat(record).as("the failure record of %s; the runner said:%n%s", key, eventLines(runDir.resolve("runner.log")))
                .isNotNull();
        assertThat(record.path("requestContext").path("condition").asText()).isEqualTo("RetriesExhausted");
        assertThat(record.path("requestContext").path("approximateInvokeCount").asInt()).isEqualTo(3);
        assertThat(record.path("requestContext").path("functionArn").asText())
                .isEqualTo("arn:aws:lambda:eu-west-3:000000000000:function:turnout-local-precincts:$LATEST");
        assertThat(record.path("responseContext").path("functionError").asText()).isEqualTo("Unhandled");
    }

    /** A new organisation, made by the operator, whose id starts with {@code prefix}. */
    private String newOrganisation(String prefix) throws IOException {
        String id = prefix + "-" + Long.toString(System.nanoTime(), 36);
        asOperator("POST", "/v1/admin/orgs", """
                {"id":"%s","name":"Organisation %s","language":"fr","timeZone":"Europe/Paris",
                 "senders":[{"name":"B","address":"equipe@b.example.org"}],"publicSignup":true,"allowedTags":["b-tag"]}"""
                .formatted(id, id), 201);
        return id;
    }

    /** A visitor signs up on the organisation's form (public route): a pending contact. */
    private void signUp(String organisation, String email) throws IOException {
        Shell.Result signUp = shell.withEndpoints(endpoints, COMMAND_TIMEOUT, """
                curl -sS -w '\\n%{http_code}' -X POST "$TURNOUT_API_URL/v1/orgs/$1/signups" -H 'Content-Type: application/json' \\
                  -d "{\\"email\\":\\"$2\\",\\"consentVersion\\":\\"2026-10\\"}"
                """, organisation, email);
        assertThat(signUp.httpStatus()).as(signUp.output()).isEqualTo(202);
    }

    /** A request with the operator token; its body after checking its status. */
    private String asOperator(String method, String path, String body, int expectedStatus) throws IOException {
        return withToken(settings.get("TURNOUT_OPERATOR_TOKEN"), method, path, body, expectedStatus);
    }

    /**
     * A request as the owner of an organisation the test made: the operator cannot read an organisation's people, so
     * the token is the local identity provider's for that organisation's owner, signed with the key in the run
     * directory, as Cognito would issue it to a member of the group {@code org:<organisation>:owner}.
     */
    private String asOwnerOf(String organisation, String method, String path, String body, int expectedStatus) throws IOException {
        String token = LocalIdentityProvider.withKeyIn(runDir, settings.get("TURNOUT_TOKEN_ISSUER"))
                .issue("owner@" + organisation, Role.OWNER, organisation, Duration.ofMinutes(30));
        return withToken(token, method, path, body, expectedStatus);
    }

    private String withToken(String token, String method, String path, String body, int expectedStatus) throws IOException {
        Shell.Result result = shell.withEndpoints(endpoints, COMMAND_TIMEOUT, """
                if [ -n "$3" ]; then body=(-H 'Content-Type: application/json' -d "$3"); else body=(); fi
                curl -sS -w '\\n%{http_code}' -X "$1" "${body[@]}" -H "Authorization: Bearer $4" "$TURNOUT_API_URL$2"
                """, method, path, body == null ? "" : body, token);
        assertThat(result.httpStatus()).as("%s %s: %s", method, path, result.output()).isEqualTo(expectedStatus);
        return result.httpBody();
    }

    /** Every operation of docs/openapi.yaml under {@code /v1/admin/orgs/{org}}, as "METHOD path". */
    private static List<String> adminRoutesOfAnOrganisation() throws IOException {
        JsonNode paths = new ObjectMapper(new YAMLFactory()).readTree(root.resolve("docs/openapi.yaml").toFile()).path("paths");
        List<String> routes = new ArrayList<>();
        paths.fields().forEachRemaining(path -> {
            if (path.getKey().startsWith("/v1/admin/orgs/{org}")) {
                path.getValue().fieldNames().forEachRemaining(method -> {
                    if (Set.of("get", "put", "post", "delete", "patch").contains(method)) {
                        routes.add(method.toUpperCase(java.util.Locale.ROOT) + " " + path.getKey());
                    }
                });
            }
        });
        return routes;
    }

    /** The body of an admin GET as staff of the demo organisation, after checking it answered 200. */
    private String adminGet(String path) throws IOException {
        Shell.Result get = shell.withEndpoints(endpoints, COMMAND_TIMEOUT, """
                curl -sS -w '\\n%{http_code}' -H "Authorization: Bearer $TURNOUT_ADMIN_TOKEN" "$TURNOUT_API_URL$1"
                """, path);
        assertThat(get.httpStatus()).as(get.output()).isEqualTo(200);
        return get.httpBody();
    }

    /** The newest import job of the demo organisation once it matches, within {@link #IMPORT_TIMEOUT}. */
    private JsonNode awaitNewestImport(java.util.function.Predicate<JsonNode> wanted) throws Exception {
        Instant deadline = Instant.now().plus(IMPORT_TIMEOUT);
        JsonNode newest = null;
        while (Instant.now().isBefore(deadline)) {
            List<JsonNode> jobs = imports();
            newest = jobs.isEmpty() ? null : jobs.get(0);
            if (newest != null && (wanted.test(newest) || newest.path("status").asText().equals("failed"))) {
                break;
            }
            Thread.sleep(250);
        }
        if (newest == null || !wanted.test(newest)) {
            fail("The import did not end as expected within %d s; the newest job: %s; what the runner said of S3 events "
                    + "and invocations:%n%s", IMPORT_TIMEOUT.toSeconds(), newest, eventLines(runDir.resolve("runner.log")));
        }
        return newest;
    }

    /** The demo organisation's import jobs, newest first, as staff list them. */
    private List<JsonNode> imports() throws IOException {
        Shell.Result list = shell.withEndpoints(endpoints, COMMAND_TIMEOUT, """
                curl -sS -w '\\n%{http_code}' -H "Authorization: Bearer $TURNOUT_ADMIN_TOKEN" \\
                  "$TURNOUT_API_URL/v1/admin/orgs/demo/imports"
                """);
        assertThat(list.httpStatus()).as(list.output()).isEqualTo(200);
        List<JsonNode> jobs = new ArrayList<>();
        JSON.readTree(list.httpBody()).path("items").forEach(jobs::add);
        return jobs;
    }

    private static Matcher awaitLog(Path log, Pattern line) throws Exception {
        return awaitLog(log, line, IMPORT_TIMEOUT);
    }

    private static Matcher awaitLog(Path log, Pattern line, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            Matcher matcher = line.matcher(Files.readString(log, StandardCharsets.UTF_8));
            if (matcher.find()) {
                return matcher;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("No line matching " + line + " in " + log + " within " + timeout.toSeconds()
                + " s; its last lines:\n" + tail(log));
    }

    /** The runner's last lines about S3 events and asynchronous invocations, without the access log's. */
    private static String eventLines(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                .filter(line -> line.startsWith("[S3]") || line.startsWith("[Lambda]") || line.contains("ImportFunction"))
                .toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }

    private static Path findTheRepository() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("template.yaml")) && Files.isExecutable(dir.resolve("infra/local/run"))) {
                return dir;
            }
        }
        return fail("No repository root (template.yaml, infra/local/run) above " + Path.of("").toAbsolutePath());
    }

    @Test
    @Order(12)
    void theAwsCliRotatesTheLinkKeysThroughTheRotationFunctionAndALinkSentBeforeStillWorks() throws Exception {
        Shell.Result signUp = shell.withEndpoints(endpoints, COMMAND_TIMEOUT, """
                curl -sS -w '\n%{http_code}' -X POST "$TURNOUT_API_URL/v1/orgs/demo/signups" -H 'Content-Type: application/json' \
                  -d '{"email":"e2e.rotation@example.org","firstName":"Ro","consentVersion":"2026-10"}'
                """);
        assertThat(signUp.httpStatus()).as(signUp.output()).isEqualTo(202);
        Shell.Result mailbox = shell.withEndpoints(endpoints, COMMAND_TIMEOUT, "curl -sS \"$TURNOUT_SES_URL/store\"");
        Matcher link = CONFIRM_LINK.matcher(emailTo("e2e.rotation@example.org", JSON.readTree(mailbox.output())).path("body").path("text").asText());
        assertThat(link.find()).isTrue();

        // the functions' environment names the secret, never its value
        String keysName = "turnout-local/link-signing-keys";
        String before = shell.withEndpoints(endpoints, COMMAND_TIMEOUT, "/usr/bin/aws secretsmanager get-secret-value --secret-id "
                + keysName + " --endpoint-url \"$AWS_ENDPOINT_URL_SECRETS_MANAGER\" --output json").output();
        String oldKid = JSON.readTree(JSON.readTree(before).path("SecretString").asText()).path("kid").asText();
        assertThat(Files.readString(runDir.resolve("runner.log"), StandardCharsets.UTF_8))
                .doesNotContain(JSON.readTree(JSON.readTree(before).path("SecretString").asText()).path("secret").asText());

        // RotateSecret runs LinkKeyRotationFunction's four steps through the local Lambda service
        Shell.Result rotate = shell.withEndpoints(endpoints, FUNCTIONS_READY_TIMEOUT, "/usr/bin/aws secretsmanager rotate-secret --secret-id "
                + keysName + " --endpoint-url \"$AWS_ENDPOINT_URL_SECRETS_MANAGER\" --output json");
        assertThat(rotate.exitCode()).as(rotate.output()).isZero();
        JsonNode after = JSON.readTree(JSON.readTree(shell.withEndpoints(endpoints, COMMAND_TIMEOUT,
                "/usr/bin/aws secretsmanager get-secret-value --secret-id " + keysName
                        + " --endpoint-url \"$AWS_ENDPOINT_URL_SECRETS_MANAGER\" --output json").output()).path("SecretString").asText());
        assertThat(after.path("kid").asText()).isNotEqualTo(oldKid);
        assertThat(after.path("previous").findValuesAsText("kid")).contains(oldKid);

        // the confirmation page's button, as the person presses it after the rotation
        Shell.Result confirm = shell.run(COMMAND_TIMEOUT, "curl", "-sS", "-w", "\n%{http_code}", "-X", "POST", link.group());
        assertThat(confirm.httpStatus()).as(confirm.output()).isEqualTo(200);
        Shell.Result contact = shell.withEndpoints(endpoints, COMMAND_TIMEOUT, """
                curl -sS -w '\n%{http_code}' -H "Authorization: Bearer $TURNOUT_ADMIN_TOKEN" \
                  "$TURNOUT_API_URL/v1/admin/orgs/demo/contacts/e2e.rotation@example.org"
                """);
        assertThat(contact.httpBody()).contains("\"status\":\"subscribed\"");
    }

    @Test
    void aPortInUseIsNamedInOneLineAndNothingIsLeftRunning(@TempDir Path runDir) throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Map<String, String> environment = LocalStackRun.environment(runDir);
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

    /** The recorded runner (its process group) and all it started. */
    private static Set<Long> startedProcesses(Path runDir) throws IOException {
        Set<Long> pids = Files.readAllLines(runDir.resolve("pids"), StandardCharsets.UTF_8).stream()
                .map(String::strip).filter(line -> !line.isEmpty()).map(Long::valueOf).collect(Collectors.toSet());
        Set<Long> all = new HashSet<>(pids);
        pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(runner -> runner.descendants().forEach(child -> all.add(child.pid()))));
        return all;
    }

    /** The running process of a function: the runtime interface client's JVM, its task root in the run directory. */
    private static ProcessHandle functionProcess(Path runDir, String logicalId) {
        String taskRoot = runDir.resolve("functions").resolve(logicalId).toString();
        return ProcessHandle.allProcesses()
                .filter(process -> process.info().commandLine().orElse("").contains(taskRoot)
                        && process.info().commandLine().orElse("").contains("runtime.api.client.AWSLambda"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("No " + logicalId + " process runs from " + runDir));
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
}
