package org.turnout.feedback;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.turnout.store.Keys;
import org.turnout.store.TurnoutTable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * The SES events already applied: one item per message, event type and recipient (by contact id,
 * never the address), put only if absent. SNS retries and SES's own duplicates come within hours;
 * the items expire after 30 days.
 */
@Singleton
public record AppliedEvents(TurnoutTable table, Clock clock) {
    static final Duration RETENTION = Duration.ofDays(30);

    /** Records the event as applied; false when it was already. */
    public boolean claim(String orgId, SesEvent event, String contactId) {
        Map<String, AttributeValue> item = new HashMap<>(TurnoutTable.key(Keys.appliedFeedback(orgId, event.messageId()),
                Keys.appliedFeedbackSk(event.eventType(), contactId)));
        item.put("type", AttributeValue.fromS("ses-event"));
        item.put("appliedAt", AttributeValue.fromS(clock.instant().toString()));
        if (event.mailingTag() != null) {
            item.put("mailingId", AttributeValue.fromS(event.mailingTag()));
        }
        item.put("ttl", AttributeValue.fromN(Long.toString(clock.instant().plus(RETENTION).getEpochSecond())));
        try {
            table.client().putItem(PutItemRequest.builder().tableName(table.name()).item(item)
                    .conditionExpression("attribute_not_exists(PK)").build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }
}
