package org.turnout.aws;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * The one place AWS clients are built. Region, credentials and endpoints come from the SDK's
 * standard settings (AWS_REGION, the credentials chain, AWS_ENDPOINT_URL and
 * AWS_ENDPOINT_URL_&lt;SERVICE&gt;), so one build talks to AWS, the local stack or LocalStack.
 */
@ApplicationScoped
public class AwsClients {

    /** Apache's client: 2-2.5 times faster than the URL-connection one against the emulators. */
    @Produces
    @Singleton
    SdkHttpClient httpClient() {
        return ApacheHttpClient.builder().maxConnections(64).build();
    }

    @Produces
    @Singleton
    DynamoDbClient dynamoDb(SdkHttpClient http) {
        return DynamoDbClient.builder().httpClient(http).build();
    }

    @Produces
    @Singleton
    DynamoDbEnhancedClient dynamoDbEnhanced(DynamoDbClient dynamoDb) {
        return DynamoDbEnhancedClient.builder().dynamoDbClient(dynamoDb).build();
    }

    @Produces
    @Singleton
    SesV2Client ses(SdkHttpClient http) {
        return SesV2Client.builder().httpClient(http).build();
    }

    @Produces
    @Singleton
    S3Client s3(SdkHttpClient http) {
        return S3Client.builder().httpClient(http).build();
    }

    void closeDynamoDb(@Disposes DynamoDbClient client) {
        client.close();
    }

    void closeSes(@Disposes SesV2Client client) {
        client.close();
    }

    void closeS3(@Disposes S3Client client) {
        client.close();
    }

    void closeHttp(@Disposes SdkHttpClient http) {
        http.close();
    }
}
