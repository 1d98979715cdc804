package org.turnout.organisation;

import java.time.Instant;
import java.util.List;
import org.turnout.store.Attributes;
import org.turnout.store.Keys;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.extensions.VersionedRecordExtension;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/** An organisation (tenant) item: {@code ORG#o / ORG}, listed on GSI1 under {@code ORGS}. */
public final class Organisation {
    public static final String TYPE = "organisation";
    public static final String ID = "id";
    public static final String NAME = "name";
    public static final String LANGUAGE = "language";
    public static final String TIME_ZONE = "timeZone";
    public static final String SENDERS = "senders";
    public static final String SEND_RATE_PER_SECOND = "sendRatePerSecond";
    public static final String PUBLIC_SIGNUP = "publicSignup";
    public static final String ALLOWED_TAGS = "allowedTags";
    public static final String SIGNUP_ORIGINS = "signupOrigins";
    public static final String SIGNUP_THANK_YOU_URL = "signupThankYouUrl";
    public static final String CREATED_AT = "createdAt";
    public static final String UPDATED_AT = "updatedAt";

    public static final TableSchema<Organisation> SCHEMA = StaticImmutableTableSchema.builder(Organisation.class, Builder.class)
            .newItemBuilder(Builder::new, Builder::build)
            // keys and type are derived from the id, never read back
            .addAttribute(String.class, a -> a.name(Attributes.PK).getter(o -> Keys.organisation(o.id())).setter((b, derived) -> { })
                    .tags(StaticAttributeTags.primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name(Attributes.SK).getter(o -> Keys.ORGANISATION_SK).setter((b, constant) -> { })
                    .tags(StaticAttributeTags.primarySortKey()))
            .addAttribute(String.class, a -> a.name(Attributes.GSI1PK).getter(o -> Keys.ORGANISATIONS_GSI1PK).setter((b, constant) -> { })
                    .tags(StaticAttributeTags.secondaryPartitionKey("GSI1")))
            .addAttribute(String.class, a -> a.name(Attributes.GSI1SK).getter(Organisation::id).setter((b, derived) -> { })
                    .tags(StaticAttributeTags.secondarySortKey("GSI1")))
            .addAttribute(String.class, a -> a.name(Attributes.TYPE).getter(o -> TYPE).setter((b, constant) -> { }))
            .addAttribute(String.class, a -> a.name(ID).getter(Organisation::id).setter(Builder::id))
            .addAttribute(String.class, a -> a.name(NAME).getter(Organisation::name).setter(Builder::name))
            .addAttribute(String.class, a -> a.name(LANGUAGE).getter(Organisation::language).setter(Builder::language))
            .addAttribute(String.class, a -> a.name(TIME_ZONE).getter(Organisation::timeZone).setter(Builder::timeZone))
            .addAttribute(EnhancedType.listOf(EnhancedType.documentOf(Sender.class, Sender.SCHEMA)), a -> a.name(SENDERS).getter(Organisation::senders).setter(Builder::senders))
            .addAttribute(Integer.class, a -> a.name(SEND_RATE_PER_SECOND).getter(Organisation::sendRatePerSecond).setter(Builder::sendRatePerSecond))
            .addAttribute(Boolean.class, a -> a.name(PUBLIC_SIGNUP).getter(Organisation::publicSignup).setter(Builder::publicSignup))
            .addAttribute(EnhancedType.listOf(String.class), a -> a.name(ALLOWED_TAGS).getter(Organisation::allowedTags).setter(Builder::allowedTags))
            .addAttribute(EnhancedType.listOf(String.class), a -> a.name(SIGNUP_ORIGINS).getter(Organisation::signupOrigins).setter(Builder::signupOrigins))
            .addAttribute(String.class, a -> a.name(SIGNUP_THANK_YOU_URL).getter(Organisation::signupThankYouUrl).setter(Builder::signupThankYouUrl))
            .addAttribute(Instant.class, a -> a.name(CREATED_AT).getter(Organisation::createdAt).setter(Builder::createdAt))
            .addAttribute(Instant.class, a -> a.name(UPDATED_AT).getter(Organisation::updatedAt).setter(Builder::updatedAt))
            .addAttribute(Long.class, a -> a.name(Attributes.VERSION).getter(Organisation::version).setter(Builder::version)
                    .tags(VersionedRecordExtension.AttributeTags.versionAttribute()))
            .build();

    private final String id;
    private final String name;
    private final String language;
    private final String timeZone;
    private final List<Sender> senders;
    private final Integer sendRatePerSecond;
    private final Boolean publicSignup;
    private final List<String> allowedTags;
    private final List<String> signupOrigins;
    private final String signupThankYouUrl;
    private final Instant createdAt;
    private final Instant updatedAt;
    private final Long version;

    private Organisation(Builder builder) {
        this.id = builder.id;
        this.name = builder.name;
        this.language = builder.language;
        this.timeZone = builder.timeZone;
        this.senders = List.copyOf(builder.senders);
        this.sendRatePerSecond = builder.sendRatePerSecond;
        this.publicSignup = builder.publicSignup;
        this.allowedTags = List.copyOf(builder.allowedTags);
        this.signupOrigins = List.copyOf(builder.signupOrigins);
        this.signupThankYouUrl = builder.signupThankYouUrl;
        this.createdAt = builder.createdAt;
        this.updatedAt = builder.updatedAt;
        this.version = builder.version;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().id(id).name(name).language(language).timeZone(timeZone).senders(senders).sendRatePerSecond(sendRatePerSecond).publicSignup(publicSignup).allowedTags(allowedTags).signupOrigins(signupOrigins).signupThankYouUrl(signupThankYouUrl).createdAt(createdAt).updatedAt(updatedAt).version(version);
    }

    /** The same organisation at another version: what a write that succeeded stored. */
    public Organisation withVersion(Long version) {
        return toBuilder().version(version).build();
    }

    public String type() {
        return TYPE;
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String language() {
        return language;
    }

    public String timeZone() {
        return timeZone;
    }

    public List<Sender> senders() {
        return senders;
    }

    public Integer sendRatePerSecond() {
        return sendRatePerSecond;
    }

    public Boolean publicSignup() {
        return publicSignup;
    }

    public List<String> allowedTags() {
        return allowedTags;
    }

    public List<String> signupOrigins() {
        return signupOrigins;
    }

    public String signupThankYouUrl() {
        return signupThankYouUrl;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public Long version() {
        return version;
    }

    public Language languageOrDefault() {
        return Language.of(language).orElse(Language.FR);
    }

    public boolean signupOpen() {
        return Boolean.TRUE.equals(publicSignup);
    }

    public OrganisationSettings settings() {
        return new OrganisationSettings(id, name, language, timeZone,
                senders.stream().map(s -> new OrganisationSettings.SenderIdentity(s.name(), s.address())).toList(),
                sendRatePerSecond, publicSignup, allowedTags, signupOrigins, signupThankYouUrl, version);
    }

    public static final class Builder {
        private String id;
        private String name;
        private String language;
        private String timeZone;
        private List<Sender> senders = List.of();
        private Integer sendRatePerSecond;
        private Boolean publicSignup;
        private List<String> allowedTags = List.of();
        private List<String> signupOrigins = List.of();
        private String signupThankYouUrl;
        private Instant createdAt;
        private Instant updatedAt;
        private Long version;

        private Builder() {
        }

        public Builder id(String id) {
            this.id = id;
            return this;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder language(String language) {
            this.language = language;
            return this;
        }

        public Builder timeZone(String timeZone) {
            this.timeZone = timeZone;
            return this;
        }

        public Builder senders(List<Sender> senders) {
            this.senders = senders == null ? List.of() : senders;
            return this;
        }

        public Builder sendRatePerSecond(Integer sendRatePerSecond) {
            this.sendRatePerSecond = sendRatePerSecond;
            return this;
        }

        public Builder publicSignup(Boolean publicSignup) {
            this.publicSignup = publicSignup;
            return this;
        }

        public Builder allowedTags(List<String> allowedTags) {
            this.allowedTags = allowedTags == null ? List.of() : allowedTags;
            return this;
        }

        public Builder signupOrigins(List<String> signupOrigins) {
            this.signupOrigins = signupOrigins == null ? List.of() : signupOrigins;
            return this;
        }

        public Builder signupThankYouUrl(String signupThankYouUrl) {
            this.signupThankYouUrl = signupThankYouUrl;
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

        public Builder version(Long version) {
            this.version = version;
            return this;
        }

        public Organisation build() {
            return new Organisation(this);
        }
    }
}
