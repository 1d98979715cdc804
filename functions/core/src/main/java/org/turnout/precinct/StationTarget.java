package org.turnout.precinct;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One polling station in the ranking. {@code potential} = abstentions x {@code sideShare}: the
 * likely supporters who stayed home. With several elections, {@code bestShare} is the side's best
 * share of expressed votes in this station over all of them ({@code bestElection}), and {@code gap}
 * = bestShare - sideShare how far the reference election fell short of it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StationTarget(String station, long registered, long voters, long abstentions, double abstentionRate,
                            long expressed, long sideVotes, double sideShare, double potential, int rank, double cumulativeShare,
                            Double bestShare, String bestElection, Double gap) {
}
