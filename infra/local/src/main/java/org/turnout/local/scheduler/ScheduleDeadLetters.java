package org.turnout.local.scheduler;

import java.util.LinkedHashMap;
import java.util.Map;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/** Where an occurrence that could not be delivered goes: the SQS queue of its target's {@code DeadLetterConfig}. */
@FunctionalInterface
public interface ScheduleDeadLetters {

    void send(String queueArn, String body, Map<String, String> attributes) throws Exception;

    /** To the queue that the ARN names on the SQS emulator, its attributes as String message attributes. */
    static ScheduleDeadLetters sqs(SqsClient sqs) {
        return (queueArn, body, attributes) -> {
            String queueName = queueArn.substring(queueArn.lastIndexOf(':') + 1);
            String queueUrl = sqs.getQueueUrl(request -> request.queueName(queueName)).queueUrl();
            Map<String, MessageAttributeValue> values = new LinkedHashMap<>();
            attributes.forEach((name, value) -> values.put(name,
                    MessageAttributeValue.builder().dataType("String").stringValue(value).build()));
            sqs.sendMessage(request -> request.queueUrl(queueUrl).messageBody(body).messageAttributes(values));
        };
    }
}
