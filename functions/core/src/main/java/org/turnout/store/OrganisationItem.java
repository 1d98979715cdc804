package org.turnout.store;

import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.enhanced.dynamodb.extensions.VersionedRecordExtension;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/**
 * An item kept in its organisation's own partition, {@code ORG#o / <kind>#<id>} (segments, mailings, import jobs,
 * elections): the partition key, the type and the version they share. Items are records; a change is a new item
 * made with the item's generated builder or {@code with...} methods.
 */
public interface OrganisationItem {

    String orgId();

    /** The version read, checked by the next write; {@code null} for an item never written. */
    Long version();

    /** The sort key, derived from the item's id through {@link Keys}. */
    String sk();

    /** The kind of item, constant per class. */
    String type();

    /**
     * The start of an organisation item's schema: its keys and type (derived, never read back: the item's fields
     * hold what they are made of), its organisation and its version (checked on every write).
     */
    static <T extends OrganisationItem, B> StaticImmutableTableSchema.Builder<T, B> schema(
            Class<T> itemClass, Class<B> builderClass, Supplier<B> newBuilder, Function<B, T> build,
            BiConsumer<B, String> orgId, BiConsumer<B, Long> version) {
        return StaticImmutableTableSchema.builder(itemClass, builderClass)
                .newItemBuilder(newBuilder, build)
                .addAttribute(String.class, a -> a.name(Attributes.PK)
                        .getter(item -> Keys.organisation(item.orgId())).setter((builder, derived) -> { })
                        .tags(StaticAttributeTags.primaryPartitionKey()))
                .addAttribute(String.class, a -> a.name(Attributes.SK)
                        .getter(OrganisationItem::sk).setter((builder, derived) -> { })
                        .tags(StaticAttributeTags.primarySortKey()))
                .addAttribute(String.class, a -> a.name(Attributes.TYPE)
                        .getter(OrganisationItem::type).setter((builder, constant) -> { }))
                .addAttribute(String.class, ItemSchemas.attribute(Attributes.ORG_ID, OrganisationItem::orgId, orgId))
                .addAttribute(Long.class, a -> a.name(Attributes.VERSION)
                        .getter(OrganisationItem::version).setter(version)
                        .tags(VersionedRecordExtension.AttributeTags.versionAttribute()));
    }
}
