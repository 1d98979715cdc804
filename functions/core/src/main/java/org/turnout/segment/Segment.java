package org.turnout.segment;

import java.time.Instant;
import org.turnout.store.Keys;
import org.turnout.store.OrganisationItem;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/** A saved segment: {@code ORG#o / SEG#<id>}, its rule kept as the JSON staff wrote. */
public final class Segment implements OrganisationItem {
    public static final String TYPE = "segment";
    public static final String SEGMENT_ID = "segmentId";
    public static final String NAME = "name";
    public static final String RULE = "rule";
    public static final String ALLOW_IMPORTED = "allowImported";
    public static final String CREATED_AT = "createdAt";
    public static final String UPDATED_AT = "updatedAt";

    public static final TableSchema<Segment> SCHEMA =
            OrganisationItem.schema(Segment.class, Builder.class, Builder::new, Builder::build)
                    .addAttribute(String.class, a -> a.name(SEGMENT_ID).getter(Segment::segmentId).setter(Builder::segmentId))
                    .addAttribute(String.class, a -> a.name(NAME).getter(Segment::name).setter(Builder::name))
                    .addAttribute(String.class, a -> a.name(RULE).getter(Segment::rule).setter(Builder::rule))
                    .addAttribute(Boolean.class, a -> a.name(ALLOW_IMPORTED).getter(Segment::allowImported).setter(Builder::allowImported))
                    .addAttribute(Instant.class, a -> a.name(CREATED_AT).getter(Segment::createdAt).setter(Builder::createdAt))
                    .addAttribute(Instant.class, a -> a.name(UPDATED_AT).getter(Segment::updatedAt).setter(Builder::updatedAt))
                    .build();

    private final String orgId;
    private final Long version;
    private final String segmentId;
    private final String name;
    private final String rule;
    private final Boolean allowImported;
    private final Instant createdAt;
    private final Instant updatedAt;

    private Segment(Builder builder) {
        this.orgId = builder.orgId();
        this.version = builder.version();
        this.segmentId = builder.segmentId;
        this.name = builder.name;
        this.rule = builder.rule;
        this.allowImported = builder.allowImported;
        this.createdAt = builder.createdAt;
        this.updatedAt = builder.updatedAt;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().orgId(orgId).version(version).segmentId(segmentId).name(name).rule(rule)
                .allowImported(allowImported).createdAt(createdAt).updatedAt(updatedAt);
    }

    /** The same segment at another version: what a write that succeeded stored. */
    public Segment withVersion(Long version) {
        return toBuilder().version(version).build();
    }

    @Override
    public String sk() {
        return Keys.segmentSk(segmentId);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String orgId() {
        return orgId;
    }

    @Override
    public Long version() {
        return version;
    }

    public String segmentId() {
        return segmentId;
    }

    public String name() {
        return name;
    }

    public String rule() {
        return rule;
    }

    public Boolean allowImported() {
        return allowImported;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public static final class Builder extends OrganisationItem.Builder<Builder> {
        private String segmentId;
        private String name;
        private String rule;
        private Boolean allowImported;
        private Instant createdAt;
        private Instant updatedAt;

        private Builder() {
        }

        public Builder segmentId(String segmentId) {
            this.segmentId = segmentId;
            return this;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder rule(String rule) {
            this.rule = rule;
            return this;
        }

        public Builder allowImported(Boolean allowImported) {
            this.allowImported = allowImported;
            return this;
        }

        public Builder createdAt(Instant createdAt) {
            this.createdAt = createdAt;
            return this;
        }

        public Builder updatedAt(Instant updatedAt) {
            this.updatedAt = updatedAt;
            return this;
        }

        public Segment build() {
            return new Segment(this);
        }
    }
}
