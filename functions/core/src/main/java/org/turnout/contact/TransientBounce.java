package org.turnout.contact;

import static org.turnout.store.ItemSchemas.attribute;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.time.Instant;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/** A transient (soft) bounce of one message, kept until a later delivery shows the address works. */
@RecordBuilder
public record TransientBounce(String messageId, Instant at) implements TransientBounceBuilder.With {
    public static final String MESSAGE_ID = "messageId";
    public static final String AT = "at";

    /** Stored as a map in its contact's list of bounces. */
    public static final TableSchema<TransientBounce> SCHEMA = StaticImmutableTableSchema.builder(TransientBounce.class, TransientBounceBuilder.class)
            .newItemBuilder(TransientBounceBuilder::builder, TransientBounceBuilder::build)
            .addAttribute(String.class, attribute(MESSAGE_ID, TransientBounce::messageId, TransientBounceBuilder::messageId))
            .addAttribute(Instant.class, attribute(AT, TransientBounce::at, TransientBounceBuilder::at))
            .build();
}
