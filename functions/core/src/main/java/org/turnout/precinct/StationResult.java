package org.turnout.precinct;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.turnout.store.Attributes;
import org.turnout.store.ItemSchemas;
import org.turnout.store.Keys;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/**
 * The results of one polling station in one election: {@code ORG#o#ELEC#e / P#<station>}, with
 * the votes of each candidate or list by {@link Candidate#getKey() key}.
 */
public final class StationResult {
    public static final String TYPE = "stationResult";
    public static final String ELECTION_ID = "electionId";
    public static final String STATION = "station";
    public static final String LINE = "line";
    public static final String REGISTERED = "registered";
    public static final String VOTERS = "voters";
    public static final String BLANK = "blank";
    public static final String NULLS = "nulls";
    public static final String EXPRESSED = "expressed";
    public static final String VOTES = "votes";
    public static final String THROUGH_LINE = "throughLine";

    public static final TableSchema<StationResult> SCHEMA =
            ItemSchemas.keyed(StationResult.class, Builder.class, Builder::new, Builder::build,
                            r -> Keys.electionResults(r.orgId, r.electionId), r -> Keys.stationResultSk(r.station), TYPE)
                    .addAttribute(String.class, a -> a.name(Attributes.ORG_ID).getter(StationResult::orgId).setter(Builder::orgId))
                    .addAttribute(String.class, a -> a.name(ELECTION_ID).getter(StationResult::electionId).setter(Builder::electionId))
                    .addAttribute(String.class, a -> a.name(STATION).getter(StationResult::station).setter(Builder::station))
                    .addAttribute(Long.class, a -> a.name(LINE).getter(StationResult::line).setter(Builder::line))
                    .addAttribute(Long.class, a -> a.name(REGISTERED).getter(StationResult::registered).setter(Builder::registered))
                    .addAttribute(Long.class, a -> a.name(VOTERS).getter(StationResult::voters).setter(Builder::voters))
                    .addAttribute(Long.class, a -> a.name(BLANK).getter(StationResult::blank).setter(Builder::blank))
                    .addAttribute(Long.class, a -> a.name(NULLS).getter(StationResult::nulls).setter(Builder::nulls))
                    .addAttribute(Long.class, a -> a.name(EXPRESSED).getter(StationResult::expressed).setter(Builder::expressed))
                    .addAttribute(EnhancedType.mapOf(String.class, Long.class),
                            a -> a.name(VOTES).getter(StationResult::votes).setter(Builder::votes))
                    .addAttribute(Long.class, a -> a.name(THROUGH_LINE).getter(StationResult::throughLine).setter(Builder::throughLine))
                    .build();

    private final String orgId;
    private final String electionId;
    private final String station;
    private final long line;
    private final long registered;
    private final long voters;
    private final long blank;
    private final long nulls;
    private final long expressed;
    private final Map<String, Long> votes;
    private final long throughLine;

    private StationResult(Builder builder) {
        this.orgId = builder.orgId;
        this.electionId = builder.electionId;
        this.station = builder.station;
        this.line = builder.line;
        this.registered = builder.registered;
        this.voters = builder.voters;
        this.blank = builder.blank;
        this.nulls = builder.nulls;
        this.expressed = builder.expressed;
        this.votes = Collections.unmodifiableMap(new LinkedHashMap<>(builder.votes));
        this.throughLine = builder.throughLine;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().orgId(orgId).electionId(electionId).station(station).line(line).registered(registered)
                .voters(voters).blank(blank).nulls(nulls).expressed(expressed).votes(votes).throughLine(throughLine);
    }

    /** This station's result as one election holds it, its figures read through {@code throughLine}. */
    public StationResult ofElection(String orgId, String electionId, long throughLine) {
        return toBuilder().orgId(orgId).electionId(electionId).throughLine(throughLine).build();
    }

    /** A long file's later line of the same station: its votes added, the other figures kept from the first line. */
    public StationResult plus(StationResult later) {
        Builder sum = toBuilder().throughLine(later.throughLine);
        later.votes.forEach(sum::addVotes);
        return sum.build();
    }

    /** What does not add up, in words; empty when the station's figures are consistent. */
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

    public String orgId() {
        return orgId;
    }

    public String electionId() {
        return electionId;
    }

    public String station() {
        return station;
    }

    /** The file's line the station was read from (its first, in a long file). */
    public long line() {
        return line;
    }

    public long registered() {
        return registered;
    }

    public long voters() {
        return voters;
    }

    public long blank() {
        return blank;
    }

    public long nulls() {
        return nulls;
    }

    public long expressed() {
        return expressed;
    }

    public Map<String, Long> votes() {
        return votes;
    }

    /**
     * The last line of the file whose figures this item holds (a long file sums several lines), so
     * that an import resumed from an earlier checkpoint never adds a line twice.
     */
    public long throughLine() {
        return throughLine;
    }

    public static final class Builder {
        private String orgId;
        private String electionId;
        private String station;
        private long line;
        private long registered;
        private long voters;
        private long blank;
        private long nulls;
        private long expressed;
        private final Map<String, Long> votes = new LinkedHashMap<>();
        private long throughLine;

        private Builder() {
        }

        public Builder orgId(String orgId) {
            this.orgId = orgId;
            return this;
        }

        public Builder electionId(String electionId) {
            this.electionId = electionId;
            return this;
        }

        public Builder station(String station) {
            this.station = station;
            return this;
        }

        public Builder line(Long line) {
            this.line = line;
            return this;
        }

        public Builder registered(Long registered) {
            this.registered = registered;
            return this;
        }

        public Builder voters(Long voters) {
            this.voters = voters;
            return this;
        }

        public Builder blank(Long blank) {
            this.blank = blank;
            return this;
        }

        public Builder nulls(Long nulls) {
            this.nulls = nulls;
            return this;
        }

        public Builder expressed(Long expressed) {
            this.expressed = expressed;
            return this;
        }

        public Builder votes(Map<String, Long> votes) {
            this.votes.clear();
            if (votes != null) {
                this.votes.putAll(votes);
            }
            return this;
        }

        public Builder throughLine(Long throughLine) {
            this.throughLine = throughLine;
            return this;
        }

        /** Adds a candidate's votes to those the station has for it already (a candidate may come twice in a row). */
        public Builder addVotes(String candidate, long count) {
            votes.merge(candidate, count, Long::sum);
            return this;
        }

        public long voters() {
            return voters;
        }

        public long blank() {
            return blank;
        }

        public long nulls() {
            return nulls;
        }

        public StationResult build() {
            return new StationResult(this);
        }
    }
}
