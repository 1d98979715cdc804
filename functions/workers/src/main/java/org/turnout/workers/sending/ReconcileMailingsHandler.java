package org.turnout.workers.sending;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import jakarta.inject.Named;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.turnout.sending.MailingReconciler;

/**
 * ReconcileFunction: invoked every few minutes by its rate schedule (whose input it does not need),
 * it brings stalled mailings to {@code sent}, or says on them why not. A run that ends early leaves
 * the rest to the next one; a failure is thrown, and the next run does the same work again safely.
 */
@Named("reconcile")
public record ReconcileMailingsHandler(MailingReconciler reconciler, Clock clock) implements RequestHandler<Map<String, Object>, MailingReconciler.Report> {
    /** Kept in hand at the deadline for the mailing under way to finish. */
    private static final Duration MARGIN = Duration.ofSeconds(20);

    @Override
    public MailingReconciler.Report handleRequest(Map<String, Object> event, Context context) {
        Instant deadline = clock.instant().plus(Duration.ofMillis(context.getRemainingTimeInMillis())).minus(MARGIN);
        return reconciler.reconcile(deadline);
    }
}
