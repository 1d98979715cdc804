package org.turnout.bench.send;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;

import org.turnout.aws.AwsClients;
import org.turnout.bench.support.Directories;
import org.turnout.bench.support.Machine;
import org.turnout.bench.support.Results;
import org.turnout.contact.ConsentRecordBuilder;
import org.turnout.contact.Contact;
import org.turnout.contact.ContactBuilder;
import org.turnout.contact.ContactIds;
import org.turnout.contact.ContactRepository;
import org.turnout.contact.ContactStatus;
import org.turnout.contact.EmailAddress;
import org.turnout.feedback.SesTags;
import org.turnout.local.CloudFormationTemplate;
import org.turnout.local.LocalIdentityProvider;
import org.turnout.local.Provisioned;
import org.turnout.local.RepositoryRoot;
import org.turnout.mailing.Mailing;
import org.turnout.mailing.MailingRepository;
import org.turnout.organisation.Organisation;
import org.turnout.organisation.OrganisationRepository;
import org.turnout.store.BatchOperations;
import org.turnout.store.TurnoutTable;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.Body;
import software.amazon.awssdk.services.sesv2.model.Content;
import software.amazon.awssdk.services.sesv2.model.Destination;
import software.amazon.awssdk.services.sesv2.model.EmailContent;
import software.amazon.awssdk.services.sesv2.model.Message;
import software.amazon.awssdk.services.sesv2.model.MessageHeader;
import software.amazon.awssdk.services.sesv2.model.MessageTag;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;

/**
 * The end-to-end send benchmark. One local stack ({@code infra/local/run --detach}: the packaged functions on the
 * local Lambda, the send queue on ElasticMQ, the SES emulator), the SES account's {@code MaxSendRate} and the
 * organisation's rate raised far above what the machine can send, so that neither limits; {@code recipients}
 * contacts written straight to DynamoDB, a segment of all of them. Then, after a warm-up of both sides:
 * <ol>
 *   <li><b>end to end</b>: a mailing to the segment created and scheduled through the API; from the moment it is
 *       due, the local Scheduler invokes DispatchFunction, which enqueues the recipients, and SendFunction's
 *       instances claim, render and send each one through SES; the time runs until the mailing has sent them all;
 *   <li><b>raw</b>: SES {@code SendEmail} alone, the same number of messages of the same size and shape, with as
 *       many calls in flight as SendFunction can have (instances × calls per instance, from template.yaml);
 * </ol>
 * alternated over {@code rounds} rounds (the raw loop first in odd rounds). The functions count their AWS calls
 * ({@code TURNOUT_CALL_COUNT_DIR}), which give the calls per email and the cost per million; {@code jstat} gives
 * their JVMs' collections, the MXBeans this JVM's.
 *
 * <ul>
 *   <li>{@code -Drecipients=20000}: the mailing's size (the committed results are for 20,000; another size writes
 *       its report to bench/send/target/run/send.md);
 *   <li>{@code -Drounds=3};
 *   <li>{@code -Dwarm=1000}: the recipients of the warm-up mailing and raw loop;
 *   <li>{@code -DcallsPerInstance=}: SendEmail calls in flight per SendFunction instance, instead of template.yaml's.
 * </ul>
 */
public final class SendBenchmark {

    static final int DEFAULT_RECIPIENTS = 20_000;
    static final int DEFAULT_ROUNDS = 3;
    static final double RATE_TARGET = 0.8;
    /** Far above what this machine sends: neither the account's nor the organisation's rate may be the limit. */
    static final int RAISED_RATE = 100_000;
    static final String ORG = "bench-send";
    static final String SENDER = "equipe@bench-send.example.org";
    static final ZoneId TIME_ZONE = ZoneId.of("Europe/Paris");
    /** From the schedule's creation to the time it is due: the API call and the Scheduler's own. */
    static final Duration LEAD = Duration.ofSeconds(5);
    /** A mailing that sends nothing for this long is stuck; a slow one on a loaded machine is not. */
    static final Duration STALL_TIMEOUT = Duration.ofMinutes(10);
    static final Duration POLL = Duration.ofMillis(200);
    /** SendFunction's memory in template.yaml's Globals, in GB: what Lambda bills a second of it. */
    static final double FUNCTION_GB = 1.0;
    /** SendFunction's SQS batch size in template.yaml. */
    static final int BATCH_SIZE = 10;
    static final String SEND_FUNCTION = "sendfunction";
    static final String DISPATCH_FUNCTION = "dispatch";

