package org.turnout.bench.rate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.turnout.aws.AwsClients;
import org.turnout.bench.support.Machine;
import org.turnout.contact.Contact;
import org.turnout.contact.ContactBuilder;
import org.turnout.contact.ContactRepository;
import org.turnout.contact.ContactStatus;
import org.turnout.local.LocalIdentityProvider;
import org.turnout.local.RepositoryRoot;
import org.turnout.store.BatchOperations;
import org.turnout.store.Keys;
import org.turnout.store.TurnoutTable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Rate accuracy on the stack of {@code infra/local/run}: an organisation at {@code rate} emails a second (20), a mailing
 * to {@code recipients} contacts (1,400: 70 s of sending), scheduled through the API, dispatched by DispatchFunction,
 * sent by SendFunction from its package with the template's reserved concurrency (four instances, each taking a
 * quarter of the rate), SES's emulator receiving. A warm-up mailing of another organisation ({@code warmup}
 * recipients, 200: 50 an instance) is sent to completion first, so that the four instances are up. The sends are
 * counted per 10-second window from the send records (SES's answer as the product recorded it, to the
 * millisecond), which judge, and from the emulator's own record (its timestamp of each accepted message, to the
 * second) beside them.
 * The ceiling is the configured rate itself: nothing may exceed it.
 *
 * <p>Run by {@code bench/run-rate}, which starts and stops the stack and passes its run directory
 * ({@code -Drun.dir}); the process's environment is the stack's {@code endpoints.env}.
 */
