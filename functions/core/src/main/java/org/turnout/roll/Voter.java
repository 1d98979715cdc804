package org.turnout.roll;

import java.util.Optional;
import org.turnout.canvass.DoorAddress;
import org.turnout.canvass.HouseNumber;
import org.turnout.store.Keys;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSortKey;

/**
 * A voter of the electoral roll: {@code ORG#o#P#<station>#ROLL / V#<doorKey>|<person>}. Not a
 * contact: it has no email, no index keys (so no segment, mailing, count or export of contacts
 * ever reads it) and a TTL at the end of the organisation's retention. Only what canvassing needs
 * is kept (docs/electoral-roll.md): the station and the door to knock at, the names to ask for,
 * the address complement to find the flat, and the matched contact.
 */
@DynamoDbBean
public class Voter {
    public static final String TYPE = "voter";

    private String orgId;
    private String station;
    private String doorKey;
    private String person;
    private String number;
    private String street;
    private String postcode;
    private String complement;
    private String birthName;
    private String usedName;
    private String firstNames;
    private String contactId;
    private String importId;
    private Long ttl;

    @DynamoDbPartitionKey
    @DynamoDbAttribute("PK")
    public String getPk() {
        return Keys.stationVoters(orgId, station);
    }

    public void setPk(String pk) {
        // derived from organisation and station
    }

    @DynamoDbSortKey
    @DynamoDbAttribute("SK")
    public String getSk() {
        return Keys.voterSk(doorKey, person);
    }

    public void setSk(String sk) {
        // derived from the door and the person
    }

    public String getType() {
        return TYPE;
    }

    public void setType(String type) {
        // constant
    }

    public DoorAddress door() {
        return new DoorAddress(HouseNumber.parse(number).orElse(null), street, postcode);
    }

    /** As a canvasser asks for them: the given names and the used name, else the birth name. */
    public String displayName() {
        String last = Optional.ofNullable(usedName).orElse(birthName);
        return ((firstNames == null ? "" : firstNames) + " " + (last == null ? "" : last)).strip();
    }

    /** Whether DynamoDB's TTL has passed: its deletion comes late, so readers skip such items themselves. */
    public boolean expiredAt(long epochSecond) {
        return ttl != null && ttl <= epochSecond;
    }

    public String getOrgId() {
        return orgId;
    }

    public void setOrgId(String orgId) {
        this.orgId = orgId;
    }

    public String getStation() {
        return station;
    }

    public void setStation(String station) {
        this.station = station;
    }

    public String getDoorKey() {
        return doorKey;
    }

    public void setDoorKey(String doorKey) {
        this.doorKey = doorKey;
    }

    public String getPerson() {
        return person;
    }

    public void setPerson(String person) {
        this.person = person;
    }

    public String getNumber() {
        return number;
    }

    public void setNumber(String number) {
        this.number = number;
    }

    public String getStreet() {
        return street;
    }

    public void setStreet(String street) {
        this.street = street;
    }

    public String getPostcode() {
        return postcode;
    }

    public void setPostcode(String postcode) {
        this.postcode = postcode;
    }

    public String getComplement() {
        return complement;
    }

    public void setComplement(String complement) {
        this.complement = complement;
    }

    public String getBirthName() {
        return birthName;
    }

    public void setBirthName(String birthName) {
        this.birthName = birthName;
    }

    public String getUsedName() {
        return usedName;
    }

    public void setUsedName(String usedName) {
        this.usedName = usedName;
    }

    public String getFirstNames() {
        return firstNames;
    }

    public void setFirstNames(String firstNames) {
        this.firstNames = firstNames;
    }

    public String getContactId() {
        return contactId;
    }

    public void setContactId(String contactId) {
        this.contactId = contactId;
    }

    public String getImportId() {
        return importId;
    }

    public void setImportId(String importId) {
        this.importId = importId;
    }

    public Long getTtl() {
        return ttl;
    }

    public void setTtl(Long ttl) {
        this.ttl = ttl;
    }
}
