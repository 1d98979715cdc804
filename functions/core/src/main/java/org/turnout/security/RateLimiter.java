package org.turnout.security;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.turnout.problem.RateLimitedException;
import org.turnout.store.Keys;
import org.turnout.store.TurnoutTable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * A fixed one-minute window counter per source, kept in the table so that every Lambda instance
 * shares it (an in-memory bucket would give each instance its own allowance). One conditional
 * {@code ADD} per request; windows expire by TTL.
 */
@ApplicationScoped
public class RateLimiter {
    private static final long WINDOW_SECONDS = 60;

    private final TurnoutTable table;
    private final Clock clock;

    public RateLimiter(TurnoutTable table, Clock clock) {
        this.table = table;
        this.clock = clock;
    }

    /** Counts one request from {@code sourceHash}; throws when it is over {@code perMinute}. */
    public void acquire(String orgId, String what, String sourceHash, int perMinute) {
        long now = clock.instant().getEpochSecond();
        long window = now / WINDOW_SECONDS;
        try {
            table.client().updateItem(UpdateItemRequest.builder()
                    .tableName(table.name())
                    .key(Map.of(
                            "PK", AttributeValue.fromS(Keys.rateWindow(orgId, what, sourceHash)),
                            "SK", AttributeValue.fromS("W#" + window)))
                    .updateExpression("ADD #count :one SET #ttl = :ttl")
                    .conditionExpression("attribute_not_exists(#count) OR #count < :limit")
                    .expressionAttributeNames(Map.of("#count", "count", "#ttl", "ttl"))
                    .expressionAttributeValues(Map.of(
                            ":one", AttributeValue.fromN("1"),
                            ":limit", AttributeValue.fromN(Integer.toString(perMinute)),
                            ":ttl", AttributeValue.fromN(Long.toString((window + 2) * WINDOW_SECONDS))))
                    .build());
        } catch (ConditionalCheckFailedException e) {
            throw new RateLimitedException(Duration.ofSeconds((window + 1) * WINDOW_SECONDS - now));
        }
    }
}
