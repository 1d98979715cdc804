package org.turnout.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.net.URI;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.turnout.local.Emulator;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * WireMock in front of one emulator of an {@link EmulatedStack}, for the faults no emulator makes, started once per
 * test class: every request goes through to the emulator unless a test has WireMock answer it otherwise.
 */
public final class EmulatorFront implements BeforeAllCallback, AfterAllCallback {
    private final EmulatedStack stack;
    private final Emulator emulator;
    private final WireMockConfiguration options;
    private WireMockServer server;
    private SesV2Client sesClient;

    public EmulatorFront(EmulatedStack stack, Emulator emulator) {
        this(stack, emulator, options().dynamicPort());
    }

    /** @param options WireMock's settings, e.g. more threads where a test holds many answers back at once */
    public EmulatorFront(EmulatedStack stack, Emulator emulator, WireMockConfiguration options) {
        this.stack = stack;
        this.emulator = emulator;
        this.options = options;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server = new WireMockServer(options);
        server.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (sesClient != null) {
            sesClient.close();
            sesClient = null;
        }
        server.stop();
    }

    public WireMockServer server() {
        return server;
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    /** Forgets the faults and the requests seen so far: every request goes through to the emulator. */
    public void passEverythingThrough() {
        server.resetAll();
        proxyEverything();
    }

    /** Forgets the faults but not the requests seen so far, which a test may still check. */
    public void forgetTheFaults() {
        server.resetMappings();
        proxyEverything();
    }

    /**
     * An SES client whose requests go through WireMock, made on first use; it does not retry, so that a test sees
     * each fault it sets once, as the code under test meets it.
     */
    public SesV2Client sesClient() {
        if (sesClient == null) {
            sesClient = SesV2Client.builder().endpointOverride(URI.create(server.baseUrl())).httpClient(ApacheHttpClient.create())
                    .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
        }
        return sesClient;
    }

    /** The emulator's own address, for a test's stub that proxies to it on its own terms (with a delay, say). */
    public String emulatorUrl() {
        return stack.stack().emulatorEndpoint(emulator).toString();
    }

    private void proxyEverything() {
        server.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().proxiedFrom(emulatorUrl())));
    }
}
