package org.turnout.sending;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;
import org.turnout.settings.RequiredSetting;

/**
 * Dispatch, sending and reconciliation. The queues are given only to the functions that use them (DispatchFunction,
 * SendFunction, ReconcileFunction), which share a package with functions that do not: they are optional here, so
 * that every function of the package starts, and {@link #queueUrl()} and {@link #deadLettersUrl()} fail, naming the
 * setting, where one is needed and missing.
 */
@ConfigMapping(prefix = "turnout")
public interface SendingSettings {

    /** The send queue ({@code TURNOUT_SEND_QUEUE_URL}). */
    Optional<String> sendQueueUrl();

    /** The send queue's dead-letter queue ({@code TURNOUT_SEND_DEAD_LETTERS_URL}), which the reconciler redrives. */
    Optional<String> sendDeadLettersUrl();

    /** SendFunction's reserved concurrency, among which the rate is shared ({@code TURNOUT_SEND_CONCURRENCY}). */
    @WithDefault("1")
    int sendConcurrency();

    /** The longest a sender waits for its turn under the rate before it puts the recipient back ({@code TURNOUT_SEND_MAX_WAIT}). */
    @WithDefault("PT20S")
    Duration sendMaxWait();

    /** Receipts after which a recipient SES keeps declining is recorded failed ({@code TURNOUT_SEND_MAX_RECEIVES}). */
    @WithDefault("10")
    int sendMaxReceives();

    /** How many recipients one SendFunction instance sends to at once ({@code TURNOUT_SEND_PARALLELISM}). */
    @WithDefault("4")
    int sendParallelism();

    /** How long a sending mailing may go without progress before the reconciler looks at it ({@code TURNOUT_RECONCILE_STALL}). */
    @WithDefault("PT10M")
    Duration reconcileStall();

    default String queueUrl() {
        return RequiredSetting.of(sendQueueUrl(), "turnout.send-queue-url (TURNOUT_SEND_QUEUE_URL)");
    }

    default String deadLettersUrl() {
        return RequiredSetting.of(sendDeadLettersUrl(), "turnout.send-dead-letters-url (TURNOUT_SEND_DEAD_LETTERS_URL)");
    }
}
