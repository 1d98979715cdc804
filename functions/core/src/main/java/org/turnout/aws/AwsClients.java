package org.turnout.aws;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * The one place AWS clients are built, each once, on first use. Region, credentials and
 * endpoints come from the SDK's standard settings (AWS_REGION, the credentials chain,
 * AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_&lt;SERVICE&gt;), so one build talks to AWS, the local stack
 * or LocalStack. A factory rather than CDI producers of SDK types: those would need the SDK's
 * jars in Quarkus's bean index.
 */
@ApplicationScoped
public class AwsClients {
    /** Apache's client, shared: 2-2.5 times faster than the URL-connection one against the emulators. */
    private final SdkHttpClient http = ApacheHttpClient.builder().maxConnections(64).build();
    private final List<SdkAutoCloseable> built = new ArrayList<>();

    /** Counts every call when a benchmark asks for it ({@link CallCounter}); empty otherwise. */
    private final Optional<CallCounter> callCounter;

    private final Supplier<DynamoDbClient> dynamoDb = once(() -> DynamoDbClient.builder().httpClient(http)
            .overrideConfiguration(this::counted).build());
    private final Supplier<DynamoDbEnhancedClient> dynamoDbEnhanced =
            once(() -> DynamoDbEnhancedClient.builder().dynamoDbClient(dynamoDb()).build());
    private final Supplier<SesV2Client> ses = once(() -> SesV2Client.builder().httpClient(http)
            .overrideConfiguration(this::counted).build());
    private final Supplier<S3Client> s3 = once(() -> S3Client.builder().httpClient(http).overrideConfiguration(this::counted).build());
    private final Supplier<S3Presigner> s3Presigner = once(S3Presigner::create);
    private final Supplier<LambdaClient> lambda = once(() -> LambdaClient.builder().httpClient(http)
            .overrideConfiguration(this::counted).build());
    private final Supplier<SqsClient> sqs = once(() -> SqsClient.builder().httpClient(http).overrideConfiguration(this::counted).build());
    private final Supplier<SchedulerClient> scheduler = once(() -> SchedulerClient.builder().httpClient(http)
            .overrideConfiguration(this::counted).build());
    private final Supplier<SecretsManagerClient> secretsManager = once(() -> SecretsManagerClient.builder().httpClient(http)
            .overrideConfiguration(this::counted).build());
    private final Supplier<CognitoIdentityProviderClient> cognito = once(() -> CognitoIdentityProviderClient.builder()
            .httpClient(http).overrideConfiguration(this::counted).build());
    private final Supplier<SesV2Client> sesForMailings = once(() -> SesV2Client.builder().httpClient(http)
            .overrideConfiguration(o -> counted(o.retryStrategy(AwsRetryStrategy.doNotRetry()))).build());

    /** Clients that count nothing: tests and benchmarks that build services by hand. */
    public AwsClients() {
        this(Optional.empty());
    }

    @Inject
    public AwsClients(AwsSettings settings, LambdaEnvironment lambda) {
        this(settings.callCountDir().map(directory -> CallCounter.start(directory, lambda.functionName().orElse("process"))));
    }

    AwsClients(Optional<CallCounter> callCounter) {
        this.callCounter = callCounter;
    }

    public DynamoDbClient dynamoDb() {
        return dynamoDb.get();
    }

    public DynamoDbEnhancedClient dynamoDbEnhanced() {
        return dynamoDbEnhanced.get();
    }

    public SesV2Client ses() {
        return ses.get();
    }

    public S3Client s3() {
        return s3.get();
    }

    public S3Presigner s3Presigner() {
        return s3Presigner.get();
    }

    public LambdaClient lambda() {
        return lambda.get();
    }

    public SqsClient sqs() {
        return sqs.get();
    }

    public SchedulerClient scheduler() {
        return scheduler.get();
    }

    /** Only {@code org.turnout.secrets} reads secrets through it. */
    public SecretsManagerClient secretsManager() {
        return secretsManager.get();
    }

    /** Only {@code org.turnout.member} manages the staff's accounts through it. */
    public CognitoIdentityProviderClient cognito() {
        return cognito.get();
    }

    /**
     * SES for sending mail, with no retries of its own: a send whose answer was lost (a timeout, a
     * reset connection) may have gone, and SES has no idempotency key. {@code SesMailer} retries
     * only the answers that say it did not go.
     */
    public SesV2Client sesForMailings() {
        return sesForMailings.get();
    }

    /** Throttling and server errors: SES answered, and it did not take the message. */
    public static boolean declinedBySes(Throwable error) {
        return error instanceof SdkServiceException service && (service.isThrottlingException() || service.statusCode() >= 500);
    }

    private void counted(ClientOverrideConfiguration.Builder configuration) {
        callCounter.ifPresent(configuration::addExecutionInterceptor);
    }

    @PreDestroy
    public synchronized void close() {
        built.forEach(SdkAutoCloseable::close);
        built.clear();
        http.close();
    }

    private <T> Supplier<T> once(Supplier<T> factory) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = factory.get();
                    if (value instanceof SdkAutoCloseable closeable) {
                        synchronized (AwsClients.this) {
                            built.add(closeable);
                        }
                    } else if (value instanceof S3Presigner presigner) {
                        synchronized (AwsClients.this) {
                            built.add(presigner::close);
                        }
                    }
                }
                return value;
            }
        };
    }
}
