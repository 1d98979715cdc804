package org.turnout.contact;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.turnout.store.Keys;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondaryPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondarySortKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSortKey;
import software.amazon.awssdk.enhanced.dynamodb.extensions.annotations.DynamoDbVersionAttribute;

/**
 * A contact item: {@code ORG#o#C#<contactId> / C}. GSI1 groups an organisation's contacts by
 * polling station (walk lists); GSI2 spreads them over {@link Keys#CONTACT_SHARDS} partitions
 * so that one organisation can be enumerated in parallel (segments, dispatch). Canvass results and
 * the mailings received, opened and clicked (ids, oldest first) are what the door-to-door and
 * feedback features learn; segments can use them.
 */
@DynamoDbBean
public class Contact {
    public static final String TYPE = "contact";

    private String orgId;
    private String contactId;
    private String email;
    private String firstName;
    private String lastName;
    private String postcode;
    private String station;
    private List<String> tags = new ArrayList<>();
    private String status;
    private ConsentRecord consent;
    private Instant confirmationSentAt;
    private Instant createdAt;
    private Instant updatedAt;
    private String street;
    private String city;
    private String phone;
    private Map<String, String> attributes = new LinkedHashMap<>();
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

    @DynamoDbPartitionKey
    @DynamoDbAttribute("PK")
    public String getPk() {
        return Keys.contact(orgId, contactId);
    }

    public void setPk(String pk) {
        // derived from organisation and contact id
    }

    @DynamoDbSortKey
    @DynamoDbAttribute("SK")
    public String getSk() {
        return Keys.CONTACT_SK;
    }

    public void setSk(String sk) {
        // constant
    }

    @DynamoDbSecondaryPartitionKey(indexNames = "GSI1")
    @DynamoDbAttribute("GSI1PK")
    public String getGsi1pk() {
        return station == null ? null : Keys.station(orgId, station);
    }

    public void setGsi1pk(String value) {
        // derived from the station
    }

    @DynamoDbSecondarySortKey(indexNames = "GSI1")
    @DynamoDbAttribute("GSI1SK")
    public String getGsi1sk() {
        return station == null ? null : contactId;
    }

    public void setGsi1sk(String value) {
        // derived from the contact id
    }

    @DynamoDbSecondaryPartitionKey(indexNames = "GSI2")
    @DynamoDbAttribute("GSI2PK")
    public String getGsi2pk() {
        return Keys.contactShard(orgId, contactId);
    }

    public void setGsi2pk(String value) {
        // derived from the contact id
    }

    @DynamoDbSecondarySortKey(indexNames = "GSI2")
    @DynamoDbAttribute("GSI2SK")
    public String getGsi2sk() {
        return contactId;
    }

    public void setGsi2sk(String value) {
        // derived from the contact id
    }

    public String getType() {
        return TYPE;
    }

    public void setType(String type) {
        // constant
    }

    public String getOrgId() {
        return orgId;
    }

    public void setOrgId(String orgId) {
        this.orgId = orgId;
    }

    public String getContactId() {
        return contactId;
    }

