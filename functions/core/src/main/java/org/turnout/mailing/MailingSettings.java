package org.turnout.mailing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where the API creates the mailings' one-time schedules and what they invoke; how often staff may send tests. */
@ConfigMapping(prefix = "turnout")
public interface MailingSettings {

    /** The EventBridge Scheduler group of the mailings' schedules ({@code TURNOUT_SCHEDULE_GROUP}). */
    String scheduleGroup();

    /** The role the Scheduler takes to invoke DispatchFunction ({@code TURNOUT_SCHEDULER_ROLE_ARN}). */
    String schedulerRoleArn();

    /** What a schedule invokes ({@code TURNOUT_DISPATCH_FUNCTION_ARN}). */
    String dispatchFunctionArn();

    /** Where a schedule's failed invocations go ({@code TURNOUT_SCHEDULE_DEAD_LETTERS_ARN}). */
    String scheduleDeadLettersArn();

    /** Test sends of a mailing a minute, per organisation ({@code TURNOUT_TEST_SENDS_PER_MINUTE}). */
    @WithDefault("10")
    int testSendsPerMinute();
}
