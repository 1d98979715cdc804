package org.turnout.segment;

import java.time.Instant;
import org.turnout.store.Keys;
import org.turnout.store.OrganisationItem;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSortKey;

/** A saved segment: {@code ORG#o / SEG#<id>}, its rule kept as the JSON staff wrote. */
@DynamoDbBean
public class Segment extends OrganisationItem {
    public static final String TYPE = "segment";

    private String segmentId;
    private String name;
    private String rule;
    private Boolean allowImported;
    private Instant createdAt;
    private Instant updatedAt;

    @Override
    @DynamoDbSortKey
    @DynamoDbAttribute("SK")
    public String getSk() {
        return Keys.segmentSk(segmentId);
    }

    @Override
    public String getType() {
        return TYPE;
    }

    public String getSegmentId() {
        return segmentId;
    }

    public void setSegmentId(String segmentId) {
        this.segmentId = segmentId;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getRule() {
        return rule;
    }

    public void setRule(String rule) {
        this.rule = rule;
    }

    public Boolean getAllowImported() {
        return allowImported;
    }

    public void setAllowImported(Boolean allowImported) {
        this.allowImported = allowImported;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(Instant createdAt) {
        this.createdAt = createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public void setUpdatedAt(Instant updatedAt) {
        this.updatedAt = updatedAt;
    }

}