    private final StackRun stack;
    private final Api api;
    private final String ownerToken;
    private final AwsClients aws;
    private final MailingRepository mailings;
    private final SesV2Client ses;
    private final FunctionProcesses processes;
    private final String configurationSet;
    private final String unsubscribeBase;
    private final List<Recipient> recipients = new ArrayList<>();

    /** What a raw message is made of: the same person as the mailing's. */
    record Recipient(String email, String contactId, String firstName, String station) {
    }

    private SendBenchmark(StackRun stack, Path callsDir) {
        this.stack = stack;
        this.api = new Api(stack.endpoint("TURNOUT_API_URL"));
        this.ownerToken = LocalIdentityProvider.withKeyIn(stack.runDir(), stack.endpoint("TURNOUT_TOKEN_ISSUER"))
                .issue("owner@" + ORG, LocalIdentityProvider.Role.OWNER, ORG, Duration.ofDays(1));
        this.aws = new AwsClients();
        TurnoutTable table = new TurnoutTable(aws, stack.endpoint("TURNOUT_TABLE"));
        this.mailings = new MailingRepository(table);
        // the ceiling's client: the SDK's defaults as the product's mailing client has them (Apache, no retries)
        this.ses = aws.sesForMailings();
        this.processes = new FunctionProcesses(callsDir);
        this.configurationSet = Provisioned.STACK_NAME + "-configurationset";
        this.unsubscribeBase = stack.endpoint("TURNOUT_API_URL") + "/v1/unsubscribe/";
    }

    public static void main(String[] args) throws Exception {
        long began = System.nanoTime();
        System.setProperty("slf4j.internal.verbosity", "ERROR");
        int size = Integer.getInteger("recipients", DEFAULT_RECIPIENTS);
        int rounds = Integer.getInteger("rounds", DEFAULT_ROUNDS);
        int warm = Integer.getInteger("warm", Math.max(1, Math.min(1000, size / 10)));
        RepositoryRoot root = RepositoryRoot.locate();
        Path workDir = root.path().resolve("bench/send/target/run");
        Directories.deleteRecursively(workDir);
        Path callsDir = Files.createDirectories(workDir.resolve("calls"));
        SendConcurrency concurrency = SendConcurrency.fromTemplate(CloudFormationTemplate.load(root.template()),
                Optional.ofNullable(Integer.getInteger("callsPerInstance")));
        System.out.printf(Locale.ROOT, "SendFunction: %d instances x %d SendEmail calls in flight (%s): the raw loop gets %d%n",
                concurrency.instances(), concurrency.callsPerInstance(), concurrency.callsSource(), concurrency.calls());

        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("TURNOUT_LOCAL_SES_MAX_SEND_RATE", Integer.toString(RAISED_RATE));
        settings.put("TURNOUT_LOCAL_FUNCTION_ENV_TURNOUT_CALL_COUNT_DIR", callsDir.toString());
        System.out.println("Starting the local stack (infra/local/run --detach, building what is stale)...");
        SendReport report;
        try (StackRun stack = StackRun.start(root.path(), workDir.resolve("stack"), settings, workDir.resolve("logs/stack.log"))) {
            sdkSettings(stack).forEach(System::setProperty);
            SendBenchmark benchmark = new SendBenchmark(stack, callsDir);
            try {
                Segments segments = benchmark.setUp(size, warm);
                System.out.printf(Locale.ROOT, "Warming up: a mailing to %,d and a raw loop of %,d...%n", warm, warm);
                benchmark.endToEnd(segments.warm(), warm, "warm-up");
                benchmark.raw(warm, concurrency.calls());
                List<SendReport.Round> measured = new ArrayList<>();
                for (int round = 1; round <= rounds; round++) {
                    SendReport.Phase raw;
                    SendReport.Phase endToEnd;
                    if (round % 2 == 1) {
                        raw = benchmark.raw(size, concurrency.calls());
                        endToEnd = benchmark.endToEnd(segments.all(), size, "round " + round);
                    } else {
                        endToEnd = benchmark.endToEnd(segments.all(), size, "round " + round);
                        raw = benchmark.raw(size, concurrency.calls());
                    }
                    measured.add(new SendReport.Round(round, round % 2 == 1 ? "raw" : "end to end", raw, endToEnd));
                    System.out.printf(Locale.ROOT, "Round %d: end to end / raw = %.3f%n", round, endToEnd.rate() / raw.rate());
                    if (round < rounds) {
                        // what is measured so far is kept, should a long run be stopped before its end
                        write(new SendReport(LocalDate.now(), Machine.current(), size, warm, concurrency, RAISED_RATE,
                                Duration.ofNanos(System.nanoTime() - began), measured, rounds), root, workDir, size, rounds);
                    }
                }
                report = new SendReport(LocalDate.now(), Machine.current(), size, warm, concurrency, RAISED_RATE,
                        Duration.ofNanos(System.nanoTime() - began), measured, rounds);
            } finally {
                benchmark.aws.close();
            }
        }
        Path results = write(report, root, workDir, size, rounds);
        boolean real = results.startsWith(root.path().resolve("bench/results"));
        System.out.println();
        System.out.println(report.markdown());
        System.out.println("Written to " + root.path().relativize(results)
                + (real ? "" : " (not bench/results/send.md: not the size and rounds the committed results are for)")
                + "; the stack's logs are in " + root.path().relativize(workDir.resolve("stack/logs")));
        System.out.println(report.summaryLine());
    }

