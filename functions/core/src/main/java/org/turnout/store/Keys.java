package org.turnout.store;

import org.turnout.precinct.StationCode;

/**
 * Every key of the single table, in one place. Every partition key starts with the
 * organisation, so no query can cross tenants; organisation ids are validated to
 * {@code [a-z0-9-]}, so a '#' can never come in from outside.
 */
public final class Keys {
    /** Contacts of one organisation spread over this many GSI2 partitions for parallel reads. */
    public static final int CONTACT_SHARDS = 16;
    public static final String ORGANISATION_SK = "ORG";
    public static final String CONTACT_SK = "C";
    /** GSI1 partition listing every organisation (operators only). */
    public static final String ORGANISATIONS_GSI1PK = "ORGS";

    private Keys() {
    }

    public static String organisation(String orgId) {
        return "ORG#" + orgId;
    }

    public static String contact(String orgId, String contactId) {
        return organisation(orgId) + "#C#" + contactId;
    }

    public static String contactShard(String orgId, String contactId) {
        return contactShard(orgId, Integer.parseInt(contactId.substring(0, 2), 16) % CONTACT_SHARDS);
    }

    public static String contactShard(String orgId, int shard) {
        return organisation(orgId) + "#SHARD#" + shard;
    }

    /** A polling station's partition, by its identity: "0001", "1", "BV1" and "Bureau 1" are one. */
    public static String station(String orgId, String station) {
        return organisation(orgId) + "#P#" + StationCode.canonical(station);
    }

    public static String segmentSk(String segmentId) {
        return "SEG#" + segmentId;
    }

    public static String mailingSk(String mailingId) {
        return "MAIL#" + mailingId;
    }

    /** The send records of one mailing: one per contact, the claim that it goes to them once. */
    public static String sendRecords(String orgId, String mailingId) {
        return organisation(orgId) + "#MAIL#" + mailingId;
    }

    public static String sendRecordSk(String contactId) {
        return "C#" + contactId;
    }

    /** A mailing's activity over time (deliveries, opens... per period), beside its send records but in a partition of its own. */
    public static String mailingActivity(String orgId, String mailingId) {
        return sendRecords(orgId, mailingId) + "#ACTIVITY";
    }

    /** One period of a mailing's activity, by its start ({@code Instant.toString()}: sorts in time order). */
    public static String activityPeriodSk(String periodStart) {
        return "T#" + periodStart;
    }

    public static String importJobSk(String importId) {
        return "IMPORT#" + importId;
    }

    /** The rows an import rejected, kept until its report is written (and a while after, by TTL). */
    public static String importRejections(String orgId, String importId) {
        return organisation(orgId) + "#IMPORT#" + importId;
    }

    public static String rejectedLine(long line) {
        return "REJ#" + String.format("%012d", line);
    }

    /** An imported row some of whose values were left out, under the same key as the rejected rows. */
    public static String warnedLine(long line) {
        return "WARN#" + String.format("%012d", line);
    }

    public static String electionSk(String electionId) {
        return "ELEC#" + electionId;
    }

    /** The per-station results of one election, one item per station. */
    public static String electionResults(String orgId, String electionId) {
        return organisation(orgId) + "#ELEC#" + electionId;
    }

    public static String stationResultSk(String station) {
        return "P#" + station;
    }

    /** The doors of the organisation's address file at one polling station (walk lists). */
    public static String stationAddresses(String orgId, String station) {
        return station(orgId, station) + "#ADDR";
    }

    public static String addressImportSk(String importId) {
        return "ADDRFILE#" + importId;
    }

    public static String addressSk(String doorKey) {
        return "A#" + doorKey;
    }

    /** The voters of the electoral roll at one polling station (walk lists); voters are never contacts. */
    public static String stationVoters(String orgId, String station) {
        return station(orgId, station) + "#ROLL";
    }

    /** A voter at a door: voters of one door sort together, after the door's key. */
    public static String voterSk(String doorKey, String person) {
        return "V#" + doorKey + "|" + person;
    }

    /** The organisation's election date and the roll's retention after it. */
    public static final String ROLL_RETENTION_SK = "ROLLRETENTION";

    /** A polling station that holds voters of the roll: how the roll is found again to re-stamp or purge it. */
    public static String rollStationSk(String station) {
        return "ROLLSTATION#" + StationCode.canonical(station);
    }

    public static String rollImportSk(String importId) {
        return "ROLLFILE#" + importId;
    }

    /** Beside a contact: the voter of the roll matched to it (privacy export and erasure find it here). */
    public static String voterLinkSk(String station, String voterSk) {
        return VOTER_LINK_PREFIX + StationCode.canonical(station) + "#" + voterSk;
    }

    public static final String VOTER_LINK_PREFIX = "VOTER#";

    /** One canvass result, kept beside its contact: at most one per (contact, canvass session). */
    public static String canvassSk(String session) {
        return "CANVASS#" + session;
    }

    /** A fixed window counter, for example sign-ups from one IP hash in one minute. */
    public static String rateWindow(String orgId, String what, String sourceHash) {
        return organisation(orgId) + "#RATE#" + what + "#" + sourceHash;
    }

    /** One minute of a rate window, by its number since the epoch. */
    public static String rateWindowSk(long window) {
        return "W#" + window;
    }

    /** The organisation's suppression list: one item per address, sorted by its contact id. */
    public static String suppressions(String orgId) {
        return organisation(orgId) + "#SUPP";
    }

    /** What is left of an erased contact: a keyed hash of its address, so it is never made mailable again. */
    public static String erasureTombstone(String orgId, String addressHash) {
        return organisation(orgId) + "#ERASED#" + addressHash;
    }

    public static final String ERASURE_TOMBSTONE_SK = "ERASED";

    /**
     * Where a contact id of the old plain-hash scheme leads after the migration to keyed ids: the
     * old id appears only through its keyed pseudonym, so the item cannot be found from a guess.
     */
    public static String movedContact(String orgId, String oldIdPseudonym) {
        return organisation(orgId) + "#MOVED#" + oldIdPseudonym;
    }

    public static final String MOVED_CONTACT_SK = "MOVED";

    /** The checkpoint of a one-time data migration of the organisation. */
    public static String migrationSk(String migration) {
        return "MIGRATION#" + migration;
    }

    /** The audit trail of admin actions; sort keys start with the time, so a query reads it in order. */
    public static String auditTrail(String orgId) {
        return organisation(orgId) + "#AUDIT";
    }

    /** The SES events applied for one message, so that an event delivered twice is applied once. */
    public static String appliedFeedback(String orgId, String sesMessageId) {
        return organisation(orgId) + "#FEEDBACK#" + sesMessageId;
    }

    public static String appliedFeedbackSk(String eventType, String recipientId) {
        return eventType + "#" + recipientId;
    }
}
