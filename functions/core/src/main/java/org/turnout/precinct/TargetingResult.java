package org.turnout.precinct;

import java.util.List;

/**
 * The ranking of an organisation's polling stations by potential, from the {@code reference}
 * election (the newest of those asked for), with how many stations cover 50 % and 80 % of the
 * total potential.
 */
public record TargetingResult(String reference, List<String> elections, List<String> side, List<String> sideCandidates,
                              double totalPotential, int stationsFor50, int stationsFor80, List<StationTarget> stations) {
}
