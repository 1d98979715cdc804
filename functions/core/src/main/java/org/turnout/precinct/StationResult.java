package org.turnout.precinct;

import static org.turnout.store.ItemSchemas.attribute;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.ArrayList;
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
 *
 * @param line The file's line the station was read from (its first, in a long file).
 * @param throughLine  The last line of the file whose figures this item holds (a long file sums several lines), so that an import resumed from an earlier checkpoint never adds a line twice. 
 */
@RecordBuilder
public record StationResult(
        String orgId, String electionId, String station, long line, long registered, long voters, long blank,
        long nulls, long expressed, Map<String, Long> votes, long throughLine)
        implements StationResultBuilder.With {
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
            ItemSchemas.keyed(StationResult.class, StationResultBuilder.class, StationResultBuilder::builder, StationResultBuilder::build,
                            r -> Keys.electionResults(r.orgId, r.electionId), r -> Keys.stationResultSk(r.station), TYPE)
                    .addAttribute(String.class, attribute(Attributes.ORG_ID, StationResult::orgId, StationResultBuilder::orgId))
                    .addAttribute(String.class, attribute(ELECTION_ID, StationResult::electionId, StationResultBuilder::electionId))
                    .addAttribute(String.class, attribute(STATION, StationResult::station, StationResultBuilder::station))
                    .addAttribute(Long.class, attribute(LINE, StationResult::line, StationResultBuilder::line))
                    .addAttribute(Long.class, attribute(REGISTERED, StationResult::registered, StationResultBuilder::registered))
                    .addAttribute(Long.class, attribute(VOTERS, StationResult::voters, StationResultBuilder::voters))
                    .addAttribute(Long.class, attribute(BLANK, StationResult::blank, StationResultBuilder::blank))
                    .addAttribute(Long.class, attribute(NULLS, StationResult::nulls, StationResultBuilder::nulls))
                    .addAttribute(Long.class, attribute(EXPRESSED, StationResult::expressed, StationResultBuilder::expressed))
                    .addAttribute(EnhancedType.mapOf(String.class, Long.class),
                            attribute(VOTES, StationResult::votes, StationResultBuilder::votes))
                    .addAttribute(Long.class, attribute(THROUGH_LINE, StationResult::throughLine, StationResultBuilder::throughLine))
                    .build();

    public StationResult {
        votes = votes == null ? Map.of() : ItemSchemas.copy(votes);
    }

    /** This station's result as one election holds it, its figures read through {@code throughLine}. */
    public StationResult ofElection(String orgId, String electionId, long throughLine) {
        return with().orgId(orgId).electionId(electionId).throughLine(throughLine).build();
    }

    /** A long file's later line of the same station: its votes added, the other figures kept from the first line. */
    public StationResult plus(StationResult later) {
        Map<String, Long> sum = new LinkedHashMap<>(votes);
        later.votes.forEach((candidate, count) -> sum.merge(candidate, count, Long::sum));
        return with().throughLine(later.throughLine).votes(sum).build();
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
}
