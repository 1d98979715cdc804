package org.turnout.contact;

import java.time.Instant;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/**
 * One change of a contact's consent status, kept on the contact as its history: what it was,
 * what it became, why, and the mailing it came from (an unsubscribe link, a bounce, a complaint).
 */
public final class ConsentChange {
    public static final String AT = "at";
    public static final String FROM = "from";
    public static final String TO = "to";
    public static final String REASON = "reason";
    public static final String MAILING_ID = "mailingId";

    /** Stored as a map in its contact's consent history; statuses as their codes. */
    public static final TableSchema<ConsentChange> SCHEMA = StaticImmutableTableSchema.builder(ConsentChange.class, Builder.class)
            .newItemBuilder(Builder::new, Builder::build)
            .addAttribute(Instant.class, a -> a.name(AT).getter(ConsentChange::at).setter(Builder::at))
            .addAttribute(String.class, a -> a.name(FROM).getter(ConsentChange::from).setter(Builder::from))
            .addAttribute(String.class, a -> a.name(TO).getter(ConsentChange::to).setter(Builder::to))
            .addAttribute(String.class, a -> a.name(REASON).getter(ConsentChange::reason).setter(Builder::reason))
            .addAttribute(String.class, a -> a.name(MAILING_ID).getter(ConsentChange::mailingId).setter(Builder::mailingId))
            .build();

    private final Instant at;
    private final String from;
    private final String to;
    private final String reason;
    private final String mailingId;

    private ConsentChange(Builder builder) {
        this.at = builder.at;
        this.from = builder.from;
        this.to = builder.to;
        this.reason = builder.reason;
        this.mailingId = builder.mailingId;
    }

    public static ConsentChange of(Instant at, ContactStatus from, ContactStatus to, String reason, String mailingId) {
        return builder().at(at).from(from.code()).to(to.code()).reason(reason).mailingId(mailingId).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().at(at).from(from).to(to).reason(reason).mailingId(mailingId);
    }

    public Instant at() {
        return at;
    }

    public String from() {
        return from;
    }

    public String to() {
        return to;
    }

    public String reason() {
        return reason;
    }

    public String mailingId() {
        return mailingId;
    }

    public static final class Builder {
        private Instant at;
        private String from;
        private String to;
        private String reason;
        private String mailingId;

        private Builder() {
        }

        public Builder at(Instant at) {
            this.at = at;
            return this;
        }

        public Builder from(String from) {
            this.from = from;
            return this;
        }

        public Builder to(String to) {
            this.to = to;
            return this;
        }

        public Builder reason(String reason) {
            this.reason = reason;
            return this;
        }

        public Builder mailingId(String mailingId) {
            this.mailingId = mailingId;
            return this;
        }

        public ConsentChange build() {
            return new ConsentChange(this);
        }
    }
}
