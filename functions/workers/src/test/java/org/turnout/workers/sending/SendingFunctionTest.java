package org.turnout.workers.sending;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.turnout.mailing.DispatchRequest;
import org.turnout.mailing.MailingRepository;
import org.turnout.mailing.MailingService;
import org.turnout.testing.LocalStackResource;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * What the tests of DispatchFunction and SendFunction share: their handlers, called as their functions, the
 * fixtures, the mailings and the send queue with its dead letters.
 */
abstract class SendingFunctionTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    DispatchMailingHandler dispatch;
    @Inject
    SendMailingHandler send;
    @Inject
    SendingFixtures fixtures;
    @Inject
    MailingService mailingService;
    @Inject
    MailingRepository mailings;
    @ConfigProperty(name = "turnout.send-queue-url")
    String queueUrl;
    @ConfigProperty(name = "turnout.send-dead-letters-url")
    String deadLettersUrl;

    /** Each handler runs with its own function's credentials, as in Lambda, then the test goes on as ApiFunction. */
    String dispatchAsItsFunction(DispatchRequest request, InvocationContext context) {
        return LocalStackResource.as("DispatchFunction", () -> dispatch.handleRequest(request, context));
    }

    SqsEvent.BatchResponse sendAsItsFunction(SqsEvent event, InvocationContext context) {
        return LocalStackResource.as("SendFunction", () -> send.handleRequest(event, context));
    }

    /** The event SQS gives SendFunction for these messages of the send queue. */
    SqsEvent event(List<Message> messages) {
        String arn = "arn:aws:sqs:eu-west-3:000000000000:" + queueUrl.substring(queueUrl.lastIndexOf('/') + 1);
        return new SqsEvent(messages.stream().map(m -> new SqsEvent.Message(m.messageId(), m.receiptHandle(), m.body(),
                Map.of("ApproximateReceiveCount", m.attributesAsStrings().getOrDefault("ApproximateReceiveCount", "1")), arn)).toList());
    }
}
