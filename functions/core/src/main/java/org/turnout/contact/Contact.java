package org.turnout.contact;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.turnout.store.Attributes;
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
 */
public final class Contact {
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

    public static final TableSchema<Contact> SCHEMA = StaticImmutableTableSchema.builder(Contact.class, Builder.class)
            .newItemBuilder(Builder::new, Builder::build)
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
            .addAttribute(String.class, a -> a.name(Attributes.ORG_ID).getter(Contact::orgId).setter(Builder::orgId))
            .addAttribute(String.class, a -> a.name(CONTACT_ID).getter(Contact::contactId).setter(Builder::contactId))
            .addAttribute(String.class, a -> a.name(EMAIL).getter(Contact::email).setter(Builder::email))
            .addAttribute(String.class, a -> a.name(FIRST_NAME).getter(Contact::firstName).setter(Builder::firstName))
            .addAttribute(String.class, a -> a.name(LAST_NAME).getter(Contact::lastName).setter(Builder::lastName))
            .addAttribute(String.class, a -> a.name(POSTCODE).getter(Contact::postcode).setter(Builder::postcode))
            .addAttribute(String.class, a -> a.name(STATION).getter(Contact::station).setter(Builder::station))
            .addAttribute(EnhancedType.listOf(String.class), a -> a.name(TAGS).getter(Contact::tags).setter(Builder::tags))
            .addAttribute(String.class, a -> a.name(STATUS).getter(Contact::status).setter(Builder::status))
            .addAttribute(EnhancedType.documentOf(ConsentRecord.class, ConsentRecord.SCHEMA), a -> a.name(CONSENT).getter(Contact::consent).setter(Builder::consent))
            .addAttribute(Instant.class, a -> a.name(CONFIRMATION_SENT_AT).getter(Contact::confirmationSentAt).setter(Builder::confirmationSentAt))
            .addAttribute(Instant.class, a -> a.name(CREATED_AT).getter(Contact::createdAt).setter(Builder::createdAt))
            .addAttribute(Instant.class, a -> a.name(UPDATED_AT).getter(Contact::updatedAt).setter(Builder::updatedAt))
            .addAttribute(String.class, a -> a.name(STREET).getter(Contact::street).setter(Builder::street))
            .addAttribute(String.class, a -> a.name(CITY).getter(Contact::city).setter(Builder::city))
            .addAttribute(String.class, a -> a.name(PHONE).getter(Contact::phone).setter(Builder::phone))
            .addAttribute(EnhancedType.mapOf(String.class, String.class), a -> a.name(ATTRIBUTES).getter(Contact::attributes).setter(Builder::attributes))
            .addAttribute(String.class, a -> a.name(LAST_IMPORT_ID).getter(Contact::lastImportId).setter(Builder::lastImportId))
            .addAttribute(Long.class, a -> a.name(LAST_IMPORT_LINE).getter(Contact::lastImportLine).setter(Builder::lastImportLine))
            .addAttribute(String.class, a -> a.name(CREATED_BY_IMPORT).getter(Contact::createdByImport).setter(Builder::createdByImport))
            .addAttribute(Integer.class, a -> a.name(CANVASS_SUPPORT).getter(Contact::canvassSupport).setter(Builder::canvassSupport))
            .addAttribute(Boolean.class, a -> a.name(CANVASS_VOLUNTEER).getter(Contact::canvassVolunteer).setter(Builder::canvassVolunteer))
            .addAttribute(String.class, a -> a.name(CANVASS_OUTCOME).getter(Contact::canvassOutcome).setter(Builder::canvassOutcome))
            .addAttribute(Instant.class, a -> a.name(LAST_CANVASSED_AT).getter(Contact::lastCanvassedAt).setter(Builder::lastCanvassedAt))
            .addAttribute(EnhancedType.listOf(String.class), a -> a.name(MAILINGS_RECEIVED).getter(Contact::mailingsReceived).setter(Builder::mailingsReceived))
            .addAttribute(EnhancedType.listOf(String.class), a -> a.name(MAILINGS_OPENED).getter(Contact::mailingsOpened).setter(Builder::mailingsOpened))
            .addAttribute(EnhancedType.listOf(String.class), a -> a.name(MAILINGS_CLICKED).getter(Contact::mailingsClicked).setter(Builder::mailingsClicked))
            .addAttribute(Instant.class, a -> a.name(SEND_REJECTED_AT).getter(Contact::sendRejectedAt).setter(Builder::sendRejectedAt))
            .addAttribute(String.class, a -> a.name(SEND_REJECTION).getter(Contact::sendRejection).setter(Builder::sendRejection))
            .addAttribute(EnhancedType.listOf(EnhancedType.documentOf(ConsentChange.class, ConsentChange.SCHEMA)), a -> a.name(CONSENT_HISTORY).getter(Contact::consentHistory).setter(Builder::consentHistory))
            .addAttribute(Instant.class, a -> a.name(LAST_DELIVERED_AT).getter(Contact::lastDeliveredAt).setter(Builder::lastDeliveredAt))
            .addAttribute(Instant.class, a -> a.name(LAST_OPENED_AT).getter(Contact::lastOpenedAt).setter(Builder::lastOpenedAt))
            .addAttribute(Instant.class, a -> a.name(LAST_CLICKED_AT).getter(Contact::lastClickedAt).setter(Builder::lastClickedAt))
            .addAttribute(EnhancedType.listOf(EnhancedType.documentOf(TransientBounce.class, TransientBounce.SCHEMA)), a -> a.name(TRANSIENT_BOUNCES).getter(Contact::transientBounces).setter(Builder::transientBounces))
            .addAttribute(Long.class, a -> a.name(Attributes.VERSION).getter(Contact::version).setter(Builder::version)
                    .tags(VersionedRecordExtension.AttributeTags.versionAttribute()))
            .build();