public final class RateBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    static final double TARGET_ERROR = 0.03;

    private RateBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rate = Integer.getInteger("rate", 20);
        int recipients = Integer.getInteger("recipients", 1_400);
        int warmUpRecipients = Integer.getInteger("warmup", 200);
        int windowSeconds = Integer.getInteger("window", 10);
        Path runDir = Path.of(System.getProperty("run.dir"));
        RepositoryRoot root = RepositoryRoot.locate();
        Path out = Path.of(System.getProperty("out", root.path().resolve("bench/results/rate.md").toString()));
        Stack stack = new Stack(env("TURNOUT_API_URL"), env("TURNOUT_SES_URL"),
                LocalIdentityProvider.withKeyIn(runDir, env("TURNOUT_TOKEN_ISSUER")), env("TURNOUT_OPERATOR_TOKEN"));

        // Lambda's start-up is the cold-start benchmark's measure, not this one's: the SendFunction instances are
        // started by a mailing of another organisation first, and stay up between batches as they do in a mailing.
        Outcome warmUp = sendMailing(stack, "warm", rate, warmUpRecipients);
        long processesWarm = sendFunctionProcesses(runDir);
        Outcome measured = sendMailing(stack, "rate", rate, recipients);
        long processesAfter = sendFunctionProcesses(runDir);

        List<Long> sesSeconds = measured.received().stream().map(e -> e.path("at").asLong()).sorted().toList();
        List<Long> recordMillis = sentAtMillis(measured.org(), measured.mailing());
        String report = report(measured, warmUp, rate, recipients, windowSeconds, sesSeconds, recordMillis, processesWarm, processesAfter);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, report, StandardCharsets.UTF_8);
        System.out.println(report);
        System.out.println("Written to " + out);
        RateWindows windows = RateWindows.of(recordMillis, windowSeconds * 1000L, 1);
        double expected = (double) rate * windowSeconds;
        System.out.println(String.format(Locale.ROOT, "rate: error %.1f%% (target 3%%)", 100 * windows.worstError(expected))
                + (windows.anyAbove(expected) ? " above" : ""));
    }

    /** The local stack's doors the benchmark uses. */
    private record Stack(String api, String sesUrl, LocalIdentityProvider identity, String operator) {
    }

    /** One mailing sent to completion, as the benchmark saw it. */
    private record Outcome(String org, String mailing, int recipients, Instant sendAt, JsonNode view, List<JsonNode> received,
                           double loadBefore, double loadAfter) {
    }

    /**
     * An organisation at {@code rate} emails a second with {@code recipients} contacts, a mailing to all of them
     * scheduled through the API, and the wait until it is {@code sent} and the SES emulator holds its emails.
     */
    private static Outcome sendMailing(Stack stack, String prefix, int rate, int recipients) throws IOException, InterruptedException {
        String api = stack.api();
        String org = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        String sender = "equipe@" + org + ".example.org";
        String owner = stack.identity().issue("owner@" + org, LocalIdentityProvider.Role.OWNER, org, Duration.ofHours(1));

        System.out.printf("Organisation %s at %d emails a second, %d recipients...%n", org, rate, recipients);
        call(api + "/v1/admin/orgs", stack.operator(), "POST", JSON.writeValueAsString(Map.of("id", org, "name", "Campagne " + org,
                "language", "fr", "timeZone", PARIS.getId(), "senders", List.of(Map.of("name", "Équipe", "address", sender)),
                "sendRatePerSecond", rate)), 201);
        JsonNode settings = JSON.readTree(call(api + "/v1/admin/orgs/" + org, owner, "GET", null, 200));
        if (settings.path("sendRatePerSecond").asInt() != rate) {
            throw new IllegalStateException("the organisation's rate is " + settings.path("sendRatePerSecond") + ", not " + rate);
        }
        writeContacts(org, recipients);
        String segment = JSON.readTree(call(api + "/v1/admin/orgs/" + org + "/segments", owner, "POST",
                "{\"name\":\"Sympathisants\",\"rule\":{\"field\":\"tags\",\"op\":\"hasAny\",\"values\":[\"sympathisant\"]}}", 201)).path("id").asText();
        String mailing = JSON.readTree(call(api + "/v1/admin/orgs/" + org + "/mailings", owner, "POST", JSON.writeValueAsString(Map.of(
                "name", "Mesure du débit", "from", Map.of("address", sender),
                "subject", "{first_name ?: 'Bonjour'}, dimanche on vote",
                "html", "<p>Bonjour {first_name ?: 'à vous'},</p><p>Votre bureau&nbsp;: {polling_station}.</p>"
                        + "<p><a href=\"{unsubscribe_url}\">Se désinscrire</a></p>",
                "text", "Bonjour {first_name ?: 'à vous'}\nSe désinscrire : {unsubscribe_url}",
                "segmentId", segment)), 201)).path("id").asText();
        Instant sendAt = Instant.now().plusSeconds(15).truncatedTo(ChronoUnit.SECONDS);
        double loadBefore = Machine.loadAverage();
        call(api + "/v1/admin/orgs/" + org + "/mailings/" + mailing + "/schedule", owner, "POST",
                "{\"sendAt\":\"" + LocalDateTime.ofInstant(sendAt, PARIS) + "\"}", 200);
        System.out.printf("Mailing %s scheduled at %s; waiting for its %d emails...%n", mailing, sendAt, recipients);

        Instant giveUp = sendAt.plusSeconds(60 + 3L * recipients / rate);
        List<JsonNode> received = List.of();
        JsonNode view = null;
        while (Instant.now().isBefore(giveUp)) {
            Thread.sleep(2_000);
            received = emailsFrom(stack.sesUrl(), sender);
            view = JSON.readTree(call(api + "/v1/admin/orgs/" + org + "/mailings/" + mailing, owner, "GET", null, 200));
            if (view.path("state").asText().equals("sent") && received.size() >= recipients) {
                break;
            }
        }
        return new Outcome(org, mailing, recipients, sendAt, view, received, loadBefore, Machine.loadAverage());
    }

    /** The contacts, straight into the table as the product writes them (not measured): subscribed, tagged. */
    private static void writeContacts(String org, int count) {
        AwsClients aws = new AwsClients();
        try {
            TurnoutTable table = new TurnoutTable(aws, env("TURNOUT_TABLE"));
            BatchOperations batches = new BatchOperations(table, 4);
            ContactRepository contacts = new ContactRepository(table, batches);
            List<WriteRequest> chunk = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Contact contact = ContactBuilder.builder()
                        .orgId(org)
                        .contactId(String.format("%032x", 0xbe4c40000L + i))
                        .email("personne" + i + "@" + org + ".example.org")
                        .firstName(i % 10 == 0 ? null : "Camille")
                        .station(String.format("%04d", 1 + i % 40))
                        .status(ContactStatus.SUBSCRIBED.code())
                        .tags(new ArrayList<>(List.of("sympathisant")))
                        .createdAt(Instant.now())
                        .build();
                chunk.add(contacts.putRequest(contact));
                if (chunk.size() == 500 || i == count - 1) {
                    batches.writeAll(List.copyOf(chunk));
                    chunk.clear();
                }
            }
        } finally {
            aws.close();
        }
    }

    /** From each claim to SES's answer recorded on it, in milliseconds: the claim's write and the SendEmail call. */
    static final List<Long> CLAIM_TO_SENT = new ArrayList<>();

    /** When SES's answer was recorded on each send record of the mailing, in epoch milliseconds. */
    private static List<Long> sentAtMillis(String org, String mailing) {
        List<Long> times = new ArrayList<>();
        AwsClients aws = new AwsClients();
        try {
            Map<String, AttributeValue> start = null;
            do {
                QueryResponse page = aws.dynamoDb().query(QueryRequest.builder().tableName(env("TURNOUT_TABLE"))
                        .keyConditionExpression("PK = :pk")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Keys.sendRecords(org, mailing))))
                        .exclusiveStartKey(start).build());
                page.items().stream().filter(item -> item.containsKey("sentAt")).forEach(item -> {
                    long sent = Instant.parse(item.get("sentAt").s()).toEpochMilli();
                    times.add(sent);
                    if (item.containsKey("claimedAt")) {
                        CLAIM_TO_SENT.add(sent - Long.parseLong(item.get("claimedAt").n()));
                    }
                });
                start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            } while (start != null);
        } finally {
            aws.close();
        }
        times.sort(Long::compare);
        return times;
    }

    private static List<JsonNode> emailsFrom(String sesUrl, String sender) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(sesUrl + "/store")).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        List<JsonNode> mine = new ArrayList<>();
        JSON.readTree(response.body()).path("emails").forEach(email -> {
            if (email.path("from").asText().contains(sender)) {
                mine.add(email);
            }
        });
        return mine;
    }

    /** The SendFunction processes the local Lambda started: its execution environments. */
    private static long sendFunctionProcesses(Path runDir) {
        try (var files = Files.walk(runDir.resolve("logs"))) {
            return files.filter(f -> f.getFileName().toString().contains("SendFunction")).flatMap(f -> {
                try {
                    return Files.readAllLines(f).stream();
                } catch (IOException e) {
                    return java.util.stream.Stream.empty();
                }
            }).filter(line -> line.contains("[local] process ") && line.contains(" started")).count();
        } catch (IOException e) {
            return -1;
        }
    }

    private static String call(String url, String token, String method, String body, int expected) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static String env(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set: run this through bench/run-rate, which loads the stack's endpoints.env");
        }
        return value;
    }

    private static String report(Outcome measured, Outcome warmUp, int rate, int recipients, int windowSeconds,
                                 List<Long> sesSeconds, List<Long> recordMillis, long processesWarm, long processesAfter) {
        double expected = (double) rate * windowSeconds;
        RateWindows ses = RateWindows.of(sesSeconds, windowSeconds, 1);
        RateWindows records = RateWindows.of(recordMillis, windowSeconds * 1000L, 1);
        JsonNode view = measured.view();
        StringBuilder md = new StringBuilder();
        md.append("# Rate accuracy: four SendFunction instances sharing an organisation's ").append(rate).append(" emails a second\n\n");
        md.append(String.format(Locale.ROOT, "Measured on %s by `bench/run-rate`; load average %.1f when the mailing was scheduled, %.1f at the end.%n",
                DateTimeFormatter.ISO_LOCAL_DATE.format(measured.sendAt().atOffset(ZoneOffset.UTC)), measured.loadBefore(), measured.loadAfter()));
        md.append("Machine: ").append(Machine.current().description()).append(".\n");
        md.append(String.format(Locale.ROOT, "The stack of `infra/local/run`: DispatchFunction and SendFunction from their package, SendFunction with "
                + "template.yaml's reserved concurrency and event source `MaximumConcurrency` (4), "
                + "the SES emulator with its MaxSendRate raised above the organisation's rate (`TURNOUT_LOCAL_SES_MAX_SEND_RATE`), "
                + "so that the organisation's %d a second is the rate that binds. The ceiling is that configured rate itself: "
                + "%,.0f sends in every full %d-second window, never more.%n%n", rate, expected, windowSeconds));
        md.append(String.format(Locale.ROOT, "Warm-up: organisation `%s`, %,d recipients at the same rate, sent to completion first (`%s`, %,d received "
                        + "by the SES emulator), so that the measured mailing times the limiter, not Lambda's start-up (the cold-start "
                        + "benchmark's measure; in a mailing, SendFunction instances stay up between batches). SendFunction processes "
                        + "started: %d by the end of the warm-up, %d by the end of the measured mailing%s.%n%n",
                warmUp.org(), warmUp.recipients(),
                warmUp.view() == null ? "?" : warmUp.view().path("state").asText(), warmUp.received().size(), processesWarm, processesAfter,
                processesAfter == processesWarm ? " (none started during it: the warm instances served it)" : " (**some started during it**)"));
        md.append(String.format(Locale.ROOT, "Organisation `%s`, %,d recipients; the mailing ended `%s` with counts %s.%n",
                measured.org(), recipients, view == null ? "?" : view.path("state").asText(), view == null ? "?" : view.path("counts").toString()));
        md.append(String.format(Locale.ROOT, "Send records with SES's answer: %,d; received by the SES emulator: %,d.%n%n",
                recordMillis.size(), sesSeconds.size()));
        md.append(String.format(Locale.ROOT, "| window | from the start of sending | send records (SES's answer, to the millisecond) | error | SES emulator (its timestamps, to the second) | error |%n"));
        md.append("|---:|---|---:|---:|---:|---:|\n");
        int windows = Math.max(ses.counts().size(), records.counts().size());
        for (int i = 0; i < windows; i++) {
            md.append(String.format(Locale.ROOT, "| %d | %d–%d s | %s | %s | %s | %s |%n", i + 1, 1 + i * windowSeconds, 1 + (i + 1) * windowSeconds,
                    i < records.counts().size() ? records.counts().get(i).toString() : "",
                    i < records.counts().size() ? percent(records.errors(expected).get(i)) : "",
                    i < ses.counts().size() ? ses.counts().get(i).toString() : "", i < ses.counts().size() ? percent(ses.errors(expected).get(i)) : ""));
        }
        md.append('\n');
        md.append("The send records judge: their times are SES's answers as the product recorded them, to the millisecond. "
                + "The SES emulator's column is a cross-check: it stamps a message with the whole second it received it, so its "
                + "windows begin on whole seconds while the records' begin a millisecond after the first answer, and a send in "
                + "the last fraction of a second of one window can be stamped into the next (a window of 201 beside one of 199).\n\n");
        md.append("Sends per second (SES emulator), from the first: ")
                .append(perSecond(sesSeconds).values().stream().map(String::valueOf).collect(Collectors.joining(" "))).append(".\n\n");
        if (!sesSeconds.isEmpty()) {
            long span = sesSeconds.get(sesSeconds.size() - 1) - sesSeconds.get(0);
            md.append(String.format(Locale.ROOT, "Overall: %,d emails from the first second to the last (%d s): %.2f a second.%n",
                    sesSeconds.size(), span, span == 0 ? 0 : (sesSeconds.size() - 1) / (double) span));
        }
        if (!CLAIM_TO_SENT.isEmpty()) {
            List<Long> sorted = CLAIM_TO_SENT.stream().sorted().toList();
            md.append(String.format(Locale.ROOT, "From a claim to SES's answer recorded on it (the claim's write, the SendEmail call): "
                    + "median %d ms, 90th percentile %d ms, most %d ms.%n", sorted.get(sorted.size() / 2),
                    sorted.get(sorted.size() * 9 / 10), sorted.get(sorted.size() - 1)));
        }
        md.append(String.format(Locale.ROOT, "%nWorst window: **%.1f %%** from the send records (%.1f %% from the SES emulator's whole seconds); "
                        + "above the rate in the send records: %s%s. Target: within %.0f %% in every full window, never above: **%s**.%n",
                100 * records.worstError(expected), 100 * ses.worstError(expected),
                records.anyAbove(expected) ? "**yes**" : "no",
                ses.anyAbove(expected) ? " (the SES emulator's seconds show a window above, see the sentence under the table)" : "",
                100 * TARGET_ERROR,
                records.counts().isEmpty() || records.worstError(expected) > TARGET_ERROR || records.anyAbove(expected) ? "not met" : "met"));
        return md.toString();
    }

    private static Map<Long, Integer> perSecond(List<Long> seconds) {
        Map<Long, Integer> counts = new TreeMap<>();
        if (seconds.isEmpty()) {
            return counts;
        }
        for (long s = seconds.get(0); s <= seconds.get(seconds.size() - 1); s++) {
            counts.put(s, 0);
        }
        seconds.forEach(s -> counts.merge(s, 1, Integer::sum));
        return new LinkedHashMap<>(counts);
    }

    private static String percent(double error) {
        return String.format(Locale.ROOT, "%+.1f %%", 100 * error);
    }
}
