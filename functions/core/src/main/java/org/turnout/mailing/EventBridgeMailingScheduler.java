package org.turnout.mailing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.turnout.aws.AwsClients;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ActionAfterCompletion;
import software.amazon.awssdk.services.scheduler.model.ConflictException;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.scheduler.model.Target;

/**
 * EventBridge Scheduler: a one-time {@code at(...)} schedule in the organisation's time zone that
 * invokes DispatchFunction with a {@link DispatchRequest}, retried by the Scheduler, its failures
 * sent to a dead-letter queue, and deleted once it has run.
 */
@ApplicationScoped
public class EventBridgeMailingScheduler implements MailingScheduler {
    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    /** The Scheduler retries a failed invocation this many times, for at most this long. */
    private static final int RETRIES = 10;
    private static final int MAX_EVENT_AGE_SECONDS = 3600;

    private final SchedulerClient scheduler;
    private final String group;
    private final String roleArn;
    private final String dispatchFunctionArn;
    private final String deadLettersArn;

    public EventBridgeMailingScheduler(AwsClients clients, MailingSettings settings) {
        this.scheduler = clients.scheduler();
        this.group = settings.scheduleGroup();
        this.roleArn = settings.schedulerRoleArn();
        this.dispatchFunctionArn = settings.dispatchFunctionArn();
        this.deadLettersArn = settings.scheduleDeadLettersArn();
    }

    @Override
    public void schedule(String name, Instant at, ZoneId zone, DispatchRequest request) {
        // at() takes whole seconds, in local time of the zone given beside it
        String expression = "at(" + LocalDateTime.ofInstant(at.truncatedTo(ChronoUnit.SECONDS), zone).format(AT) + ")";
        Target target = Target.builder()
                .arn(dispatchFunctionArn)
                .roleArn(roleArn)
                .input(json(request))
                .retryPolicy(p -> p.maximumRetryAttempts(RETRIES).maximumEventAgeInSeconds(MAX_EVENT_AGE_SECONDS))
                .deadLetterConfig(d -> d.arn(deadLettersArn))
                .build();
        try {
            scheduler.createSchedule(r -> r.name(name).groupName(group).scheduleExpression(expression)
                    .scheduleExpressionTimezone(zone.getId()).flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF))
                    .target(target).actionAfterCompletion(ActionAfterCompletion.DELETE));
        } catch (ConflictException exists) {
            scheduler.updateSchedule(r -> r.name(name).groupName(group).scheduleExpression(expression)
                    .scheduleExpressionTimezone(zone.getId()).flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF))
                    .target(target).actionAfterCompletion(ActionAfterCompletion.DELETE));
        }
    }

    @Override
    public void cancel(String name) {
        try {
            scheduler.deleteSchedule(r -> r.name(name).groupName(group));
        } catch (ResourceNotFoundException gone) {
            // it ran, or was never made
        }
    }

    private static String json(DispatchRequest request) {
        try {
            return JSON.writeValueAsString(request);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
