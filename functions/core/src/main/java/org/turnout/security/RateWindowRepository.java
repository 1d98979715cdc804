package org.turnout.security;

import jakarta.inject.Singleton;
import java.util.Map;
import org.turnout.store.Keys;
import org.turnout.store.TurnoutTable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** The rate limiter's window counters: one item per source and window, {@code ORG#o#RATE#<what>#<source> / W#<window>}. */
@Singleton
public record RateWindowRepository(TurnoutTable table) {
    public static final String COUNT = "count";
    /** Epoch seconds after which DynamoDB may delete the window. */
    public static final String TTL = "ttl";

    /**
     * Counts one request in the window, unless it holds {@code limit} already: one conditional {@code ADD}.
     * False when the window is full.
     */
    public boolean countIfUnder(String orgId, String what, String sourceHash, long window, int limit, long expiresAt) {
        try {
            table.client().updateItem(r -> r.tableName(table.name())
                    .key(TurnoutTable.key(Keys.rateWindow(orgId, what, sourceHash), Keys.rateWindowSk(window)))
                    .updateExpression("ADD #count :one SET #ttl = :ttl")
                    .conditionExpression("attribute_not_exists(#count) OR #count < :limit")
                    .expressionAttributeNames(Map.of("#count", COUNT, "#ttl", TTL))
                    .expressionAttributeValues(Map.of(
                            ":one", AttributeValue.fromN("1"),
                            ":limit", AttributeValue.fromN(Integer.toString(limit)),
                            ":ttl", AttributeValue.fromN(Long.toString(expiresAt)))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }
}
