package org.turnout.bench.send;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a million emails cost in AWS, from the calls per email that the functions made and what Lambda and SQS do
 * around them, at eu-west-3's on-demand prices (docs/benchmarks.md cites the pages and the date they were read).
 * Each DynamoDB write or read request is priced as one request unit: the send path's items are well under 1 KB
 * (write) and 4 KB (read), and a read priced as strongly consistent is the upper bound. A batch call is priced by
 * its items.
 */
final class SendCost {

    static final double SES_PER_EMAIL = 0.10 / 1_000;
    static final double SQS_PER_REQUEST = 0.40 / 1_000_000;
    static final double DYNAMODB_PER_WRITE_UNIT = 0.7388 / 1_000_000;
    static final double DYNAMODB_PER_READ_UNIT = 0.1478 / 1_000_000;
    static final double LAMBDA_PER_REQUEST = 0.20 / 1_000_000;
    static final double LAMBDA_X86_PER_GB_SECOND = 0.0000166667;
    static final double S3_PER_PUT = 0.0053 / 1_000;
    static final double S3_PER_GET = 0.00042 / 1_000;
    static final double SCHEDULER_PER_INVOCATION = 1.00 / 1_000_000;
    /** The target: everything but SES within this share of SES's own cost. */
    static final double TARGET_SHARE_OF_SES = 0.05;

    private static final java.util.Set<String> DYNAMODB_WRITES = java.util.Set.of("PutItem", "UpdateItem", "DeleteItem");
    private static final java.util.Set<String> DYNAMODB_READS = java.util.Set.of("GetItem", "Query", "Scan");

    /**
     * @param callsPerEmail   {@code Service.Operation} to calls per email, batch items as {@code Service.Operation.items}
     * @param lambdaInvocationsPerEmail SendFunction's invocations per email (one per SQS batch) and DispatchFunction's
     * @param lambdaGbSecondsPerEmail   the functions' billed memory × duration per email
     * @param sqsPollerRequestsPerEmail what Lambda's SQS poller asks of SQS per email (receive and delete per batch)
     */
    record Inputs(Map<String, Double> callsPerEmail, double lambdaInvocationsPerEmail, double lambdaGbSecondsPerEmail,
                  double sqsPollerRequestsPerEmail) {
    }

    /** Dollars per million emails, by service; SES is SES's own price. */
    static Map<String, Double> perMillion(Inputs inputs) {
        Map<String, Double> cost = new LinkedHashMap<>();
        cost.put("SES", 1_000_000 * SES_PER_EMAIL);
        double dynamoDb = 0;
        double sqs = inputs.sqsPollerRequestsPerEmail() * SQS_PER_REQUEST;
        double s3 = 0;
        double scheduler = 0;
        double lambda = inputs.lambdaInvocationsPerEmail() * LAMBDA_PER_REQUEST + inputs.lambdaGbSecondsPerEmail() * LAMBDA_X86_PER_GB_SECOND;
        for (Map.Entry<String, Double> call : inputs.callsPerEmail().entrySet()) {
            String[] parts = call.getKey().split("\\.");
            String service = parts[0];
            String operation = parts.length > 1 ? parts[1] : "";
            boolean items = parts.length > 2 && parts[2].equals("items");
            double perEmail = call.getValue();
            switch (service) {
                case "DynamoDb" -> {
                    if (items && operation.equals("BatchWriteItem")) {
                        dynamoDb += perEmail * DYNAMODB_PER_WRITE_UNIT;
                    } else if (items && operation.equals("BatchGetItem")) {
                        dynamoDb += perEmail * DYNAMODB_PER_READ_UNIT;
                    } else if (!items && DYNAMODB_WRITES.contains(operation)) {
                        dynamoDb += perEmail * DYNAMODB_PER_WRITE_UNIT;
                    } else if (!items && DYNAMODB_READS.contains(operation)) {
                        dynamoDb += perEmail * DYNAMODB_PER_READ_UNIT;
                    }
                }
                case "Sqs" -> sqs += perEmail * SQS_PER_REQUEST;
                case "S3" -> s3 += perEmail * (operation.startsWith("Put") ? S3_PER_PUT : S3_PER_GET);
                case "Lambda" -> lambda += perEmail * LAMBDA_PER_REQUEST;
                case "Scheduler" -> scheduler += perEmail * SCHEDULER_PER_INVOCATION;
                default -> {
                    // SES's calls are SES's price; Secrets Manager's are read once per instance and cached
                }
            }
        }
        cost.put("DynamoDB", 1_000_000 * dynamoDb);
        cost.put("SQS", 1_000_000 * sqs);
        cost.put("Lambda", 1_000_000 * lambda);
        cost.put("S3", 1_000_000 * s3);
        cost.put("Scheduler", 1_000_000 * scheduler);
        return cost;
    }

    /** All but SES, in dollars per million emails. */
    static double besidesSes(Map<String, Double> perMillion) {
        return perMillion.entrySet().stream().filter(entry -> !entry.getKey().equals("SES")).mapToDouble(Map.Entry::getValue).sum();
    }

    private SendCost() {
    }
}
