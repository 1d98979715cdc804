package org.turnout.local;

import java.net.URI;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * SDK clients wired explicitly to the running emulators (endpoint, region, credentials, Apache
 * HTTP client), for provisioning and for tests that set up or inspect state. Code under test
 * should rather build its clients the normal way, from {@link LocalAwsStack#sdkSystemProperties()}.
 */
public final class EmulatorClients implements AutoCloseable {

    private final Map<Emulator, AutoCloseable> clients;

    private EmulatorClients(Map<Emulator, AutoCloseable> clients) {
        this.clients = clients;
    }

    /** Clients for the emulators in {@code endpoints}; the others are absent. */
    public static EmulatorClients connect(Map<Emulator, URI> endpoints) {
        Map<Emulator, AutoCloseable> clients = new EnumMap<>(Emulator.class);
        endpoints.forEach((emulator, endpoint) -> clients.put(emulator, switch (emulator) {
            case DYNAMODB -> configure(DynamoDbClient.builder(), endpoint).build();
            // S3Proxy serves path-style only; the SDK picks path-style by itself for an IP endpoint, this makes it explicit
            case S3 -> configure(S3Client.builder(), endpoint).forcePathStyle(true).build();
            case SES -> configure(SesV2Client.builder(), endpoint).build();
            case SQS -> configure(SqsClient.builder(), endpoint).build();
        }));
        return new EmulatorClients(clients);
    }

    private static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(B builder, URI endpoint) {
        return builder.endpointOverride(endpoint)
                .region(Region.of(LocalAwsStack.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(LocalAwsStack.ACCESS_KEY_ID, LocalAwsStack.SECRET_ACCESS_KEY)))
                .httpClientBuilder(ApacheHttpClient.builder());
    }

    public boolean has(Emulator emulator) {
        return clients.containsKey(emulator);
    }

    public DynamoDbClient dynamoDb() {
        return client(Emulator.DYNAMODB, DynamoDbClient.class);
    }

    public S3Client s3() {
        return client(Emulator.S3, S3Client.class);
    }

    public SesV2Client sesV2() {
        return client(Emulator.SES, SesV2Client.class);
    }

    public SqsClient sqs() {
        return client(Emulator.SQS, SqsClient.class);
    }

    private <T> T client(Emulator emulator, Class<T> type) {
        AutoCloseable client = clients.get(emulator);
        if (client == null) {
            throw new IllegalStateException("The " + emulator + " emulator was not started in this local stack");
        }
        return type.cast(client);
    }

    @Override
    public void close() {
        List<Exception> failures = new ArrayList<>();
        clients.values().forEach(client -> {
            try {
                client.close();
            } catch (Exception e) {
                failures.add(e);
            }
        });
        if (!failures.isEmpty()) {
            IllegalStateException failure = new IllegalStateException("Could not close all emulator clients");
            failures.forEach(failure::addSuppressed);
            throw failure;
        }
    }
}
