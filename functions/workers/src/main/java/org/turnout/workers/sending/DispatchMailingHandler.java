package org.turnout.workers.sending;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import jakarta.inject.Named;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.turnout.mailing.DispatchRequest;
import org.turnout.sending.MailingDispatcher;
import org.turnout.workers.SelfInvocation;

/**
 * DispatchFunction: invoked by the mailing's schedule (or by itself, to go on with a long
 * dispatch). A failure is thrown, so that the invocation is retried and, in the end, lands in the
 * on-failure destination; the dispatch's cursors make the retry continue, not start over.
 */
@Named("dispatch")
public record DispatchMailingHandler(MailingDispatcher dispatcher, SelfInvocation continuation, Clock clock) implements RequestHandler<DispatchRequest, String> {
    @Override
    public String handleRequest(DispatchRequest request, Context context) {
        if (request == null || request.orgId() == null || request.mailingId() == null) {
            throw new IllegalArgumentException("a dispatch event names an organisation (org) and a mailing (mailing)");
        }
        Instant deadline = clock.instant().plus(Duration.ofMillis(context.getRemainingTimeInMillis()));
        MailingDispatcher.Outcome outcome = dispatcher.dispatch(request, deadline);
        if (outcome == MailingDispatcher.Outcome.CONTINUE) {
            continuation.continueWith(request);
        }
        return request.mailingId() + ":" + outcome;
    }
}
