package org.turnout.segment;

import java.time.Instant;
import org.turnout.store.Keys;
import software.amazon.awssdk.enhanced.dynamodb.extensions.annotations.DynamoDbVersionAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSortKey;

/** A saved segment: {@code ORG#o / SEG#<id>}, its rule kept as the JSON staff wrote. */
@DynamoDbBean
public class Segment {
    public static final String TYPE = "segment";

    private String orgId;
    private String segmentId;
    private String name;
    private String rule;
    private Boolean allowImported;
    private Instant createdAt;
    private Instant updatedAt;
    private Long version;

    @DynamoDbPartitionKey
    @DynamoDbAttribute("PK")
    public String getPk() {
        return Keys.organisation(orgId);
    }

    public void setPk(String pk) {
        // derived from the organisation
    }

    @DynamoDbSortKey
    @DynamoDbAttribute("SK")
    public String getSk() {
        return Keys.segmentSk(segmentId);
    }

    public void setSk(String sk) {
        // derived from the segment id
    }

    public String getType() {
        return TYPE;
    }

    public void setType(String type) {
        // constant
    }

    public String getOrgId() {
        return orgId;
    }

    public void setOrgId(String orgId) {
        this.orgId = orgId;
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

    @DynamoDbVersionAttribute
    public Long getVersion() {
        return version;
    }

    public void setVersion(Long version) {
        this.version = version;
    }
}
