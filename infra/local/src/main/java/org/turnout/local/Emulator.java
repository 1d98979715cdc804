package org.turnout.local;

/** The AWS services that the local stack emulates, each by its own child process. */
public enum Emulator {
    DYNAMODB("dynalite"),
    S3("S3Proxy"),
    SES("aws-ses-v2-local"),
    SQS("ElasticMQ");

    private final String implementation;

    Emulator(String implementation) {
        this.implementation = implementation;
    }

    /** What runs for this service, for messages. */
    public String implementation() {
        return implementation;
    }

    boolean runsOnNode() {
        return this == DYNAMODB || this == SES;
    }
}
