package org.turnout.contact;

import java.time.Instant;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/** A transient (soft) bounce of one message, kept until a later delivery shows the address works. */
public final class TransientBounce {
    public static final String MESSAGE_ID = "messageId";
    public static final String AT = "at";

    /** Stored as a map in its contact's list of bounces. */
    public static final TableSchema<TransientBounce> SCHEMA = StaticImmutableTableSchema.builder(TransientBounce.class, Builder.class)
            .newItemBuilder(Builder::new, Builder::build)
            .addAttribute(String.class, a -> a.name(MESSAGE_ID).getter(TransientBounce::messageId).setter(Builder::messageId))
            .addAttribute(Instant.class, a -> a.name(AT).getter(TransientBounce::at).setter(Builder::at))
            .build();

    private final String messageId;
    private final Instant at;

    private TransientBounce(Builder builder) {
        this.messageId = builder.messageId;
        this.at = builder.at;
    }

    public static TransientBounce of(String messageId, Instant at) {
        return builder().messageId(messageId).at(at).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().messageId(messageId).at(at);
    }

    public String messageId() {
        return messageId;
    }

    public Instant at() {
        return at;
    }

    public static final class Builder {
        private String messageId;
        private Instant at;

        private Builder() {
        }

        public Builder messageId(String messageId) {
            this.messageId = messageId;
            return this;
        }

        public Builder at(Instant at) {
            this.at = at;
            return this;
        }

        public TransientBounce build() {
            return new TransientBounce(this);
        }
    }
}
