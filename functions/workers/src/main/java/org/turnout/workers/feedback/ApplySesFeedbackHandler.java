package org.turnout.workers.feedback;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import jakarta.inject.Named;
import java.util.List;
import java.util.stream.Collectors;
import org.turnout.feedback.FeedbackService;

/**
 * FeedbackFunction: applies the SES events that the configuration set publishes to SNS. A failure
 * is thrown, so that Lambda retries the event and, in the end, sends it to the on-failure queue;
 * applying an event again is harmless.
 */
@Named("feedback")
public record ApplySesFeedbackHandler(FeedbackService feedback) implements RequestHandler<SnsEvent, String> {
    @Override
    public String handleRequest(SnsEvent event, Context context) {
        return event.recordsOrEmpty().stream()
                .map(record -> {
                    List<FeedbackService.Outcome> outcomes = feedback.apply(record.sns().message());
                    return outcomes.stream().map(Enum::name).collect(Collectors.joining(","));
                })
                .collect(Collectors.joining(" "));
    }
}
