package org.turnout.local.scheduler;

import java.time.Instant;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A schedule as the local Scheduler holds it: the definition that CreateSchedule or UpdateSchedule sent (every
 * field kept, so that GetSchedule gives it back), with its defaults filled in.
 *
 * @param fireTime when a one-time schedule fires; empty for a recurring one, which is kept but not fired locally
 */
public record Schedule(String name, String groupName, String arn, ObjectNode definition, Optional<Instant> fireTime,
                       Instant created, Instant modified, String clientToken) {

    public Schedule {
        definition = definition.deepCopy();
    }

    @Override
    public ObjectNode definition() {
        return definition.deepCopy();
    }

    public String expression() {
        return definition.path("ScheduleExpression").asText();
    }

    public String timezone() {
        return definition.path("ScheduleExpressionTimezone").asText(ScheduleExpression.UTC);
    }

    public String state() {
        return definition.path("State").asText();
    }

    public boolean enabled() {
        return "ENABLED".equals(state());
    }

    public String actionAfterCompletion() {
        return definition.path("ActionAfterCompletion").asText();
    }

    /** The role the Scheduler acts as when it invokes the target. */
    public String roleArn() {
        return definition.path("Target").path("RoleArn").asText(null);
    }

    public String targetArn() {
        return target().path("Arn").asText();
    }

    /** The target's {@code Input}, the event the target gets; {@code null} when none was given. */
    public String input() {
        JsonNode input = target().get("Input");
        return input == null || input.isNull() ? null : input.asText();
    }

    public Optional<String> deadLetterArn() {
        return Optional.ofNullable(target().path("DeadLetterConfig").get("Arn")).map(JsonNode::asText);
    }

    /** Retries after the first attempt: the Scheduler's default is 185. */
    public int maximumRetryAttempts() {
        return target().path("RetryPolicy").path("MaximumRetryAttempts").asInt(185);
    }

    /** How long after its time an occurrence may still be delivered: the Scheduler's default is 24 h. */
    public long maximumEventAgeSeconds() {
        return target().path("RetryPolicy").path("MaximumEventAgeInSeconds").asLong(86_400);
    }

    private JsonNode target() {
        return definition.path("Target");
    }
}
