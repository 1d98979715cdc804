package org.turnout.canvass;

import org.turnout.store.Keys;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSortKey;

/**
 * A door of the organisation's address file: {@code ORG#o#P#<station>#ADDR / A#<doorKey>}, so a
 * station's doors are one query and the same door imported twice is one item.
 */
@DynamoDbBean
public class AddressEntry {
    public static final String TYPE = "address";

    private String orgId;
    private String station;
    private String doorKey;
    private String number;
    private String street;
    private String postcode;
    private String importId;

    @DynamoDbPartitionKey
    @DynamoDbAttribute("PK")
    public String getPk() {
        return Keys.stationAddresses(orgId, station);
    }

    public void setPk(String pk) {
        // derived from organisation and station
    }

    @DynamoDbSortKey
    @DynamoDbAttribute("SK")
    public String getSk() {
        return Keys.addressSk(doorKey);
    }

    public void setSk(String sk) {
        // derived from the door
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

    public String getImportId() {
        return importId;
    }

    public void setImportId(String importId) {
        this.importId = importId;
    }
}
