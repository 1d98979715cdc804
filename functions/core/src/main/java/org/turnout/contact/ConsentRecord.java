package org.turnout.contact;

import static org.turnout.store.ItemSchemas.attribute;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.time.Instant;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/** How and when a contact gave consent: kept as the proof a regulator may ask for. */
@RecordBuilder
public record ConsentRecord(String source, String textVersion, String ipHash, Instant requestedAt, Instant confirmedAt)
        implements ConsentRecordBuilder.With {
    public static final String SOURCE = "source";
    public static final String TEXT_VERSION = "textVersion";
    public static final String IP_HASH = "ipHash";
    public static final String REQUESTED_AT = "requestedAt";
    public static final String CONFIRMED_AT = "confirmedAt";

    /** Stored as a map inside its contact. */
    public static final TableSchema<ConsentRecord> SCHEMA = StaticImmutableTableSchema.builder(ConsentRecord.class, ConsentRecordBuilder.class)
            .newItemBuilder(ConsentRecordBuilder::builder, ConsentRecordBuilder::build)
            .addAttribute(String.class, attribute(SOURCE, ConsentRecord::source, ConsentRecordBuilder::source))
            .addAttribute(String.class, attribute(TEXT_VERSION, ConsentRecord::textVersion, ConsentRecordBuilder::textVersion))
            .addAttribute(String.class, attribute(IP_HASH, ConsentRecord::ipHash, ConsentRecordBuilder::ipHash))
            .addAttribute(Instant.class, attribute(REQUESTED_AT, ConsentRecord::requestedAt, ConsentRecordBuilder::requestedAt))
            .addAttribute(Instant.class, attribute(CONFIRMED_AT, ConsentRecord::confirmedAt, ConsentRecordBuilder::confirmedAt))
            .build();
}
