package org.turnout.segment;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import org.turnout.problem.ConflictException;
import org.turnout.store.Attributes;
import org.turnout.store.Keys;
import org.turnout.store.TurnoutTable;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

@ApplicationScoped
public class SegmentRepository {
    private final DynamoDbTable<Segment> items;

    public SegmentRepository(TurnoutTable table) {
        this.items = table.items(Segment.SCHEMA);
    }

    public Optional<Segment> find(String orgId, String segmentId) {
        return Optional.ofNullable(items.getItem(r -> r.key(key(orgId, segmentId)).consistentRead(true)));
    }

    public List<Segment> list(String orgId) {
        return items.query(QueryConditional.sortBeginsWith(
                        Key.builder().partitionValue(Keys.organisation(orgId)).sortValue(Keys.segmentSk("")).build()))
                .items().stream().toList();
    }

    /** Stores a new segment; what it returns is the segment as stored, at its first version. */
    public Segment create(Segment segment) {
        items.putItem(PutItemEnhancedRequest.builder(Segment.class).item(segment)
                .conditionExpression(Expression.builder().expression("attribute_not_exists(" + Attributes.PK + ")").build()).build());
        return segment.withVersion(1L);
    }

    /** Replaces the segment if its version is still the one read; what it returns is the segment as stored. */
    public Segment update(Segment segment) {
        try {
            items.putItem(segment);
            return segment.withVersion(segment.version() + 1);
        } catch (ConditionalCheckFailedException e) {
            throw new ConflictException("segment " + segment.segmentId() + " was changed meanwhile; read it again");
        }
    }

    public boolean delete(String orgId, String segmentId) {
        return items.deleteItem(key(orgId, segmentId)) != null;
    }

    private static Key key(String orgId, String segmentId) {
        return Key.builder().partitionValue(Keys.organisation(orgId)).sortValue(Keys.segmentSk(segmentId)).build();
    }
}