    /** bench/results/send.md for the committed size and rounds, else bench/send/target/run/send.md. */
    private static Path write(SendReport report, RepositoryRoot root, Path workDir, int size, int rounds) throws IOException {
        return Results.write(root.path(), workDir, "send.md", report.markdown(), size == DEFAULT_RECIPIENTS && rounds == DEFAULT_ROUNDS);
    }

    /** The two segments: every contact, and the first few for the warm-up. */
    record Segments(String all, String warm) {
    }

    /** The organisation through the API, its rate raised in the table, the contacts written straight to it, the segments. */
    private Segments setUp(int size, int warm) throws IOException, InterruptedException {
        System.out.println("Creating organisation " + ORG + " and raising its rate to " + RAISED_RATE + " a second...");
        api.post("/v1/admin/orgs", stack.endpoint("TURNOUT_OPERATOR_TOKEN"), Map.of("id", ORG, "name", MailingTemplate.ORGANISATION,
                "language", "fr", "timeZone", TIME_ZONE.getId(), "senders", List.of(Map.of("name", "Équipe de campagne", "address", SENDER)),
                "allowedTags", List.of("bench", "warm")), 201);
        TurnoutTable table = new TurnoutTable(aws, stack.endpoint("TURNOUT_TABLE"));
        OrganisationRepository organisations = new OrganisationRepository(table);
        // the API caps an organisation's rate (OrganisationService.MAX_SEND_RATE); the benchmark needs it out of the way
        Organisation organisation = organisations.find(ORG).orElseThrow();
        organisations.update(organisation.with().sendRatePerSecond(RAISED_RATE).build());

        System.out.printf(Locale.ROOT, "Writing %,d contacts to DynamoDB...%n", size);
        BatchOperations batches = new BatchOperations(table, 8);
        ContactRepository contacts = new ContactRepository(table, batches);
        ContactIds ids = new ContactIds("send-benchmark-contact-id-key-0123456789");
        Instant now = Instant.now();
        List<WriteRequest> chunk = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            Contact contact = contact(ids, i, i < warm, now);
            recipients.add(new Recipient(contact.email(), contact.contactId(), contact.firstName(), contact.station()));
            chunk.add(contacts.putRequest(contact));
            if (chunk.size() == 1000 || i == size - 1) {
                batches.writeAll(chunk);
                chunk.clear();
            }
        }
        String all = api.post("/v1/admin/orgs/" + ORG + "/segments", ownerToken, Map.of("name", "Tout le monde",
                "rule", Map.of("field", "tags", "op", "hasAny", "values", List.of("bench"))), 201).path("id").asText();
        String first = api.post("/v1/admin/orgs/" + ORG + "/segments", ownerToken, Map.of("name", "Échauffement",
                "rule", Map.of("field", "tags", "op", "hasAny", "values", List.of("warm"))), 201).path("id").asText();
        return new Segments(all, first);
    }

    private static final List<String> FIRST_NAMES = List.of("Camille", "Léa", "Hugo", "Inès", "Lucas", "Chloé", "Nathan",
            "Manon", "Yanis", "Sarah", "Louis", "Fatou", "Jules", "Amina", "Théo", "Zoé", "Karim", "Emma", "Malik", "Jeanne");
    private static final List<String> LAST_NAMES = List.of("Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard",
            "Petit", "Durand", "Leroy", "Moreau", "Simon", "Laurent", "Lefebvre", "Michel", "Garcia", "N'Diaye", "Benali");

    /** The {@code index}th person: subscribed with a confirmed consent, a first name, a polling station. */
    private static Contact contact(ContactIds ids, int index, boolean warm, Instant now) {
        SplittableRandom random = new SplittableRandom(2026L * 0x9E3779B97F4A7C15L + index);
        String first = FIRST_NAMES.get(random.nextInt(FIRST_NAMES.size()));
        String last = LAST_NAMES.get(random.nextInt(LAST_NAMES.size()));
        EmailAddress email = EmailAddress.parse(ascii(first) + "." + ascii(last) + "." + index + "@bench-send.example.org").orElseThrow();
        return ContactBuilder.builder()
                .orgId(ORG)
                .contactId(ids.forEmail(email))
                .email(email.value())
                .firstName(first)
                .lastName(last)
                .status(ContactStatus.SUBSCRIBED.code())
                .station(String.format(Locale.ROOT, "%04d", 1 + random.nextInt(40)))
                .tags(warm ? List.of("bench", "warm") : List.of("bench"))
                .createdAt(now)
                .updatedAt(now)
                .consent(ConsentRecordBuilder.builder()
                        .source("signup-form")
                        .textVersion("2026-01")
                        .requestedAt(now.minusSeconds(120))
                        .confirmedAt(now.minusSeconds(60))
                        .build())
                .build();
    }

    private static String ascii(String name) {
        return java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .replaceAll("[^A-Za-z]", "").toLowerCase(Locale.ROOT);
    }

    /** A mailing to the segment, scheduled through the API, timed from when it is due until all are sent. */
    private SendReport.Phase endToEnd(String segmentId, int expected, String label) throws IOException, InterruptedException {
        String mailingId = api.post("/v1/admin/orgs/" + ORG + "/mailings", ownerToken, Map.of("name", "Réunion publique " + label,
                "from", Map.of("name", "Équipe de campagne", "address", SENDER), "subject", MailingTemplate.SUBJECT,
                "html", MailingTemplate.HTML, "text", MailingTemplate.TEXT, "segmentId", segmentId), 201).path("id").asText();
        List<FunctionProcesses.Process> before = processes.settledCalls();
        Map<Long, FunctionProcesses.Gc> gcBefore = gc(before);
        double cpuBefore = cpuSeconds(before);
        SendInvocations invocationsBefore = SendInvocations.in(runnerLog());
        double loadBefore = Machine.loadAverage();
        Instant sendAt = Instant.now().plus(LEAD).truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        api.post("/v1/admin/orgs/" + ORG + "/mailings/" + mailingId + "/schedule", ownerToken,
                Map.of("sendAt", LocalDateTime.ofInstant(sendAt, TIME_ZONE).toString()), 200);
        System.out.printf(Locale.ROOT, "End to end (%s): a mailing to %,d, due at %s...%n", label, expected, sendAt);

        Instant deadline = sendAt.plus(STALL_TIMEOUT);
        long progress = -1;
        Instant dispatched = null;
        Mailing mailing;
        while (true) {
            mailing = mailings.find(ORG, mailingId).orElseThrow();
            Instant now = Instant.now();
            if (dispatched == null && Boolean.TRUE.equals(mailing.dispatchComplete())) {
                dispatched = now;
            }
            long done = value(mailing.sent()) + value(mailing.failed()) + value(mailing.skipped());
            if (done >= expected) {
                break;
            }
            if (done > progress) {
                progress = done;
                deadline = now.plus(STALL_TIMEOUT);
            }
            if (now.isAfter(deadline)) {
                throw new IllegalStateException("The mailing " + mailingId + " (" + label + ") sent nothing for " + STALL_TIMEOUT
                        + ": state " + mailing.state() + ", " + done + " of " + expected + " done; see " + stack.runDir().resolve("logs"));
            }
            Thread.sleep(POLL.toMillis());
        }
        Duration time = Duration.between(sendAt, Instant.now());
        double loadAfter = Machine.loadAverage();
        if (value(mailing.sent()) != expected || value(mailing.failed()) != 0 || value(mailing.skipped()) != 0) {
            throw new IllegalStateException("The mailing " + mailingId + " (" + label + ") did not send to all: " + mailing.sent()
                    + " sent, " + mailing.failed() + " failed, " + mailing.skipped() + " skipped of " + expected);
        }
        List<FunctionProcesses.Process> after = processes.settledCalls();
        double cpu = cpuSeconds(after) - cpuBefore;
        FunctionProcesses.Gc gc = FunctionProcesses.Gc.NONE;
        for (Map.Entry<Long, FunctionProcesses.Gc> process : gc(after).entrySet()) {
            gc = gc.plus(process.getValue().minus(gcBefore.getOrDefault(process.getKey(), FunctionProcesses.Gc.NONE)));
        }
        Map<String, Long> sendCalls = FunctionProcesses.difference(FunctionProcesses.sum(after, SEND_FUNCTION),
                FunctionProcesses.sum(before, SEND_FUNCTION));
        Map<String, Long> dispatchCalls = FunctionProcesses.difference(FunctionProcesses.sum(after, DISPATCH_FUNCTION),
                FunctionProcesses.sum(before, DISPATCH_FUNCTION));
        Duration dispatchTime = dispatched == null ? time : Duration.between(sendAt, dispatched);
        SendInvocations invocations = SendInvocations.in(runnerLog()).minus(invocationsBefore);
        clearSesStore();
        SendReport.Phase phase = new SendReport.Phase(expected, time, gc, loadBefore, loadAfter, sendCalls, dispatchCalls, dispatchTime,
                invocations, cpu);
        System.out.printf(Locale.ROOT, "  %,d sent in %.1f s (%,.0f a second; dispatched in %.1f s); functions' CPU %.1f s, GC %s; load %.2f -> %.2f%n",
                expected, seconds(time), phase.rate(), seconds(dispatchTime), cpu, gc.text(), loadBefore, loadAfter);
        return phase;
    }

    /** The same number of messages of the same shape, SendEmail alone, at SendFunction's concurrency. */
    private SendReport.Phase raw(int count, int concurrency) throws InterruptedException {
        System.out.printf(Locale.ROOT, "Raw SendEmail loop: %,d messages, %d in flight...%n", count, concurrency);
        double loadBefore = Machine.loadAverage();
        RawSendLoop.Result result = new RawSendLoop(ses, concurrency).run(count, this::rawMessage);
        double loadAfter = Machine.loadAverage();
        clearSesStore();
        SendReport.Phase phase = new SendReport.Phase(result.sent(), result.time(), result.gc(), loadBefore, loadAfter, Map.of(), Map.of(),
                Duration.ZERO, new SendInvocations(0, 0), 0);
        System.out.printf(Locale.ROOT, "  %,d sent in %.1f s (%,.0f a second); GC %s; load %.2f -> %.2f%n", result.sent(),
                seconds(result.time()), phase.rate(), result.gc().text(), loadBefore, loadAfter);
        return phase;
    }

    /** What SendFunction sends the {@code index}th person, as its mailer builds it (SesMailer): same size, same shape. */
    private SendEmailRequest rawMessage(int index) {
        Recipient recipient = recipients.get(index);
        String unsubscribe = unsubscribeBase + MailingTemplate.token(recipient.contactId());
        return SendEmailRequest.builder()
                .fromEmailAddress("Équipe de campagne <" + SENDER + ">")
                .destination(Destination.builder().toAddresses(recipient.email()).build())
                .content(EmailContent.builder().simple(Message.builder()
                        .subject(utf8(MailingTemplate.subject(recipient.firstName(), recipient.station())))
                        .body(Body.builder().html(utf8(MailingTemplate.html(recipient.firstName(), recipient.station(), unsubscribe)))
                                .text(utf8(MailingTemplate.text(recipient.firstName(), recipient.station(), unsubscribe))).build())
                        .headers(MessageHeader.builder().name("List-Unsubscribe").value("<" + unsubscribe + ">").build(),
                                MessageHeader.builder().name("List-Unsubscribe-Post").value("List-Unsubscribe=One-Click").build())
                        .build()).build())
                .emailTags(MessageTag.builder().name(SesTags.ORGANISATION).value(ORG).build(),
                        MessageTag.builder().name(SesTags.MAILING).value("raw-loop").build(),
                        MessageTag.builder().name(SesTags.CONTACT).value(recipient.contactId()).build())
                .configurationSetName(configurationSet)
                .build();
    }

    private static Content utf8(String data) {
        return Content.builder().charset("UTF-8").data(data).build();
    }

    /** The CPU time of the two functions' processes so far (a process that ended keeps what it had when last seen: none). */
    private static double cpuSeconds(List<FunctionProcesses.Process> seen) throws IOException {
        double cpu = 0;
        for (FunctionProcesses.Process process : seen) {
            if (process.function().contains(SEND_FUNCTION) || process.function().contains(DISPATCH_FUNCTION)) {
                cpu += FunctionProcesses.cpuSeconds(process.pid());
            }
        }
        return cpu;
    }

    private Path runnerLog() {
        return stack.runDir().resolve("runner.log");
    }

    private Map<Long, FunctionProcesses.Gc> gc(List<FunctionProcesses.Process> seen) throws IOException, InterruptedException {
        Map<Long, FunctionProcesses.Gc> gc = new TreeMap<>();
        for (FunctionProcesses.Process process : seen) {
            if (process.function().contains(SEND_FUNCTION) || process.function().contains(DISPATCH_FUNCTION)) {
                gc.put(process.pid(), FunctionProcesses.gc(List.of(process), List.of(process.function())));
            }
        }
        return gc;
    }

    /** The SES emulator keeps every message in memory: emptied after each phase, so that none weighs on the next. */
    private void clearSesStore() {
        try {
            HttpResponse<String> cleared = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(stack.endpoint("TURNOUT_SES_URL") + "/clear-store")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (cleared.statusCode() / 100 != 2) {
                throw new IllegalStateException("The SES emulator's /clear-store answered " + cleared.statusCode());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The SDK's settings for the stack's administrator, as its endpoints.env gives them. */
    private static Map<String, String> sdkSettings(StackRun stack) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("aws.region", stack.endpoint("AWS_REGION"));
        properties.put("aws.accessKeyId", stack.endpoint("AWS_ACCESS_KEY_ID"));
        properties.put("aws.secretAccessKey", stack.endpoint("AWS_SECRET_ACCESS_KEY"));
        properties.put("aws.endpointUrlDynamoDb", stack.endpoint("AWS_ENDPOINT_URL_DYNAMODB"));
        properties.put("aws.endpointUrlSesV2", stack.endpoint("AWS_ENDPOINT_URL_SESV2"));
        return properties;
    }

    private static long value(Long count) {
        return count == null ? 0 : count;
    }

    static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

}
