package org.turnout.store;

import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.enhanced.dynamodb.extensions.VersionedRecordExtension;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/**
 * An item kept in its organisation's own partition, {@code ORG#o / <kind>#<id>} (segments, mailings, import jobs,
 * elections): the partition key, the type and the version they share. Items are immutable; a change is a new item
 * made with the item's builder.
 */
public interface OrganisationItem {

    String orgId();

    /** The version read, checked by the next write; {@code null} for an item never written. */
    Long version();

    /** The sort key, derived from the item's id through {@link Keys}. */
    String sk();

    /** The kind of item, constant per class. */
    String type();

    /** What the builders of organisation items share. */
    abstract class Builder<B extends Builder<B>> {
        private String orgId;
        private Long version;

        public B orgId(String orgId) {
            this.orgId = orgId;
            return self();
        }

        public B version(Long version) {
            this.version = version;
            return self();
        }

        public String orgId() {
            return orgId;
        }

        public Long version() {
            return version;
        }

        @SuppressWarnings("unchecked")
        protected B self() {
            return (B) this;
        }
    }

    /**
     * The start of an organisation item's schema: its keys and type (derived, never read back: the item's fields
     * hold what they are made of), its organisation and its version (checked on every write).
     */
    static <T extends OrganisationItem, B extends Builder<B>> StaticImmutableTableSchema.Builder<T, B> schema(
            Class<T> itemClass, Class<B> builderClass, Supplier<B> newBuilder, Function<B, T> build) {
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
                .addAttribute(String.class, a -> a.name(Attributes.ORG_ID)
                        .getter(OrganisationItem::orgId).setter(Builder::orgId))
                .addAttribute(Long.class, a -> a.name(Attributes.VERSION)
                        .getter(OrganisationItem::version).setter(Builder::version)
                        .tags(VersionedRecordExtension.AttributeTags.versionAttribute()));
    }
}
