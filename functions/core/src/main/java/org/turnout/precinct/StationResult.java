package org.turnout.precinct;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.turnout.store.Keys;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbIgnore;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSortKey;

/**
 * The results of one polling station in one election: {@code ORG#o#ELEC#e / P#<station>}, with
 * the votes of each candidate or list by {@link Candidate#getKey() key}.
 */
@DynamoDbBean
public class StationResult {
    public static final String TYPE = "stationResult";

    private String orgId;
    private String electionId;
    private String station;
    private long line;
    private long registered;
    private long voters;
    private long blank;
    private long nulls;
    private long expressed;
    private Map<String, Long> votes = new LinkedHashMap<>();
    private long throughLine;

    @DynamoDbPartitionKey
    @DynamoDbAttribute("PK")
    public String getPk() {
        return Keys.electionResults(orgId, electionId);
    }

    public void setPk(String pk) {
        // derived from organisation and election
    }

    @DynamoDbSortKey
    @DynamoDbAttribute("SK")
    public String getSk() {
        return Keys.stationResultSk(station);
    }

    public void setSk(String sk) {
        // derived from the station
    }

    public String getType() {
        return TYPE;
    }

    public void setType(String type) {
        // constant
    }

    /** What does not add up, in words; empty when the station's figures are consistent. */
    @DynamoDbIgnore
    public List<String> inconsistencies() {
        return inconsistencies(false);
    }

    /**
     * @param severalPerBallot a voter may choose several candidates (municipal, under 1,000): the votes then add up to
     *                         more than the expressed ballots, and each candidate's votes are checked against them instead
     */
    public List<String> inconsistencies(boolean severalPerBallot) {
        List<String> found = new ArrayList<>();
        if (voters != blank + nulls + expressed) {
            found.add("voters (" + voters + ") are not blank (" + blank + ") + null (" + nulls + ") + expressed (" + expressed + ") = "
                    + (blank + nulls + expressed));
        }
        long sum = votes.values().stream().mapToLong(Long::longValue).sum();
        if (severalPerBallot) {
            votes.forEach((candidate, count) -> {
                if (count > expressed) {
                    found.add("candidate " + candidate + " has " + count + " votes, more than the " + expressed + " expressed");
                }
            });
        } else if (sum != expressed) {
            found.add("the votes of the candidates or lists add up to " + sum + ", not to the " + expressed + " expressed");
        }
        if (voters > registered) {
            found.add("more voters (" + voters + ") than registered (" + registered + ")");
        }
        return found;
    }

    public String getOrgId() {
        return orgId;
    }

    public void setOrgId(String orgId) {
        this.orgId = orgId;
    }

    public String getElectionId() {
        return electionId;
    }

    public void setElectionId(String electionId) {
        this.electionId = electionId;
    }

    public String getStation() {
        return station;
    }

    public void setStation(String station) {
        this.station = station;
    }

    /** The file's line the station was read from (its first, in a long file). */
    public long getLine() {
        return line;
    }

    public void setLine(long line) {
        this.line = line;
    }

    public long getRegistered() {
        return registered;
    }

    public void setRegistered(long registered) {
        this.registered = registered;
    }

    public long getVoters() {
        return voters;
    }

    public void setVoters(long voters) {
        this.voters = voters;
    }

    public long getBlank() {
        return blank;
    }

    public void setBlank(long blank) {
        this.blank = blank;
    }

    public long getNulls() {
        return nulls;
    }

    public void setNulls(long nulls) {
        this.nulls = nulls;
    }

    public long getExpressed() {
        return expressed;
    }

    public void setExpressed(long expressed) {
        this.expressed = expressed;
    }

    public Map<String, Long> getVotes() {
        return votes;
    }

    public void setVotes(Map<String, Long> votes) {
        this.votes = votes;
    }

    /**
     * The last line of the file whose figures this item holds (a long file sums several lines), so
     * that an import resumed from an earlier checkpoint never adds a line twice.
     */
    public long getThroughLine() {
        return throughLine;
    }

    public void setThroughLine(long throughLine) {
        this.throughLine = throughLine;
    }
}
