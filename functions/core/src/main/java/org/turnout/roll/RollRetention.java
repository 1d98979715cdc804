package org.turnout.roll;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.turnout.store.Keys;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSortKey;

/**
 * The organisation's election date and how many days after it the electoral roll is kept:
 * {@code ORG#o / ROLLRETENTION}. The roll may serve the campaign only, so it ends with it.
 */
@DynamoDbBean
public class RollRetention {
    private String orgId;
    private String electionDate;
    private Integer retentionDays;
    private Instant updatedAt;

    @DynamoDbPartitionKey
    @DynamoDbAttribute("PK")
    public String getPk() {
        return Keys.organisation(orgId);
    }

    public void setPk(String pk) {
        // derived
    }

    @DynamoDbSortKey
    @DynamoDbAttribute("SK")
    public String getSk() {
        return Keys.ROLL_RETENTION_SK;
    }

    public void setSk(String sk) {
        // constant
    }

    public String getType() {
        return "rollRetention";
    }

    public void setType(String type) {
        // constant
    }

    /** The end of the last day of retention, in the organisation's time zone: when the roll goes. */
    public Instant expiresAt(ZoneId zone) {
        return LocalDate.parse(electionDate).plusDays(retentionDays + 1L).atStartOfDay(zone).toInstant();
    }

    public String getOrgId() {
        return orgId;
    }

    public void setOrgId(String orgId) {
        this.orgId = orgId;
    }

    public String getElectionDate() {
        return electionDate;
    }

    public void setElectionDate(String electionDate) {
        this.electionDate = electionDate;
    }

    public Integer getRetentionDays() {
        return retentionDays;
    }

    public void setRetentionDays(Integer retentionDays) {
        this.retentionDays = retentionDays;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public void setUpdatedAt(Instant updatedAt) {
        this.updatedAt = updatedAt;
    }
}
