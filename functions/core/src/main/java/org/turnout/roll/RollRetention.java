package org.turnout.roll;

import static org.turnout.store.ItemSchemas.attribute;

import io.soabase.recordbuilder.core.RecordBuilder;
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
@RecordBuilder
public record RollRetention(String orgId, String electionDate, Integer retentionDays, Instant updatedAt)
        implements RollRetentionBuilder.With {
    public static final String TYPE = "rollRetention";
    public static final String ELECTION_DATE = "electionDate";
    public static final String RETENTION_DAYS = "retentionDays";
    public static final String UPDATED_AT = "updatedAt";

    public static final TableSchema<RollRetention> SCHEMA =
            ItemSchemas.keyed(RollRetention.class, RollRetentionBuilder.class, RollRetentionBuilder::builder, RollRetentionBuilder::build,
                            r -> Keys.organisation(r.orgId), r -> Keys.ROLL_RETENTION_SK, TYPE)
                    .addAttribute(String.class, attribute(Attributes.ORG_ID, RollRetention::orgId, RollRetentionBuilder::orgId))
                    .addAttribute(String.class, attribute(ELECTION_DATE, RollRetention::electionDate, RollRetentionBuilder::electionDate))
                    .addAttribute(Integer.class, attribute(RETENTION_DAYS, RollRetention::retentionDays, RollRetentionBuilder::retentionDays))
                    .addAttribute(Instant.class, attribute(UPDATED_AT, RollRetention::updatedAt, RollRetentionBuilder::updatedAt))
                    .build();

    /** The end of the last day of retention, in the organisation's time zone: when the roll goes. */
    public Instant expiresAt(ZoneId zone) {
        return LocalDate.parse(electionDate).plusDays(retentionDays + 1L).atStartOfDay(zone).toInstant();
    }
}
