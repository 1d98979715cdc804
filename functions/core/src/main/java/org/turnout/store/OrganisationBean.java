package org.turnout.store;

import software.amazon.awssdk.enhanced.dynamodb.extensions.annotations.DynamoDbVersionAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;

/** Being replaced by {@link OrganisationItem}: deleted once the last bean is an immutable item.
 *
 * An item kept in its organisation's own partition, {@code ORG#o / <kind>#<id>} (segments,
 * mailings, import jobs, elections): the partition key, the type and the version they share. A
 * subclass gives its sort key, annotated {@code @DynamoDbSortKey @DynamoDbAttribute("SK")}, and its type.
 */
public abstract class OrganisationBean {
    private String orgId;
    private Long version;

    @DynamoDbPartitionKey
    @DynamoDbAttribute("PK")
    public String getPk() {
        return Keys.organisation(orgId);
    }

    public void setPk(String pk) {
        // derived from the organisation
    }

    public abstract String getSk();

    public void setSk(String sk) {
        // derived from the item's id
    }

    public abstract String getType();

    public void setType(String type) {
        // constant per kind of item
    }

    public String getOrgId() {
        return orgId;
    }

    public void setOrgId(String orgId) {
        this.orgId = orgId;
    }

    @DynamoDbVersionAttribute
    public Long getVersion() {
        return version;
    }

    public void setVersion(Long version) {
        this.version = version;
    }
}
