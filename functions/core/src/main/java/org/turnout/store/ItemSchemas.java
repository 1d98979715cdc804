package org.turnout.store;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.enhanced.dynamodb.mapper.ImmutableAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/**
 * What the items' schemas share: the start of the schema of an item kept under keys of its own, one attribute read
 * through the record's accessor and written through its generated builder, and the copies that keep items immutable.
 */
public final class ItemSchemas {
    private ItemSchemas() {
    }

    /**
     * The start of the schema of an item kept under keys of its own (a contact's canvass results, a station's doors
     * and voters, an election's station results): its keys and type, derived from the item's fields through
     * {@link Keys} and never read back.
     */
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

    /** An attribute named {@code name}, read with the item's accessor and set on its builder when read back. */
    public static <T, B, V> Consumer<ImmutableAttribute.Builder<T, B, V>> attribute(
            String name, Function<T, V> getter, BiConsumer<B, V> setter) {
        return a -> a.name(name).getter(getter).setter(setter);
    }

    /** An unmodifiable copy in the same order; {@code null} stays {@code null} (an attribute the item does not have). */
    public static <E> List<E> copy(List<E> list) {
        return list == null ? null : Collections.unmodifiableList(new ArrayList<>(list));
    }

    /** An unmodifiable copy in the same order; {@code null} stays {@code null} (an attribute the item does not have). */
    public static <K, V> Map<K, V> copy(Map<K, V> map) {
        return map == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
