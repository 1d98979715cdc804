package org.turnout.feedback;

import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.turnout.store.Attributes;
import org.turnout.store.Keys;
import org.turnout.store.TurnoutTable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * A mailing's counted events over time: one small item per {@link #PERIOD} in which any came
 * ({@code ORG#o#MAIL#m#ACTIVITY / T#<period start>}), each counter moved with {@code ADD}. Written by
 * {@link MailingItemCounters} with the mailing's own counter, so only for an event already claimed
 * (counted once); read back with one query of the mailing's partition, never a scan. Holds counts only,
 * nothing about any person.
 */
@Singleton
public record MailingActivity(TurnoutTable table) {
    /** Ten minutes: a chart can show the first hours finely, and hours or days are sums of these. */
    public static final Duration PERIOD = Duration.ofMinutes(10);
    static final String TYPE = "mailing-activity";

    /** One more {@code counter} in the period of {@code at}: one UpdateItem. */
    public void count(String orgId, String mailingId, MailingCounter counter, Instant at) {
        table.client().updateItem(r -> r.tableName(table.name())
                .key(TurnoutTable.key(Keys.mailingActivity(orgId, mailingId), Keys.activityPeriodSk(periodOf(at).toString())))
                .updateExpression("SET #type = :type ADD #counter :one")
                .expressionAttributeNames(Map.of("#type", Attributes.TYPE, "#counter", counter.attribute()))
                .expressionAttributeValues(Map.of(":type", AttributeValue.fromS(TYPE), ":one", AttributeValue.fromN("1"))));
    }

    /** The mailing's periods that saw any event, oldest first. */
    public List<ActivityPeriod> periods(String orgId, String mailingId) {
        QueryRequest query = QueryRequest.builder().tableName(table.name())
                .keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", Attributes.PK))
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Keys.mailingActivity(orgId, mailingId))))
                .build();
        List<ActivityPeriod> periods = new ArrayList<>();
        table.client().queryPaginator(query).items().forEach(item -> periods.add(period(item)));
        return periods;
    }

    /** The start of the period {@code at} falls in. */
    public static Instant periodOf(Instant at) {
        long seconds = PERIOD.toSeconds();
        return Instant.ofEpochSecond(Math.floorDiv(at.getEpochSecond(), seconds) * seconds);
    }

    private static ActivityPeriod period(Map<String, AttributeValue> item) {
        Map<MailingCounter, Long> counts = new EnumMap<>(MailingCounter.class);
        for (MailingCounter counter : MailingCounter.values()) {
            AttributeValue value = item.get(counter.attribute());
            if (value != null && value.n() != null) {
                counts.put(counter, Long.parseLong(value.n()));
            }
        }
        String sk = item.get(Attributes.SK).s();
        return new ActivityPeriod(Instant.parse(sk.substring(sk.indexOf('#') + 1)), counts);
    }
}
