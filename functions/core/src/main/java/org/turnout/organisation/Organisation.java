package org.turnout.organisation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.turnout.store.Keys;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondaryPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondarySortKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSortKey;
import software.amazon.awssdk.enhanced.dynamodb.extensions.annotations.DynamoDbVersionAttribute;

/** An organisation (tenant) item: {@code ORG#o / ORG}, listed on GSI1 under {@code ORGS}. */
@DynamoDbBean
public class Organisation {
    public static final String TYPE = "organisation";

    private String id;
    private String name;
    private String language;
    private String timeZone;
    private List<Sender> senders = new ArrayList<>();
    private Integer sendRatePerSecond;
    private Boolean publicSignup;
    private List<String> allowedTags = new ArrayList<>();
    private List<String> signupOrigins = new ArrayList<>();
    private String signupThankYouUrl;
    private Instant createdAt;
    private Instant updatedAt;
    private Long version;

    @DynamoDbPartitionKey
    @DynamoDbAttribute("PK")
    public String getPk() {
        return Keys.organisation(id);
    }

    public void setPk(String pk) {
        // derived from the id
    }

    @DynamoDbSortKey
    @DynamoDbAttribute("SK")
    public String getSk() {
        return Keys.ORGANISATION_SK;
    }

    public void setSk(String sk) {
        // constant
    }

    @DynamoDbSecondaryPartitionKey(indexNames = "GSI1")
    @DynamoDbAttribute("GSI1PK")
    public String getGsi1pk() {
        return Keys.ORGANISATIONS_GSI1PK;
    }

    public void setGsi1pk(String value) {
        // constant
    }

    @DynamoDbSecondarySortKey(indexNames = "GSI1")
    @DynamoDbAttribute("GSI1SK")
    public String getGsi1sk() {
        return id;
    }

    public void setGsi1sk(String value) {
        // derived from the id
    }

    public String getType() {
        return TYPE;
    }

    public void setType(String type) {
        // constant
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getLanguage() {
        return language;
    }

    public void setLanguage(String language) {
        this.language = language;
    }

    public String getTimeZone() {
        return timeZone;
    }

    public void setTimeZone(String timeZone) {
        this.timeZone = timeZone;
    }

    public List<Sender> getSenders() {
        return senders;
    }

    public void setSenders(List<Sender> senders) {
        this.senders = senders;
    }

    public Integer getSendRatePerSecond() {
        return sendRatePerSecond;
    }

    public void setSendRatePerSecond(Integer sendRatePerSecond) {
        this.sendRatePerSecond = sendRatePerSecond;
    }

    public Boolean getPublicSignup() {
        return publicSignup;
    }

    public void setPublicSignup(Boolean publicSignup) {
        this.publicSignup = publicSignup;
    }

    public List<String> getAllowedTags() {
        return allowedTags;
    }

    public void setAllowedTags(List<String> allowedTags) {
        this.allowedTags = allowedTags;
    }

    public List<String> getSignupOrigins() {
        return signupOrigins;
    }

    public void setSignupOrigins(List<String> signupOrigins) {
        this.signupOrigins = signupOrigins == null ? new ArrayList<>() : signupOrigins;
    }

    public String getSignupThankYouUrl() {
        return signupThankYouUrl;
    }

    public void setSignupThankYouUrl(String signupThankYouUrl) {
        this.signupThankYouUrl = signupThankYouUrl;
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

    @DynamoDbVersionAttribute
    public Long getVersion() {
        return version;
    }

    public void setVersion(Long version) {
        this.version = version;
    }

    public Language languageOrDefault() {
        return Language.of(language).orElse(Language.FR);
    }

    public boolean signupOpen() {
        return Boolean.TRUE.equals(publicSignup);
    }

    public OrganisationSettings settings() {
        return new OrganisationSettings(id, name, language, timeZone,
                senders.stream().map(s -> new OrganisationSettings.SenderIdentity(s.getName(), s.getAddress())).toList(),
                sendRatePerSecond, publicSignup, List.copyOf(allowedTags), List.copyOf(signupOrigins), signupThankYouUrl, version);
    }
}
