package org.turnout.sending;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.turnout.store.Keys;
import org.turnout.store.TurnoutTable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * Send records, {@code ORG#o#MAIL#m / C#contactId}: the conditional put that claims a (mailing,
 * contact) pair is what makes "never twice" hold; each later step is conditional on the state
 * before it.
 */
@Singleton
public record SendRecords(DynamoDbClient dynamo, String tableName) {
    static final String TYPE = "send";
    private static final String STATE = "#state";
    private static final Map<String, String> STATE_NAME = Map.of(STATE, "state");

    @Inject
    public SendRecords(TurnoutTable table) {
        this(table.client(), table.name());
    }

    public Optional<SendRecord> find(Recipient recipient) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(tableName).key(key(recipient)).consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(record(item));
    }

    /** A send record read with other items ({@link RecipientReads}). */
    static SendRecord record(Map<String, AttributeValue> item) {
        return new SendRecord(SendOutcome.of(item.get("state").s()),
                item.containsKey("claimedAt") ? Long.parseLong(item.get("claimedAt").n()) : 0,
                item.containsKey("messageId") ? item.get("messageId").s() : null,
                item.containsKey("counted") && Boolean.TRUE.equals(item.get("counted").bool()));
    }

    /** Parks a recipient of a paused mailing, unless it already has a record. */
    public boolean hold(Recipient recipient) {
        return put(recipient, SendOutcome.HELD, Map.of(), "attribute_not_exists(PK)");
    }

    /** The claim: the one conditional put after which this contact may be sent this mailing. */
    public boolean claim(Recipient recipient, long nowMillis) {
        return put(recipient, SendOutcome.CLAIMED, Map.of("claimedAt", number(nowMillis)), "attribute_not_exists(PK) OR #state = :held");
    }

    /**
     * Not sent, and never will be for this mailing (suppressed, no longer mailable, ...); written as counted, the
     * sender adding it to the mailing's counts with the rest of its batch.
     */
    public boolean skip(Recipient recipient, String reason, Instant now) {
        return put(recipient, SendOutcome.SKIPPED, Map.of("reason", AttributeValue.fromS(reason), "at", AttributeValue.fromS(now.toString()),
                        "counted", AttributeValue.fromBool(true)),
                "attribute_not_exists(PK) OR #state = :held");
    }

    /** SES answered that it did not take the message: the claim is given back, for a later try. */
    public void release(Recipient recipient, long claimedAt) {
        try {
            dynamo.deleteItem(r -> r.tableName(tableName).key(key(recipient))
                    .conditionExpression("#state = :claimed AND claimedAt = :at")
                    .expressionAttributeNames(STATE_NAME)
                    .expressionAttributeValues(Map.of(":claimed", AttributeValue.fromS(SendOutcome.CLAIMED.code()), ":at", number(claimedAt))));
        } catch (ConditionalCheckFailedException e) {
            // someone settled it meanwhile: their outcome stands
        }
    }

    /**
     * SES took it: the message id is recorded. Answers the state it replaced (CLAIMED, or UNKNOWN
     * when a redelivery gave up on it meanwhile), or empty if it was neither.
     *
     * @param counted whether the writer adds the outcome to the mailing's counts itself, later (a sender, once per
     *                batch), rather than through {@link #markCounted}
     */
    public Optional<SendOutcome> markSent(Recipient recipient, String messageId, Instant now, boolean counted) {
        try {
            Map<String, AttributeValue> old = dynamo.updateItem(r -> r.tableName(tableName).key(key(recipient))
                    .updateExpression("SET #state = :sent, messageId = :id, sentAt = :now, counted = :counted")
                    .conditionExpression("#state IN (:claimed, :unknown)")
                    .expressionAttributeNames(STATE_NAME)
                    .expressionAttributeValues(Map.of(":sent", AttributeValue.fromS(SendOutcome.SENT.code()),
                            ":id", AttributeValue.fromS(messageId), ":now", AttributeValue.fromS(now.toString()),
                            ":counted", AttributeValue.fromBool(counted),
                            ":claimed", AttributeValue.fromS(SendOutcome.CLAIMED.code()),
                            ":unknown", AttributeValue.fromS(SendOutcome.UNKNOWN.code())))
                    .returnValues(ReturnValue.UPDATED_OLD)).attributes();
            return Optional.of(SendOutcome.of(old.get("state").s()));
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
    }

    /** SES refused it for good (a bad address, ...); written as counted, as {@link #skip} is. */
    public boolean markFailed(Recipient recipient, long claimedAt, String reason, Instant now) {
        return settleClaim(recipient, claimedAt, SendOutcome.FAILED, reason, now, true);
    }

    /** A claim whose send never recorded an answer: not resent (it may have gone), reported. */
    public boolean markUnknown(Recipient recipient, long claimedAt, Instant now) {
        return settleClaim(recipient, claimedAt, SendOutcome.UNKNOWN, "no answer recorded from SES after the claim", now, false);
    }

    /** The outcome is in the mailing's counts; false if it already was. */
    public boolean markCounted(Recipient recipient) {
        try {
            dynamo.updateItem(r -> r.tableName(tableName).key(key(recipient))
                    .updateExpression("SET counted = :true")
                    .conditionExpression("attribute_exists(PK) AND (attribute_not_exists(counted) OR counted = :false)")
                    .expressionAttributeValues(Map.of(":true", AttributeValue.fromBool(true), ":false", AttributeValue.fromBool(false))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** The contacts parked while the mailing was paused. */
    public void forEachHeld(String orgId, String mailingId, Consumer<String> contactId) {
        query(orgId, mailingId, builder -> builder.filterExpression("#state = :held")
                        .expressionAttributeNames(STATE_NAME)
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Keys.sendRecords(orgId, mailingId)),
                                ":held", AttributeValue.fromS(SendOutcome.HELD.code())))
                        .projectionExpression("SK"),
                item -> contactId.accept(item.get("SK").s().substring(Keys.sendRecordSk("").length())));
    }

    /** The claims of the mailing still without an outcome: contact id and when each was claimed. */
    public void forEachClaim(String orgId, String mailingId, java.util.function.ObjLongConsumer<String> claim) {
        query(orgId, mailingId, builder -> builder.filterExpression("#state = :claimed")
                        .expressionAttributeNames(STATE_NAME)
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Keys.sendRecords(orgId, mailingId)),
                                ":claimed", AttributeValue.fromS(SendOutcome.CLAIMED.code())))
                        .projectionExpression("SK, claimedAt"),
                item -> claim.accept(item.get("SK").s().substring(Keys.sendRecordSk("").length()),
                        item.containsKey("claimedAt") ? Long.parseLong(item.get("claimedAt").n()) : 0L));
    }

    /** The exact number of records in each state, read from every record of the mailing. */
    public Map<SendOutcome, Long> countByOutcome(String orgId, String mailingId) {
        Map<SendOutcome, Long> counts = new EnumMap<>(SendOutcome.class);
        query(orgId, mailingId, builder -> builder.projectionExpression(STATE).expressionAttributeNames(STATE_NAME)
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Keys.sendRecords(orgId, mailingId)))),
                item -> counts.merge(SendOutcome.of(item.get("state").s()), 1L, Long::sum));
        return counts;
    }

    private void query(String orgId, String mailingId, Consumer<QueryRequest.Builder> options, Consumer<Map<String, AttributeValue>> each) {
        Map<String, AttributeValue> start = null;
        do {
            QueryRequest.Builder request = QueryRequest.builder().tableName(tableName).keyConditionExpression("PK = :pk")
                    .consistentRead(true).exclusiveStartKey(start);
            options.accept(request);
            QueryResponse page = dynamo.query(request.build());
            page.items().forEach(each);
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
    }

    private boolean settleClaim(Recipient recipient, long claimedAt, SendOutcome outcome, String reason, Instant now, boolean counted) {
        try {
            dynamo.updateItem(r -> r.tableName(tableName).key(key(recipient))
                    .updateExpression("SET #state = :outcome, reason = :reason, #at = :now, counted = :counted")
                    .conditionExpression("#state = :claimed AND claimedAt = :claimedAt")
                    .expressionAttributeNames(Map.of(STATE, "state", "#at", "at"))
                    .expressionAttributeValues(Map.of(":outcome", AttributeValue.fromS(outcome.code()),
                            ":reason", AttributeValue.fromS(reason), ":now", AttributeValue.fromS(now.toString()),
                            ":counted", AttributeValue.fromBool(counted),
                            ":claimed", AttributeValue.fromS(SendOutcome.CLAIMED.code()), ":claimedAt", number(claimedAt))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private boolean put(Recipient recipient, SendOutcome outcome, Map<String, AttributeValue> attributes, String condition) {
        Map<String, AttributeValue> item = new HashMap<>(key(recipient));
        item.put("type", AttributeValue.fromS(TYPE));
        item.put("contactId", AttributeValue.fromS(recipient.contactId()));
        item.put("state", AttributeValue.fromS(outcome.code()));
        item.putAll(attributes);
        Map<String, AttributeValue> values = condition.contains(":held")
                ? Map.of(":held", AttributeValue.fromS(SendOutcome.HELD.code())) : null;
        try {
            dynamo.putItem(r -> r.tableName(tableName).item(item).conditionExpression(condition)
                    .expressionAttributeNames(condition.contains(STATE) ? STATE_NAME : null)
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    static Map<String, AttributeValue> key(Recipient recipient) {
        return TurnoutTable.key(Keys.sendRecords(recipient.orgId(), recipient.mailingId()), Keys.sendRecordSk(recipient.contactId()));
    }

    private static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
