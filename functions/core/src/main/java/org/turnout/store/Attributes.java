package org.turnout.store;

/** The names of the attributes every item of the single table may carry: its keys, its indexes' keys and its kind. */
public final class Attributes {
    public static final String PK = "PK";
    public static final String SK = "SK";
    public static final String GSI1PK = "GSI1PK";
    public static final String GSI1SK = "GSI1SK";
    public static final String GSI2PK = "GSI2PK";
    public static final String GSI2SK = "GSI2SK";
    public static final String TYPE = "type";
    public static final String ORG_ID = "orgId";
    public static final String VERSION = "version";

    private Attributes() {
    }
}