    private final String orgId;
    private final String contactId;
    private final String email;
    private final String firstName;
    private final String lastName;
    private final String postcode;
    private final String station;
    private final List<String> tags;
    private final String status;
    private final ConsentRecord consent;
    private final Instant confirmationSentAt;
    private final Instant createdAt;
    private final Instant updatedAt;
    private final String street;
    private final String city;
    private final String phone;
    private final Map<String, String> attributes;
    private final String lastImportId;
    private final Long lastImportLine;
    private final String createdByImport;
    private final Integer canvassSupport;
    private final Boolean canvassVolunteer;
    private final String canvassOutcome;
    private final Instant lastCanvassedAt;
    private final List<String> mailingsReceived;
    private final List<String> mailingsOpened;
    private final List<String> mailingsClicked;
    private final Instant sendRejectedAt;
    private final String sendRejection;
    private final List<ConsentChange> consentHistory;
    private final Instant lastDeliveredAt;
    private final Instant lastOpenedAt;
    private final Instant lastClickedAt;
    private final List<TransientBounce> transientBounces;
    private final Long version;

    private Contact(Builder builder) {
        this.orgId = builder.orgId;
        this.contactId = builder.contactId;
        this.email = builder.email;
        this.firstName = builder.firstName;
        this.lastName = builder.lastName;
        this.postcode = builder.postcode;
        this.station = builder.station;
        this.tags = List.copyOf(builder.tags);
        this.status = builder.status;
        this.consent = builder.consent;
        this.confirmationSentAt = builder.confirmationSentAt;
        this.createdAt = builder.createdAt;
        this.updatedAt = builder.updatedAt;
        this.street = builder.street;
        this.city = builder.city;
        this.phone = builder.phone;
        this.attributes = Collections.unmodifiableMap(new LinkedHashMap<>(builder.attributes));
        this.lastImportId = builder.lastImportId;
        this.lastImportLine = builder.lastImportLine;
        this.createdByImport = builder.createdByImport;
        this.canvassSupport = builder.canvassSupport;
        this.canvassVolunteer = builder.canvassVolunteer;
        this.canvassOutcome = builder.canvassOutcome;
        this.lastCanvassedAt = builder.lastCanvassedAt;
        this.mailingsReceived = builder.mailingsReceived == null ? null : List.copyOf(builder.mailingsReceived);
        this.mailingsOpened = builder.mailingsOpened == null ? null : List.copyOf(builder.mailingsOpened);
        this.mailingsClicked = builder.mailingsClicked == null ? null : List.copyOf(builder.mailingsClicked);
        this.sendRejectedAt = builder.sendRejectedAt;
        this.sendRejection = builder.sendRejection;
        this.consentHistory = builder.consentHistory == null ? null : List.copyOf(builder.consentHistory);
        this.lastDeliveredAt = builder.lastDeliveredAt;
        this.lastOpenedAt = builder.lastOpenedAt;
        this.lastClickedAt = builder.lastClickedAt;
        this.transientBounces = builder.transientBounces == null ? null : List.copyOf(builder.transientBounces);
        this.version = builder.version;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().orgId(orgId).contactId(contactId).email(email).firstName(firstName).lastName(lastName).postcode(postcode).station(station).tags(tags).status(status).consent(consent).confirmationSentAt(confirmationSentAt).createdAt(createdAt).updatedAt(updatedAt).street(street).city(city).phone(phone).attributes(attributes).lastImportId(lastImportId).lastImportLine(lastImportLine).createdByImport(createdByImport).canvassSupport(canvassSupport).canvassVolunteer(canvassVolunteer).canvassOutcome(canvassOutcome).lastCanvassedAt(lastCanvassedAt).mailingsReceived(mailingsReceived).mailingsOpened(mailingsOpened).mailingsClicked(mailingsClicked).sendRejectedAt(sendRejectedAt).sendRejection(sendRejection).consentHistory(consentHistory).lastDeliveredAt(lastDeliveredAt).lastOpenedAt(lastOpenedAt).lastClickedAt(lastClickedAt).transientBounces(transientBounces).version(version);
    }

