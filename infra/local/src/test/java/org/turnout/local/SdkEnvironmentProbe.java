package org.turnout.local;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Run as a child process with {@link LocalAwsStack#environment()} as its only AWS configuration:
 * prints what default-built clients see, one line per service.
 */
public final class SdkEnvironmentProbe {

    public static void main(String[] args) {
        try (DynamoDbClient dynamoDb = DynamoDbClient.create(); S3Client s3 = S3Client.create();
             SqsClient sqs = SqsClient.create(); SesV2Client ses = SesV2Client.create()) {
            System.out.println("tables " + dynamoDb.listTables().tableNames());
            System.out.println("buckets " + s3.listBuckets().buckets().stream().map(b -> b.name()).toList());
            System.out.println("queue " + sqs.createQueue(request -> request.queueName("probe")).queueUrl());
            System.out.println("max-send-rate " + ses.getAccount(request -> { }).sendQuota().maxSendRate());
        }
    }
}