    public void setContactId(String contactId) {
        this.contactId = contactId;
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public String getFirstName() {
        return firstName;
    }

    public void setFirstName(String firstName) {
        this.firstName = firstName;
    }

    public String getLastName() {
        return lastName;
    }

    public void setLastName(String lastName) {
        this.lastName = lastName;
    }

    public String getPostcode() {
        return postcode;
    }

    public void setPostcode(String postcode) {
        this.postcode = postcode;
    }

    public String getStation() {
        return station;
    }

    public void setStation(String station) {
        this.station = station;
    }

    public List<String> getTags() {
        return tags;
    }

    public void setTags(List<String> tags) {
        this.tags = tags;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public ConsentRecord getConsent() {
        return consent;
    }

    public void setConsent(ConsentRecord consent) {
        this.consent = consent;
    }

    public Instant getConfirmationSentAt() {
        return confirmationSentAt;
    }

    public void setConfirmationSentAt(Instant confirmationSentAt) {
        this.confirmationSentAt = confirmationSentAt;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(Instant createdAt) {
        this.createdAt = createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public void setUpdatedAt(Instant updatedAt) {
        this.updatedAt = updatedAt;
    }

    public String getStreet() {
        return street;
    }

    public void setStreet(String street) {
        this.street = street;
    }

    public String getCity() {
        return city;
    }

    public void setCity(String city) {
        this.city = city;
    }

    public String getPhone() {
        return phone;
    }

    public void setPhone(String phone) {
        this.phone = phone;
    }

    public Map<String, String> getAttributes() {
        return attributes;
    }

    public void setAttributes(Map<String, String> attributes) {
        this.attributes = attributes;
    }

    public String getLastImportId() {
        return lastImportId;
    }

    public void setLastImportId(String lastImportId) {
        this.lastImportId = lastImportId;
    }

    public Long getLastImportLine() {
        return lastImportLine;
    }

    public void setLastImportLine(Long lastImportLine) {
        this.lastImportLine = lastImportLine;
    }

    public String getCreatedByImport() {
        return createdByImport;
    }

    public void setCreatedByImport(String createdByImport) {
        this.createdByImport = createdByImport;
    }

    public Integer getCanvassSupport() {
        return canvassSupport;
    }

    public void setCanvassSupport(Integer canvassSupport) {
        this.canvassSupport = canvassSupport;
    }

    public Boolean getCanvassVolunteer() {
        return canvassVolunteer;
    }

    public void setCanvassVolunteer(Boolean canvassVolunteer) {
        this.canvassVolunteer = canvassVolunteer;
    }

    /** The outcome of the latest door knock ({@code talked}, {@code not_home}, ...). */
    public String getCanvassOutcome() {
        return canvassOutcome;
    }

    public void setCanvassOutcome(String canvassOutcome) {
        this.canvassOutcome = canvassOutcome;
    }

    public Instant getLastCanvassedAt() {
        return lastCanvassedAt;
    }

    public void setLastCanvassedAt(Instant lastCanvassedAt) {
        this.lastCanvassedAt = lastCanvassedAt;
    }

    public List<String> getMailingsReceived() {
        return mailingsReceived;
    }

    public void setMailingsReceived(List<String> mailingsReceived) {
        this.mailingsReceived = mailingsReceived;
    }

    public List<String> getMailingsOpened() {
        return mailingsOpened;
    }

    public void setMailingsOpened(List<String> mailingsOpened) {
        this.mailingsOpened = mailingsOpened;
    }

    public List<String> getMailingsClicked() {
        return mailingsClicked;
    }

    public void setMailingsClicked(List<String> mailingsClicked) {
        this.mailingsClicked = mailingsClicked;
    }

    /** When SES last refused for good to send to this address (a permanent rejection), and why. */
    public Instant getSendRejectedAt() {
        return sendRejectedAt;
    }

    public void setSendRejectedAt(Instant sendRejectedAt) {
        this.sendRejectedAt = sendRejectedAt;
    }

    public String getSendRejection() {
        return sendRejection;
    }

    public void setSendRejection(String sendRejection) {
        this.sendRejection = sendRejection;
    }

    /** Every change of consent status after the first (unsubscribe, bounce, complaint, staff), oldest first. */
    public List<ConsentChange> getConsentHistory() {
        return consentHistory;
    }

    public void setConsentHistory(List<ConsentChange> consentHistory) {
        this.consentHistory = consentHistory;
    }

    public Instant getLastDeliveredAt() {
        return lastDeliveredAt;
    }

    public void setLastDeliveredAt(Instant lastDeliveredAt) {
        this.lastDeliveredAt = lastDeliveredAt;
    }

    public Instant getLastOpenedAt() {
        return lastOpenedAt;
    }

    public void setLastOpenedAt(Instant lastOpenedAt) {
        this.lastOpenedAt = lastOpenedAt;
    }

    public Instant getLastClickedAt() {
        return lastClickedAt;
    }

    public void setLastClickedAt(Instant lastClickedAt) {
        this.lastClickedAt = lastClickedAt;
    }

    /** The transient bounces since the last delivery; three of them suppress the address. */
    public List<TransientBounce> getTransientBounces() {
        return transientBounces;
    }

    public void setTransientBounces(List<TransientBounce> transientBounces) {
        this.transientBounces = transientBounces;
    }

    @DynamoDbVersionAttribute
    public Long getVersion() {
        return version;
    }

    public void setVersion(Long version) {
        this.version = version;
    }

    public ContactStatus statusValue() {
        return ContactStatus.of(status);
    }

    public void status(ContactStatus value) {
        this.status = value.code();
    }
}
