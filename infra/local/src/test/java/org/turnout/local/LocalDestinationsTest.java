package org.turnout.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.turnout.local.lambda.EventInvokeConfig.Destination;

import software.amazon.awssdk.services.sqs.model.Message;

@ExtendWith(SharedLocalStack.class)
class LocalDestinationsTest {

    private final LocalAwsStack stack;

    LocalDestinationsTest(LocalAwsStack stack) {
        this.stack = stack;
    }

    @Test
    void anSqsDestinationGetsTheRecordInTheQueueItsArnNames() {
        LocalDestinations destinations = new LocalDestinations(stack.clients().sqs(), arn -> Optional.empty());
        String arn = stack.resources().attribute("ImportFailures", "Arn");
        String record = "{\"version\":\"1.0\",\"requestContext\":{\"condition\":\"RetriesExhausted\"}}";

        destinations.send(new Destination("SQS", arn), record.getBytes(StandardCharsets.UTF_8));

        String queueUrl = stack.resources().ref("ImportFailures");
        List<Message> messages = stack.clients().sqs().receiveMessage(request -> request.queueUrl(queueUrl)
                .maxNumberOfMessages(10).waitTimeSeconds(2)).messages();
        assertThat(messages).extracting(Message::body).contains(record);
        messages.forEach(message -> stack.clients().sqs().deleteMessage(request -> request.queueUrl(queueUrl)
                .receiptHandle(message.receiptHandle())));
    }

    @Test
    void destinationsWithoutAnEmulatorAreRefusedWithTheirType() {
        LocalDestinations destinations = new LocalDestinations(stack.clients().sqs(), arn -> Optional.empty());

        assertThat(LocalDestinations.isEmulated(new Destination("SNS", "arn:aws:sns:eu-west-3:000000000000:t"))).isFalse();
        assertThatThrownBy(() -> destinations.send(new Destination("EventBridge", "arn:aws:events:eu-west-3:000000000000:event-bus/b"),
                new byte[0])).hasMessage("EventBridge destinations are not emulated by the local stack");
    }
}
