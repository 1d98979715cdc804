package org.turnout.segment;

import static org.turnout.store.ItemSchemas.attribute;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.time.Instant;
import org.turnout.store.Keys;
import org.turnout.store.OrganisationItem;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/** A saved segment: {@code ORG#o / SEG#<id>}, its rule kept as the JSON staff wrote. */
@RecordBuilder
public record Segment(
        String orgId, Long version, String segmentId, String name, String rule, Boolean allowImported,
        Instant createdAt, Instant updatedAt)
        implements OrganisationItem, SegmentBuilder.With {
    public static final String TYPE = "segment";
    public static final String SEGMENT_ID = "segmentId";
    public static final String NAME = "name";
    public static final String RULE = "rule";
    public static final String ALLOW_IMPORTED = "allowImported";
    public static final String CREATED_AT = "createdAt";
    public static final String UPDATED_AT = "updatedAt";

    public static final TableSchema<Segment> SCHEMA =
            OrganisationItem.schema(Segment.class, SegmentBuilder.class, SegmentBuilder::builder, SegmentBuilder::build,
                            SegmentBuilder::orgId, SegmentBuilder::version)
                    .addAttribute(String.class, attribute(SEGMENT_ID, Segment::segmentId, SegmentBuilder::segmentId))
                    .addAttribute(String.class, attribute(NAME, Segment::name, SegmentBuilder::name))
                    .addAttribute(String.class, attribute(RULE, Segment::rule, SegmentBuilder::rule))
                    .addAttribute(Boolean.class, attribute(ALLOW_IMPORTED, Segment::allowImported, SegmentBuilder::allowImported))
                    .addAttribute(Instant.class, attribute(CREATED_AT, Segment::createdAt, SegmentBuilder::createdAt))
                    .addAttribute(Instant.class, attribute(UPDATED_AT, Segment::updatedAt, SegmentBuilder::updatedAt))
                    .build();

    @Override
    public String sk() {
        return Keys.segmentSk(segmentId);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
