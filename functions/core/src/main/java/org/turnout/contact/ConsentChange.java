package org.turnout.contact;

import static org.turnout.store.ItemSchemas.attribute;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.time.Instant;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/**
 * One change of a contact's consent status, kept on the contact as its history: what it was,
 * what it became, why, and the mailing it came from (an unsubscribe link, a bounce, a complaint).
 */
@RecordBuilder
public record ConsentChange(Instant at, String from, String to, String reason, String mailingId)
        implements ConsentChangeBuilder.With {
    public static final String AT = "at";
    public static final String FROM = "from";
    public static final String TO = "to";
    public static final String REASON = "reason";
    public static final String MAILING_ID = "mailingId";

    /** Stored as a map in its contact's consent history; statuses as their codes. */
    public static final TableSchema<ConsentChange> SCHEMA = StaticImmutableTableSchema.builder(ConsentChange.class, ConsentChangeBuilder.class)
            .newItemBuilder(ConsentChangeBuilder::builder, ConsentChangeBuilder::build)
            .addAttribute(Instant.class, attribute(AT, ConsentChange::at, ConsentChangeBuilder::at))
            .addAttribute(String.class, attribute(FROM, ConsentChange::from, ConsentChangeBuilder::from))
            .addAttribute(String.class, attribute(TO, ConsentChange::to, ConsentChangeBuilder::to))
            .addAttribute(String.class, attribute(REASON, ConsentChange::reason, ConsentChangeBuilder::reason))
            .addAttribute(String.class, attribute(MAILING_ID, ConsentChange::mailingId, ConsentChangeBuilder::mailingId))
            .build();

    public static ConsentChange of(Instant at, ContactStatus from, ContactStatus to, String reason, String mailingId) {
        return ConsentChangeBuilder.builder().at(at).from(from.code()).to(to.code()).reason(reason).mailingId(mailingId).build();
    }
}
