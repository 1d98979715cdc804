package org.turnout.organisation;

import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;

/** A sender identity verified in SES for this organisation: the From of its emails. */
@DynamoDbBean
public class Sender {
    private String name;
    private String address;

    public Sender() {
    }

    public Sender(String name, String address) {
        this.name = name;
        this.address = address;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getAddress() {
        return address;
    }

    public void setAddress(String address) {
        this.address = address;
    }
}
