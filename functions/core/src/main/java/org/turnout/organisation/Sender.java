package org.turnout.organisation;

import static org.turnout.store.ItemSchemas.attribute;

import io.soabase.recordbuilder.core.RecordBuilder;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/** A sender identity verified in SES for this organisation: the From of its emails. */
@RecordBuilder
public record Sender(String name, String address) implements SenderBuilder.With {
    public static final String NAME = "name";
    public static final String ADDRESS = "address";

    /** Stored as a map inside its organisation's item. */
    public static final TableSchema<Sender> SCHEMA = StaticImmutableTableSchema.builder(Sender.class, SenderBuilder.class)
            .newItemBuilder(SenderBuilder::builder, SenderBuilder::build)
            .addAttribute(String.class, attribute(NAME, Sender::name, SenderBuilder::name))
            .addAttribute(String.class, attribute(ADDRESS, Sender::address, SenderBuilder::address))
            .build();
}
