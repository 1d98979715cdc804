package org.turnout.bench.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;

import org.junit.jupiter.api.Test;

class SendCostTest {

    @Test
    void pricesEachServicesCallsPerEmailAndLambdasShareForAMillionEmails() {
        Map<String, Double> cost = SendCost.perMillion(new SendCost.Inputs(Map.of(
                "DynamoDb.PutItem", 1.0, "DynamoDb.UpdateItem", 2.0, "DynamoDb.GetItem", 1.0,
                "DynamoDb.BatchWriteItem", 0.04, "DynamoDb.BatchWriteItem.items", 1.0,
                "Sqs.SendMessageBatch", 0.1, "SesV2.SendEmail", 1.0, "Lambda.Invoke", 0.001),
                0.1, 0.01, 0.2));

        assertThat(cost.get("SES")).isCloseTo(100.0, within(1e-9));
        // 3 single writes and 1 batched item written, 1 read
        assertThat(cost.get("DynamoDB")).isCloseTo(4 * 0.7388 + 0.1478, within(1e-9));
        // the functions' 0.1 and the poller's 0.2 requests
        assertThat(cost.get("SQS")).isCloseTo(0.3 * 0.40, within(1e-9));
        // 0.1 + 0.001 invocations, 0.01 GB-s
        assertThat(cost.get("Lambda")).isCloseTo(0.101 * 0.20 + 0.01 * 1e6 * 0.0000166667, within(1e-9));
        assertThat(SendCost.besidesSes(cost)).isCloseTo(cost.get("DynamoDB") + cost.get("SQS") + cost.get("Lambda"), within(1e-9));
    }
}
