package org.turnout.audit;

import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.turnout.problem.InvalidInputException;
import org.turnout.store.Keys;
import org.turnout.store.TurnoutTable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The audit trail of admin actions of an organisation: one item per action under
 * {@code ORG#o#AUDIT}, its sort key the time (fixed width, so text order is time order) and a
 * random suffix, so that two actions in the same millisecond are both kept.
 */
@Singleton
public record AuditTrail(TurnoutTable table, Clock clock) {
    public static final int DEFAULT_PAGE = 50;
    public static final int MAX_PAGE = 200;
    /** The most entries one filtered page reads before it answers. */
    public static final int MAX_READ_PER_PAGE = 1000;
    private static final Pattern ACTION = Pattern.compile("[a-z]+(\\.[a-z-]+)+");
    private static final DateTimeFormatter SORTABLE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern SORT_KEY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z#[0-9a-f]{8}");
    private static final SecureRandom RANDOM = new SecureRandom();

    public void record(String orgId, String actor, String action, String target, String detail) {
        Instant now = clock.instant();
        byte[] suffix = new byte[4];
        RANDOM.nextBytes(suffix);
        Map<String, AttributeValue> item = new HashMap<>(TurnoutTable.key(Keys.auditTrail(orgId),
                SORTABLE_TIME.format(now) + "#" + HexFormat.of().formatHex(suffix)));
        item.put("type", AttributeValue.fromS("audit"));
        item.put("at", AttributeValue.fromS(now.toString()));
        item.put("actor", AttributeValue.fromS(actor == null ? "unknown" : actor));
        item.put("action", AttributeValue.fromS(action));
        if (target != null) {
            item.put("target", AttributeValue.fromS(target));
        }
        if (detail != null && !detail.isBlank()) {
            item.put("detail", AttributeValue.fromS(detail));
        }
        table.client().putItem(PutItemRequest.builder().tableName(table.name()).item(item)
                .conditionExpression("attribute_not_exists(PK)").build());
    }

    /** Newest first; {@code cursor} is the {@code next} of the previous page. */
    public AuditPage list(String orgId, Integer limit, String cursor) {
        return list(orgId, limit, cursor, null);
    }

    /**
     * Newest first, only the entries of {@code action} if it is given. The trail has no index by action: DynamoDB
     * reads the organisation's entries in time order and drops the others after reading them (a filter expression),
     * so a filtered page costs the entries it passes over. A page stops after {@link #MAX_READ_PER_PAGE} of them,
     * perhaps short, with the cursor where it stopped: a rare action costs several pages, never one unbounded read.
     */
    public AuditPage list(String orgId, Integer limit, String cursor, String action) {
        int size = limit == null ? DEFAULT_PAGE : limit;
        if (size < 1 || size > MAX_PAGE) {
            throw InvalidInputException.of("limit", "must be between 1 and " + MAX_PAGE);
        }
        if (action != null && !ACTION.matcher(action).matches()) {
            throw InvalidInputException.of("action", "is not an action name (for example member.invite)");
        }
        Map<String, AttributeValue> start = cursor == null ? null : TurnoutTable.key(Keys.auditTrail(orgId), decodeCursor(cursor));
        List<AuditEntry> entries = new ArrayList<>();
        int read = 0;
        do {
            // a filter's limit counts the entries read, not those kept
            int toRead = action == null ? size - entries.size() : MAX_READ_PER_PAGE - read;
            QueryResponse response = table.client().query(query(orgId, toRead, start, action));
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
            for (Map<String, AttributeValue> item : response.items()) {
                entries.add(new AuditEntry(Instant.parse(item.get("at").s()), text(item, "actor"), text(item, "action"),
                        text(item, "target"), text(item, "detail")));
                if (entries.size() == size) {
                    // a filtered read may find more than the page holds: the next page starts after the last one shown
                    start = TurnoutTable.key(Keys.auditTrail(orgId), item.get("SK").s());
                    break;
                }
            }
            read += response.scannedCount() == null ? response.count() : response.scannedCount();
        } while (start != null && entries.size() < size && read < MAX_READ_PER_PAGE);
        String next = start == null ? null
                : Base64.getUrlEncoder().withoutPadding().encodeToString(start.get("SK").s().getBytes(StandardCharsets.UTF_8));
        return new AuditPage(entries, next);
    }

    private QueryRequest query(String orgId, int toRead, Map<String, AttributeValue> start, String action) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":pk", AttributeValue.fromS(Keys.auditTrail(orgId))));
        QueryRequest.Builder query = QueryRequest.builder().tableName(table.name())
                .keyConditionExpression("PK = :pk")
                .scanIndexForward(false)
                .limit(toRead)
                .exclusiveStartKey(start);
        if (action != null) {
            values.put(":action", AttributeValue.fromS(action));
            query.filterExpression("#action = :action").expressionAttributeNames(Map.of("#action", "action"));
        }
        return query.expressionAttributeValues(values).build();
    }

    private static String decodeCursor(String cursor) {
        try {
            String sortKey = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (SORT_KEY.matcher(sortKey).matches()) {
                return sortKey;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw InvalidInputException.of("cursor", "is not a cursor this list gave");
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }
}
