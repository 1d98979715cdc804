package org.turnout.local;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Function;

import org.turnout.local.lambda.AsyncInvoker;
import org.turnout.local.lambda.EventInvokeConfig.Destination;
import org.turnout.local.lambda.LocalFunction;

import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The destinations of asynchronous invocations that the local stack can reach: an SQS queue (on the SQS
 * emulator, found by the name in its ARN) or another local function (invoked asynchronously). SNS and
 * EventBridge destinations have no emulator here.
 */
final class LocalDestinations implements AsyncInvoker.Destinations {

    static final String SQS = "SQS";
    static final String LAMBDA = "Lambda";

    private final SqsClient sqs;
    private final Function<String, Optional<LocalFunction>> functions;

    /** @param functions the local function that an ARN names */
    LocalDestinations(SqsClient sqs, Function<String, Optional<LocalFunction>> functions) {
        this.sqs = sqs;
        this.functions = functions;
    }

    static boolean isEmulated(Destination destination) {
        return destination.type().equals(SQS) || destination.type().equals(LAMBDA);
    }

    @Override
    public void send(Destination destination, byte[] record) {
        switch (destination.type()) {
            case SQS -> {
                String queueName = destination.arn().substring(destination.arn().lastIndexOf(':') + 1);
                String queueUrl = sqs.getQueueUrl(request -> request.queueName(queueName)).queueUrl();
                sqs.sendMessage(request -> request.queueUrl(queueUrl).messageBody(new String(record, StandardCharsets.UTF_8)));
            }
            case LAMBDA -> functions.apply(destination.arn())
                    .orElseThrow(() -> new IllegalStateException("no local function is " + destination.arn()))
                    .async().submit(record);
            default -> throw new UnsupportedOperationException(destination.type()
                    + " destinations are not emulated by the local stack");
        }
    }
}
