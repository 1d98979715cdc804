package org.turnout.organisation;

import static org.turnout.store.ItemSchemas.attribute;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.turnout.store.Attributes;
import org.turnout.store.Keys;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.extensions.VersionedRecordExtension;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/** An organisation (tenant) item: {@code ORG#o / ORG}, listed on GSI1 under {@code ORGS}. */
@RecordBuilder
public record Organisation(
        String id, String name, String language, String timeZone, List<Sender> senders, Integer sendRatePerSecond,
        Boolean publicSignup, List<String> allowedTags, List<String> signupOrigins, String signupThankYouUrl,
        String consentText, String consentVersion, Instant createdAt, Instant updatedAt, Long version)
        implements OrganisationBuilder.With {
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
    public static final String CONSENT_TEXT = "consentText";
    public static final String CONSENT_VERSION = "consentVersion";
    public static final String CREATED_AT = "createdAt";
    public static final String UPDATED_AT = "updatedAt";

    public static final TableSchema<Organisation> SCHEMA = StaticImmutableTableSchema.builder(Organisation.class, OrganisationBuilder.class)
            .newItemBuilder(OrganisationBuilder::builder, OrganisationBuilder::build)
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
            .addAttribute(String.class, attribute(ID, Organisation::id, OrganisationBuilder::id))
            .addAttribute(String.class, attribute(NAME, Organisation::name, OrganisationBuilder::name))
            .addAttribute(String.class, attribute(LANGUAGE, Organisation::language, OrganisationBuilder::language))
            .addAttribute(String.class, attribute(TIME_ZONE, Organisation::timeZone, OrganisationBuilder::timeZone))
            .addAttribute(EnhancedType.listOf(EnhancedType.documentOf(Sender.class, Sender.SCHEMA)), attribute(SENDERS, Organisation::senders, OrganisationBuilder::senders))
            .addAttribute(Integer.class, attribute(SEND_RATE_PER_SECOND, Organisation::sendRatePerSecond, OrganisationBuilder::sendRatePerSecond))
            .addAttribute(Boolean.class, attribute(PUBLIC_SIGNUP, Organisation::publicSignup, OrganisationBuilder::publicSignup))
            .addAttribute(EnhancedType.listOf(String.class), attribute(ALLOWED_TAGS, Organisation::allowedTags, OrganisationBuilder::allowedTags))
            .addAttribute(EnhancedType.listOf(String.class), attribute(SIGNUP_ORIGINS, Organisation::signupOrigins, OrganisationBuilder::signupOrigins))
            .addAttribute(String.class, attribute(SIGNUP_THANK_YOU_URL, Organisation::signupThankYouUrl, OrganisationBuilder::signupThankYouUrl))
            .addAttribute(String.class, attribute(CONSENT_TEXT, Organisation::consentText, OrganisationBuilder::consentText))
            .addAttribute(String.class, attribute(CONSENT_VERSION, Organisation::consentVersion, OrganisationBuilder::consentVersion))
            .addAttribute(Instant.class, attribute(CREATED_AT, Organisation::createdAt, OrganisationBuilder::createdAt))
            .addAttribute(Instant.class, attribute(UPDATED_AT, Organisation::updatedAt, OrganisationBuilder::updatedAt))
            .addAttribute(Long.class, a -> a.name(Attributes.VERSION).getter(Organisation::version).setter(OrganisationBuilder::version)
                    .tags(VersionedRecordExtension.AttributeTags.versionAttribute()))
            .build();

    public Organisation {
        senders = senders == null ? List.of() : List.copyOf(senders);
        allowedTags = allowedTags == null ? List.of() : List.copyOf(allowedTags);
        signupOrigins = signupOrigins == null ? List.of() : List.copyOf(signupOrigins);
    }

    public String type() {
        return TYPE;
    }

    public Language languageOrDefault() {
        return Language.of(language).orElse(Language.FR);
    }

    /** The zone its local times are read and shown in (a mailing's send time); UTC if it has none. */
    public ZoneId zone() {
        return timeZone == null ? ZoneId.of("UTC") : ZoneId.of(timeZone);
    }

    public boolean signupOpen() {
        return Boolean.TRUE.equals(publicSignup);
    }

    public OrganisationSettings settings() {
        return new OrganisationSettings(id, name, language, timeZone,
                senders.stream().map(s -> new OrganisationSettings.SenderIdentity(s.name(), s.address())).toList(),
                sendRatePerSecond, publicSignup, allowedTags, signupOrigins, signupThankYouUrl, consentText, consentVersion, version);
    }
}
