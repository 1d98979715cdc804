package org.turnout.roll;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.turnout.store.Attributes;
import org.turnout.store.ItemSchemas;
import org.turnout.store.Keys;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/**
 * The organisation's election date and how many days after it the electoral roll is kept:
 * {@code ORG#o / ROLLRETENTION}. The roll may serve the campaign only, so it ends with it.
 */
public final class RollRetention {
    public static final String TYPE = "rollRetention";
    public static final String ELECTION_DATE = "electionDate";
    public static final String RETENTION_DAYS = "retentionDays";
    public static final String UPDATED_AT = "updatedAt";

    public static final TableSchema<RollRetention> SCHEMA =
            ItemSchemas.keyed(RollRetention.class, Builder.class, Builder::new, Builder::build,
                            r -> Keys.organisation(r.orgId), r -> Keys.ROLL_RETENTION_SK, TYPE)
                    .addAttribute(String.class, a -> a.name(Attributes.ORG_ID).getter(RollRetention::orgId).setter(Builder::orgId))
                    .addAttribute(String.class, a -> a.name(ELECTION_DATE).getter(RollRetention::electionDate).setter(Builder::electionDate))
                    .addAttribute(Integer.class, a -> a.name(RETENTION_DAYS).getter(RollRetention::retentionDays).setter(Builder::retentionDays))
                    .addAttribute(Instant.class, a -> a.name(UPDATED_AT).getter(RollRetention::updatedAt).setter(Builder::updatedAt))
                    .build();

    private final String orgId;
    private final String electionDate;
    private final Integer retentionDays;
    private final Instant updatedAt;

    private RollRetention(Builder builder) {
        this.orgId = builder.orgId;
        this.electionDate = builder.electionDate;
        this.retentionDays = builder.retentionDays;
        this.updatedAt = builder.updatedAt;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().orgId(orgId).electionDate(electionDate).retentionDays(retentionDays).updatedAt(updatedAt);
    }

    /** The end of the last day of retention, in the organisation's time zone: when the roll goes. */
    public Instant expiresAt(ZoneId zone) {
        return LocalDate.parse(electionDate).plusDays(retentionDays + 1L).atStartOfDay(zone).toInstant();
    }

    public String orgId() {
        return orgId;
    }

    public String electionDate() {
        return electionDate;
    }

    public Integer retentionDays() {
        return retentionDays;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public static final class Builder {
        private String orgId;
        private String electionDate;
        private Integer retentionDays;
        private Instant updatedAt;

        private Builder() {
        }

        public Builder orgId(String orgId) {
            this.orgId = orgId;
            return this;
        }

        public Builder electionDate(String electionDate) {
            this.electionDate = electionDate;
            return this;
        }

        public Builder retentionDays(Integer retentionDays) {
            this.retentionDays = retentionDays;
            return this;
        }

        public Builder updatedAt(Instant updatedAt) {
            this.updatedAt = updatedAt;
            return this;
        }

        public RollRetention build() {
            return new RollRetention(this);
        }
    }
}
