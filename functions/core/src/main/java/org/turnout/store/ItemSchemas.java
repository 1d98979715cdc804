package org.turnout.store;

import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/**
 * The start of the schema of an item kept under keys of its own (a contact's canvass results, a station's doors and
 * voters, an election's station results): its keys and type, derived from the item's fields through {@link Keys}
 * and never read back.
 */
public final class ItemSchemas {
    private ItemSchemas() {
    }

    public static <T, B> StaticImmutableTableSchema.Builder<T, B> keyed(
            Class<T> itemClass, Class<B> builderClass, Supplier<B> newBuilder, Function<B, T> build,
            Function<T, String> partitionKey, Function<T, String> sortKey, String type) {
        return StaticImmutableTableSchema.builder(itemClass, builderClass)
                .newItemBuilder(newBuilder, build)
                .addAttribute(String.class, a -> a.name(Attributes.PK)
                        .getter(partitionKey).setter((builder, derived) -> { })
                        .tags(StaticAttributeTags.primaryPartitionKey()))
                .addAttribute(String.class, a -> a.name(Attributes.SK)
                        .getter(sortKey).setter((builder, derived) -> { })
                        .tags(StaticAttributeTags.primarySortKey()))
                .addAttribute(String.class, a -> a.name(Attributes.TYPE)
                        .getter(item -> type).setter((builder, constant) -> { }));
    }
}
