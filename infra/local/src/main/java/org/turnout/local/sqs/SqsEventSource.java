package org.turnout.local.sqs;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.turnout.local.CloudFormationTemplate;
import org.turnout.local.Provisioned;

/**
 * One SQS event source of a function, as SAM's {@code Events} entry of {@code Type: SQS} declares it: Lambda polls
 * the queue and invokes the function with batches of its messages.
 *
 * @param eventName               the entry's name under {@code Events}, e.g. {@code Queue}
 * @param queueArn                the queue's ARN, as {@code !GetAtt Queue.Arn} gives it
 * @param batchSize               the most messages in one event (Lambda's default 10)
 * @param maximumBatchingWindow   how long Lambda gathers messages before it invokes with fewer than a batch
 * @param reportBatchItemFailures whether the function answers which messages failed ({@code FunctionResponseTypes})
 * @param maximumConcurrency      {@code ScalingConfig.MaximumConcurrency}, if set
 * @param filtered                whether {@code FilterCriteria} is set, which the local stack does not apply
 */
public record SqsEventSource(String functionLogicalId, String eventName, String queueArn, int batchSize,
                             Duration maximumBatchingWindow, boolean reportBatchItemFailures, boolean enabled,
                             Optional<Integer> maximumConcurrency, boolean filtered) {

    /** Every {@code Type: SQS} event of the template's functions, intrinsics resolved with {@code parameterOverrides}. */
    public static List<SqsEventSource> fromTemplate(CloudFormationTemplate template, Provisioned provisioned,
                                                    Map<String, String> parameterOverrides) {
        return template.functionEvents("SQS").stream().map(event -> parse(event.functionId(), event.name(), CloudFormationTemplate.mapOf(
                provisioned.resolve(event.properties(), parameterOverrides), event.where() + ".Properties"), event.where())).toList();
    }

    /** The queue's name, the last part of its ARN. */
    public String queueName() {
        return queueArn.substring(queueArn.lastIndexOf(':') + 1);
    }

    private static SqsEventSource parse(String functionId, String eventName, Map<String, Object> properties, String where) {
        Object queue = properties.get("Queue");
        if (!(queue instanceof String arn) || !arn.startsWith("arn:")) {
            throw new IllegalArgumentException(where + " needs a Queue (the queue's ARN, e.g. !GetAtt SendQueue.Arn)");
        }
        int batchSize = number(properties.get("BatchSize"), 10, where + ".BatchSize");
        int window = number(properties.get("MaximumBatchingWindowInSeconds"), 0, where + ".MaximumBatchingWindowInSeconds");
        if (batchSize < 1 || batchSize > 10_000 || window < 0 || window > 300 || (batchSize > 10 && window == 0)) {
            throw new IllegalArgumentException(where + ": BatchSize is 1 to 10 (up to 10000 with a batching window of "
                    + "1 to 300 s), not " + batchSize + " with " + window + " s");
        }
        Object types = properties.get("FunctionResponseTypes");
        boolean reportFailures = types instanceof List<?> list && list.contains("ReportBatchItemFailures");
        boolean enabled = properties.get("Enabled") == null || Boolean.parseBoolean(String.valueOf(properties.get("Enabled")));
        Optional<Integer> maximumConcurrency = Optional.empty();
        if (properties.get("ScalingConfig") instanceof Map<?, ?> scaling && scaling.get("MaximumConcurrency") != null) {
            maximumConcurrency = Optional.of(number(scaling.get("MaximumConcurrency"), 0, where + ".ScalingConfig.MaximumConcurrency"));
        }
        return new SqsEventSource(functionId, eventName, arn, batchSize, Duration.ofSeconds(window), reportFailures,
                enabled, maximumConcurrency, properties.get("FilterCriteria") != null);
    }

    private static int number(Object value, int absent, String where) {
        if (value == null) {
            return absent;
        }
        try {
            return Integer.parseInt(String.valueOf(value));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + " is a number, not " + value);
        }
    }
}
