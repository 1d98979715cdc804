package org.turnout.contact;

import static org.turnout.store.ItemSchemas.attribute;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.turnout.store.Attributes;
import org.turnout.store.ItemSchemas;
import org.turnout.store.Keys;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.extensions.VersionedRecordExtension;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/**
 * A contact item: {@code ORG#o#C#<contactId> / C}. GSI1 groups an organisation's contacts by
 * polling station (walk lists); GSI2 spreads them over {@link Keys#CONTACT_SHARDS} partitions
 * so that one organisation can be enumerated in parallel (segments, dispatch). Canvass results and
 * the mailings received, opened and clicked (ids, oldest first) are what the door-to-door and
 * feedback features learn; segments can use them.
 *
 * @param canvassOutcome The outcome of the latest door knock ({@code talked}, {@code not_home}, ...).
 * @param sendRejectedAt When SES last refused for good to send to this address (a permanent rejection), and why.
 * @param consentHistory Every change of consent status after the first (unsubscribe, bounce, complaint, staff), oldest first.
 * @param transientBounces The transient bounces since the last delivery; three of them suppress the address.
 */
@RecordBuilder
public record Contact(
        String orgId, String contactId, String email, String firstName, String lastName, String postcode,
        String station, List<String> tags, String status, ConsentRecord consent, Instant confirmationSentAt,
        Instant createdAt, Instant updatedAt, String street, String city, String phone,
        Map<String, String> attributes, String lastImportId, Long lastImportLine, String createdByImport,
        Integer canvassSupport, Boolean canvassVolunteer, String canvassOutcome, Instant lastCanvassedAt,
        List<String> mailingsReceived, List<String> mailingsOpened, List<String> mailingsClicked,
        Instant sendRejectedAt, String sendRejection, List<ConsentChange> consentHistory, Instant lastDeliveredAt,
        Instant lastOpenedAt, Instant lastClickedAt, List<TransientBounce> transientBounces, Long version)
        implements ContactBuilder.With {
    public static final String TYPE = "contact";
    public static final String CONTACT_ID = "contactId";
    public static final String EMAIL = "email";
    public static final String FIRST_NAME = "firstName";
    public static final String LAST_NAME = "lastName";
    public static final String POSTCODE = "postcode";
    public static final String STATION = "station";
    public static final String TAGS = "tags";
    public static final String STATUS = "status";
    public static final String CONSENT = "consent";
    public static final String CONFIRMATION_SENT_AT = "confirmationSentAt";
    public static final String CREATED_AT = "createdAt";
    public static final String UPDATED_AT = "updatedAt";
    public static final String STREET = "street";
    public static final String CITY = "city";
    public static final String PHONE = "phone";
    public static final String ATTRIBUTES = "attributes";
    public static final String LAST_IMPORT_ID = "lastImportId";
    public static final String LAST_IMPORT_LINE = "lastImportLine";
    public static final String CREATED_BY_IMPORT = "createdByImport";
    public static final String CANVASS_SUPPORT = "canvassSupport";
    public static final String CANVASS_VOLUNTEER = "canvassVolunteer";
    public static final String CANVASS_OUTCOME = "canvassOutcome";
    public static final String LAST_CANVASSED_AT = "lastCanvassedAt";
    public static final String MAILINGS_RECEIVED = "mailingsReceived";
    public static final String MAILINGS_OPENED = "mailingsOpened";
    public static final String MAILINGS_CLICKED = "mailingsClicked";
    public static final String SEND_REJECTED_AT = "sendRejectedAt";
    public static final String SEND_REJECTION = "sendRejection";
    public static final String CONSENT_HISTORY = "consentHistory";
    public static final String LAST_DELIVERED_AT = "lastDeliveredAt";
    public static final String LAST_OPENED_AT = "lastOpenedAt";
    public static final String LAST_CLICKED_AT = "lastClickedAt";
    public static final String TRANSIENT_BOUNCES = "transientBounces";

    public static final TableSchema<Contact> SCHEMA = StaticImmutableTableSchema.builder(Contact.class, ContactBuilder.class)
            .newItemBuilder(ContactBuilder::builder, ContactBuilder::build)
            // keys, index keys and type are derived from the organisation, the id and the station, never read back
            .addAttribute(String.class, a -> a.name(Attributes.PK).getter(c -> Keys.contact(c.orgId, c.contactId)).setter((b, derived) -> { })
                    .tags(StaticAttributeTags.primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name(Attributes.SK).getter(c -> Keys.CONTACT_SK).setter((b, constant) -> { })
                    .tags(StaticAttributeTags.primarySortKey()))
            .addAttribute(String.class, a -> a.name(Attributes.GSI1PK)
                    .getter(c -> c.station == null ? null : Keys.station(c.orgId, c.station)).setter((b, derived) -> { })
                    .tags(StaticAttributeTags.secondaryPartitionKey("GSI1")))
            .addAttribute(String.class, a -> a.name(Attributes.GSI1SK)
                    .getter(c -> c.station == null ? null : c.contactId).setter((b, derived) -> { })
                    .tags(StaticAttributeTags.secondarySortKey("GSI1")))
            .addAttribute(String.class, a -> a.name(Attributes.GSI2PK).getter(c -> Keys.contactShard(c.orgId, c.contactId)).setter((b, derived) -> { })
                    .tags(StaticAttributeTags.secondaryPartitionKey("GSI2")))
            .addAttribute(String.class, a -> a.name(Attributes.GSI2SK).getter(Contact::contactId).setter((b, derived) -> { })
                    .tags(StaticAttributeTags.secondarySortKey("GSI2")))
            .addAttribute(String.class, a -> a.name(Attributes.TYPE).getter(c -> TYPE).setter((b, constant) -> { }))
            .addAttribute(String.class, attribute(Attributes.ORG_ID, Contact::orgId, ContactBuilder::orgId))
            .addAttribute(String.class, attribute(CONTACT_ID, Contact::contactId, ContactBuilder::contactId))
            .addAttribute(String.class, attribute(EMAIL, Contact::email, ContactBuilder::email))
            .addAttribute(String.class, attribute(FIRST_NAME, Contact::firstName, ContactBuilder::firstName))
            .addAttribute(String.class, attribute(LAST_NAME, Contact::lastName, ContactBuilder::lastName))
            .addAttribute(String.class, attribute(POSTCODE, Contact::postcode, ContactBuilder::postcode))
            .addAttribute(String.class, attribute(STATION, Contact::station, ContactBuilder::station))
            .addAttribute(EnhancedType.listOf(String.class), attribute(TAGS, Contact::tags, ContactBuilder::tags))
            .addAttribute(String.class, attribute(STATUS, Contact::status, ContactBuilder::status))
            .addAttribute(EnhancedType.documentOf(ConsentRecord.class, ConsentRecord.SCHEMA), attribute(CONSENT, Contact::consent, ContactBuilder::consent))
            .addAttribute(Instant.class, attribute(CONFIRMATION_SENT_AT, Contact::confirmationSentAt, ContactBuilder::confirmationSentAt))
            .addAttribute(Instant.class, attribute(CREATED_AT, Contact::createdAt, ContactBuilder::createdAt))
            .addAttribute(Instant.class, attribute(UPDATED_AT, Contact::updatedAt, ContactBuilder::updatedAt))
            .addAttribute(String.class, attribute(STREET, Contact::street, ContactBuilder::street))
            .addAttribute(String.class, attribute(CITY, Contact::city, ContactBuilder::city))
            .addAttribute(String.class, attribute(PHONE, Contact::phone, ContactBuilder::phone))
            .addAttribute(EnhancedType.mapOf(String.class, String.class), attribute(ATTRIBUTES, Contact::attributes, ContactBuilder::attributes))
            .addAttribute(String.class, attribute(LAST_IMPORT_ID, Contact::lastImportId, ContactBuilder::lastImportId))
            .addAttribute(Long.class, attribute(LAST_IMPORT_LINE, Contact::lastImportLine, ContactBuilder::lastImportLine))
            .addAttribute(String.class, attribute(CREATED_BY_IMPORT, Contact::createdByImport, ContactBuilder::createdByImport))
            .addAttribute(Integer.class, attribute(CANVASS_SUPPORT, Contact::canvassSupport, ContactBuilder::canvassSupport))
            .addAttribute(Boolean.class, attribute(CANVASS_VOLUNTEER, Contact::canvassVolunteer, ContactBuilder::canvassVolunteer))
            .addAttribute(String.class, attribute(CANVASS_OUTCOME, Contact::canvassOutcome, ContactBuilder::canvassOutcome))
            .addAttribute(Instant.class, attribute(LAST_CANVASSED_AT, Contact::lastCanvassedAt, ContactBuilder::lastCanvassedAt))
            .addAttribute(EnhancedType.listOf(String.class), attribute(MAILINGS_RECEIVED, Contact::mailingsReceived, ContactBuilder::mailingsReceived))
            .addAttribute(EnhancedType.listOf(String.class), attribute(MAILINGS_OPENED, Contact::mailingsOpened, ContactBuilder::mailingsOpened))
            .addAttribute(EnhancedType.listOf(String.class), attribute(MAILINGS_CLICKED, Contact::mailingsClicked, ContactBuilder::mailingsClicked))
            .addAttribute(Instant.class, attribute(SEND_REJECTED_AT, Contact::sendRejectedAt, ContactBuilder::sendRejectedAt))
            .addAttribute(String.class, attribute(SEND_REJECTION, Contact::sendRejection, ContactBuilder::sendRejection))
            .addAttribute(EnhancedType.listOf(EnhancedType.documentOf(ConsentChange.class, ConsentChange.SCHEMA)), attribute(CONSENT_HISTORY, Contact::consentHistory, ContactBuilder::consentHistory))
            .addAttribute(Instant.class, attribute(LAST_DELIVERED_AT, Contact::lastDeliveredAt, ContactBuilder::lastDeliveredAt))
            .addAttribute(Instant.class, attribute(LAST_OPENED_AT, Contact::lastOpenedAt, ContactBuilder::lastOpenedAt))
            .addAttribute(Instant.class, attribute(LAST_CLICKED_AT, Contact::lastClickedAt, ContactBuilder::lastClickedAt))
            .addAttribute(EnhancedType.listOf(EnhancedType.documentOf(TransientBounce.class, TransientBounce.SCHEMA)), attribute(TRANSIENT_BOUNCES, Contact::transientBounces, ContactBuilder::transientBounces))
            .addAttribute(Long.class, a -> a.name(Attributes.VERSION).getter(Contact::version).setter(ContactBuilder::version)
                    .tags(VersionedRecordExtension.AttributeTags.versionAttribute()))
            .build();

    public Contact {
        tags = tags == null ? List.of() : List.copyOf(tags);
        attributes = attributes == null ? Map.of() : ItemSchemas.copy(attributes);
        mailingsReceived = ItemSchemas.copy(mailingsReceived);
        mailingsOpened = ItemSchemas.copy(mailingsOpened);
        mailingsClicked = ItemSchemas.copy(mailingsClicked);
        consentHistory = ItemSchemas.copy(consentHistory);
        transientBounces = ItemSchemas.copy(transientBounces);
    }

    public String type() {
        return TYPE;
    }

    public ContactStatus statusValue() {
        return ContactStatus.of(status);
    }
}
