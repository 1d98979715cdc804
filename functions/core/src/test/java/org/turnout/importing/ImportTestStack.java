package org.turnout.importing;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.turnout.aws.AwsClients;
import org.turnout.aws.EmulatedStack;
import org.turnout.local.Emulator;
import org.turnout.precinct.ElectionImportService;
import org.turnout.store.TurnoutTable;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What the tests of imports that resume need, started once per test class
 * ({@code @RegisterExtension static final ImportTestStack STACK = ...}): dynalite and S3Proxy, the
 * clients, and WireMock in front of S3Proxy, which lets every request through unless a test has it
 * cut a download short (a fault no emulator makes).
 */
public final class ImportTestStack implements BeforeAllCallback, AfterAllCallback {
    private final Instant now;
    private final AtomicInteger uploads = new AtomicInteger();
    private final EmulatedStack emulated = new EmulatedStack(Emulator.DYNAMODB, Emulator.S3);
    private WireMockServer s3Front;
    private S3Client s3ThroughFaults;

    /** @param now the tests' fixed time: the n-th upload's event comes n seconds after it */
    public ImportTestStack(Instant now) {
        this.now = now;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        emulated.beforeAll(context);
        // the Host header goes through unchanged, or S3Proxy would find the requests' signatures wrong
        s3Front = new WireMockServer(options().dynamicPort().preserveHostHeader(true));
        s3Front.start();
        passEverythingThrough();
        s3ThroughFaults = S3Client.builder().endpointOverride(URI.create("http://127.0.0.1:" + s3Front.port()))
                .forcePathStyle(true).httpClient(ApacheHttpClient.create()).build();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        s3ThroughFaults.close();
        s3Front.stop();
        emulated.afterAll(context);
    }

    public AwsClients aws() {
        return emulated.aws();
    }

    public TurnoutTable table() {
        return emulated.table();
    }

    /** Creates an organisation named {@code name} with a new id starting with {@code prefix}, and returns the id. */
    public String createOrganisation(String prefix, String name) {
        return emulated.createOrganisation(prefix, name);
    }

    public String bucket() {
        return emulated.bucket();
    }

    /** An S3 client through WireMock, and so through the faults a test sets. */
    public S3Client s3ThroughFaults() {
        return s3ThroughFaults;
    }

    /** Reads uploads through WireMock, and so through the faults a test sets. */
    public CsvSource csvThroughFaults() {
        return new CsvSource(s3ThroughFaults);
    }

    /** Puts {@code content} at {@code key}, and returns the upload as its S3 event tells it. */
    public ImportSource upload(String key, byte[] content) {
        String etag = aws().s3().putObject(b -> b.bucket(bucket()).key(key), RequestBody.fromBytes(content)).eTag();
        return new ImportSource(bucket(), key, etag, content.length, now.plusSeconds(uploads.incrementAndGet()));
    }

    /**
     * Invokes an import that its deadline makes hand over at each checkpoint until it ends, at most ten times,
     * checking each hand-over with {@code handedOver} (given the invocations so far); returns how many it took.
     */
    public static int invokeUntilDone(Supplier<ElectionImportService.Run> invocation, IntConsumer handedOver) {
        int invocations = 0;
        ElectionImportService.Run run;
        do {
            run = invocation.get();
            invocations++;
            if (run == ElectionImportService.Run.CONTINUE) {
                handedOver.accept(invocations);
            }
        } while (run == ElectionImportService.Run.CONTINUE && invocations < 10);
        assertThat(run).isEqualTo(ElectionImportService.Run.DONE);
        return invocations;
    }

    /** Forgets the faults and the requests seen so far: every request goes through to S3Proxy. */
    public void passEverythingThrough() {
        s3Front.resetAll();
        s3Front.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().proxiedFrom(emulated.stack().emulatorEndpoint(Emulator.S3).toString())));
    }

    /**
     * The first download of {@code source} (a GET without a range) stops after {@code cutAt} bytes of
     * {@code content}, having announced them all; ranged reads go through.
     */
    public void cutTheWholeDownload(ImportSource source, byte[] content, int cutAt) {
        fault(get(urlPathEqualTo(objectPath(source))).withHeader("Range", absent())
                .willReturn(aResponse().withStatus(200).withHeader("Content-Length", Integer.toString(content.length))
                        .withBody(Arrays.copyOf(content, cutAt))));
    }

    /** Answers the requests {@code mapping} matches as it says, before letting any through. */
    public void fault(MappingBuilder mapping) {
        s3Front.stubFor(mapping.atPriority(1));
    }

    /** The downloads of {@code source} that went through WireMock, in order. */
    public List<LoggedRequest> downloads(ImportSource source) {
        return s3Front.findAll(getRequestedFor(urlPathEqualTo(objectPath(source))));
    }

    public List<LoggedRequest> unmatchedRequests() {
        return s3Front.findAllUnmatchedRequests();
    }

    private String objectPath(ImportSource source) {
        return "/" + bucket() + "/" + source.key();
    }
}