    /** The same contact at another version: what a write that succeeded stored. */
    public Contact withVersion(Long version) {
        return toBuilder().version(version).build();
    }

    public String type() {
        return TYPE;
    }

    public String orgId() {
        return orgId;
    }

    public String contactId() {
        return contactId;
    }

    public String email() {
        return email;
    }

    public String firstName() {
        return firstName;
    }

    public String lastName() {
        return lastName;
    }

    public String postcode() {
        return postcode;
    }

    public String station() {
        return station;
    }

    public List<String> tags() {
        return tags;
    }

    public String status() {
        return status;
    }

    public ConsentRecord consent() {
        return consent;
    }

    public Instant confirmationSentAt() {
        return confirmationSentAt;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public String street() {
        return street;
    }

    public String city() {
        return city;
    }

    public String phone() {
        return phone;
    }

    public Map<String, String> attributes() {
        return attributes;
    }

    public String lastImportId() {
        return lastImportId;
    }

    public Long lastImportLine() {
        return lastImportLine;
    }

    public String createdByImport() {
        return createdByImport;
    }

    public Integer canvassSupport() {
        return canvassSupport;
    }

    public Boolean canvassVolunteer() {
        return canvassVolunteer;
    }

    /** The outcome of the latest door knock ({@code talked}, {@code not_home}, ...). */
    public String canvassOutcome() {
        return canvassOutcome;
    }

    public Instant lastCanvassedAt() {
        return lastCanvassedAt;
    }

    public List<String> mailingsReceived() {
        return mailingsReceived;
    }

    public List<String> mailingsOpened() {
        return mailingsOpened;
    }

    public List<String> mailingsClicked() {
        return mailingsClicked;
    }

    /** When SES last refused for good to send to this address (a permanent rejection), and why. */
    public Instant sendRejectedAt() {
        return sendRejectedAt;
    }

    public String sendRejection() {
        return sendRejection;
    }

    /** Every change of consent status after the first (unsubscribe, bounce, complaint, staff), oldest first. */
    public List<ConsentChange> consentHistory() {
        return consentHistory;
    }

    public Instant lastDeliveredAt() {
        return lastDeliveredAt;
    }

    public Instant lastOpenedAt() {
        return lastOpenedAt;
    }

    public Instant lastClickedAt() {
        return lastClickedAt;
    }

    /** The transient bounces since the last delivery; three of them suppress the address. */
    public List<TransientBounce> transientBounces() {
        return transientBounces;
    }

    public Long version() {
        return version;
    }

    public ContactStatus statusValue() {
        return ContactStatus.of(status);
    }

    public static final class Builder {
        private String orgId;
        private String contactId;
        private String email;
        private String firstName;
        private String lastName;
        private String postcode;
        private String station;
        private List<String> tags = List.of();
        private String status;
        private ConsentRecord consent;
        private Instant confirmationSentAt;
        private Instant createdAt;
        private Instant updatedAt;
        private String street;
        private String city;
        private String phone;
        private Map<String, String> attributes = Map.of();
        private String lastImportId;
        private Long lastImportLine;
        private String createdByImport;
        private Integer canvassSupport;
        private Boolean canvassVolunteer;
        private String canvassOutcome;
        private Instant lastCanvassedAt;
        private List<String> mailingsReceived;
        private List<String> mailingsOpened;
        private List<String> mailingsClicked;
        private Instant sendRejectedAt;
        private String sendRejection;
        private List<ConsentChange> consentHistory;
        private Instant lastDeliveredAt;
        private Instant lastOpenedAt;
        private Instant lastClickedAt;
        private List<TransientBounce> transientBounces;
        private Long version;

        private Builder() {
        }

        public Builder orgId(String orgId) {
            this.orgId = orgId;
            return this;
        }

        public Builder contactId(String contactId) {
            this.contactId = contactId;
            return this;
        }

        public Builder email(String email) {
            this.email = email;
            return this;
        }

        public Builder firstName(String firstName) {
            this.firstName = firstName;
            return this;
        }

        public Builder lastName(String lastName) {
            this.lastName = lastName;
            return this;
        }

        public Builder postcode(String postcode) {
            this.postcode = postcode;
            return this;
        }

        public Builder station(String station) {
            this.station = station;
            return this;
        }

        public Builder tags(List<String> tags) {
            this.tags = tags == null ? List.of() : tags;
            return this;
        }

        public Builder status(String status) {
            this.status = status;
            return this;
        }

        public Builder consent(ConsentRecord consent) {
            this.consent = consent;
            return this;
        }

        public Builder confirmationSentAt(Instant confirmationSentAt) {
            this.confirmationSentAt = confirmationSentAt;
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

        public Builder street(String street) {
            this.street = street;
            return this;
        }

        public Builder city(String city) {
            this.city = city;
            return this;
        }

        public Builder phone(String phone) {
            this.phone = phone;
            return this;
        }

        public Builder attributes(Map<String, String> attributes) {
            this.attributes = attributes == null ? Map.of() : attributes;
            return this;
        }

        public Builder lastImportId(String lastImportId) {
            this.lastImportId = lastImportId;
            return this;
        }

        public Builder lastImportLine(Long lastImportLine) {
            this.lastImportLine = lastImportLine;
            return this;
        }

        public Builder createdByImport(String createdByImport) {
            this.createdByImport = createdByImport;
            return this;
        }

        public Builder canvassSupport(Integer canvassSupport) {
            this.canvassSupport = canvassSupport;
            return this;
        }

        public Builder canvassVolunteer(Boolean canvassVolunteer) {
            this.canvassVolunteer = canvassVolunteer;
            return this;
        }

        public Builder canvassOutcome(String canvassOutcome) {
            this.canvassOutcome = canvassOutcome;
            return this;
        }

        public Builder lastCanvassedAt(Instant lastCanvassedAt) {
            this.lastCanvassedAt = lastCanvassedAt;
            return this;
        }

        public Builder mailingsReceived(List<String> mailingsReceived) {
            this.mailingsReceived = mailingsReceived;
            return this;
        }

        public Builder mailingsOpened(List<String> mailingsOpened) {
            this.mailingsOpened = mailingsOpened;
            return this;
        }

        public Builder mailingsClicked(List<String> mailingsClicked) {
            this.mailingsClicked = mailingsClicked;
            return this;
        }

        public Builder sendRejectedAt(Instant sendRejectedAt) {
            this.sendRejectedAt = sendRejectedAt;
            return this;
        }

        public Builder sendRejection(String sendRejection) {
            this.sendRejection = sendRejection;
            return this;
        }

        public Builder consentHistory(List<ConsentChange> consentHistory) {
            this.consentHistory = consentHistory;
            return this;
        }

        public Builder lastDeliveredAt(Instant lastDeliveredAt) {
            this.lastDeliveredAt = lastDeliveredAt;
            return this;
        }

        public Builder lastOpenedAt(Instant lastOpenedAt) {
            this.lastOpenedAt = lastOpenedAt;
            return this;
        }

        public Builder lastClickedAt(Instant lastClickedAt) {
            this.lastClickedAt = lastClickedAt;
            return this;
        }

        public Builder transientBounces(List<TransientBounce> transientBounces) {
            this.transientBounces = transientBounces;
            return this;
        }

        public Builder version(Long version) {
            this.version = version;
            return this;
        }

        public Builder status(ContactStatus status) {
            this.status = status.code();
            return this;
        }

        public Contact build() {
            return new Contact(this);
        }
    }
}
