package org.turnout.contact;

import java.time.Instant;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/** How and when a contact gave consent: kept as the proof a regulator may ask for. */
public final class ConsentRecord {
    public static final String SOURCE = "source";
    public static final String TEXT_VERSION = "textVersion";
    public static final String IP_HASH = "ipHash";
    public static final String REQUESTED_AT = "requestedAt";
    public static final String CONFIRMED_AT = "confirmedAt";

    /** Stored as a map inside its contact. */
    public static final TableSchema<ConsentRecord> SCHEMA = StaticImmutableTableSchema.builder(ConsentRecord.class, Builder.class)
            .newItemBuilder(Builder::new, Builder::build)
            .addAttribute(String.class, a -> a.name(SOURCE).getter(ConsentRecord::source).setter(Builder::source))
            .addAttribute(String.class, a -> a.name(TEXT_VERSION).getter(ConsentRecord::textVersion).setter(Builder::textVersion))
            .addAttribute(String.class, a -> a.name(IP_HASH).getter(ConsentRecord::ipHash).setter(Builder::ipHash))
            .addAttribute(Instant.class, a -> a.name(REQUESTED_AT).getter(ConsentRecord::requestedAt).setter(Builder::requestedAt))
            .addAttribute(Instant.class, a -> a.name(CONFIRMED_AT).getter(ConsentRecord::confirmedAt).setter(Builder::confirmedAt))
            .build();

    private final String source;
    private final String textVersion;
    private final String ipHash;
    private final Instant requestedAt;
    private final Instant confirmedAt;

    private ConsentRecord(Builder builder) {
        this.source = builder.source;
        this.textVersion = builder.textVersion;
        this.ipHash = builder.ipHash;
        this.requestedAt = builder.requestedAt;
        this.confirmedAt = builder.confirmedAt;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().source(source).textVersion(textVersion).ipHash(ipHash).requestedAt(requestedAt).confirmedAt(confirmedAt);
    }

    /** The same consent, confirmed at {@code at}. */
    public ConsentRecord withConfirmedAt(Instant at) {
        return toBuilder().confirmedAt(at).build();
    }

    public String source() {
        return source;
    }

    public String textVersion() {
        return textVersion;
    }

    public String ipHash() {
        return ipHash;
    }

    public Instant requestedAt() {
        return requestedAt;
    }

    public Instant confirmedAt() {
        return confirmedAt;
    }

    public static final class Builder {
        private String source;
        private String textVersion;
        private String ipHash;
        private Instant requestedAt;
        private Instant confirmedAt;

        private Builder() {
        }

        public Builder source(String source) {
            this.source = source;
            return this;
        }

        public Builder textVersion(String textVersion) {
            this.textVersion = textVersion;
            return this;
        }

        public Builder ipHash(String ipHash) {
            this.ipHash = ipHash;
            return this;
        }

        public Builder requestedAt(Instant requestedAt) {
            this.requestedAt = requestedAt;
            return this;
        }

        public Builder confirmedAt(Instant confirmedAt) {
            this.confirmedAt = confirmedAt;
            return this;
        }

        public ConsentRecord build() {
            return new ConsentRecord(this);
        }
    }
}
