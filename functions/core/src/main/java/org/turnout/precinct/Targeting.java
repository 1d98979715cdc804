package org.turnout.precinct;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The arithmetic of priority stations, on results already read. Per station of the reference
 * election: abstentions = registered - voters; sideShare = the side's votes / expressed; potential
 * = abstentions x sideShare. Stations are ranked by potential (ties by station code), each with the
 * share of the total potential that it and the stations before it hold; the coverage counts are
 * the fewest top stations holding at least 50 % and 80 % of it.
 */
public final class Targeting {
    private Targeting() {
    }

    /** One election's stations, with the keys of the candidates that are the side in it. */
    public record ElectionResults(String electionId, List<StationResult> stations, Set<String> sideKeys) {
    }

    /** The ranked stations, the total potential, and the fewest top stations holding 50 % and 80 % of it (0 when it is 0). */
    public record Ranking(List<StationTarget> stations, double totalPotential, int stationsFor50, int stationsFor80) {
    }

    /** @param reference the election whose stations are ranked; {@code others} only give the best share */
    public static Ranking rank(ElectionResults reference, List<ElectionResults> others) {
        List<Computed> computed = new ArrayList<>();
        List<Map<String, StationResult>> othersByStation = others.stream()
                .map(other -> other.stations().stream().collect(Collectors.toMap(s -> StationCode.canonical(s.station()), s -> s, (a, b) -> a)))
                .toList();
        for (StationResult station : reference.stations()) {
            long abstentions = Math.max(0, station.registered() - station.voters());
            long sideVotes = sideVotes(station, reference.sideKeys());
            double share = share(sideVotes, station.expressed());
            double best = share;
            String bestElection = reference.electionId();
            for (int i = 0; i < others.size(); i++) {
                StationResult then = othersByStation.get(i).get(StationCode.canonical(station.station()));
                if (then != null && then.expressed() > 0) {
                    double thenShare = share(sideVotes(then, others.get(i).sideKeys()), then.expressed());
                    if (thenShare > best) {
                        best = thenShare;
                        bestElection = others.get(i).electionId();
                    }
                }
            }
            computed.add(new Computed(station, abstentions, sideVotes, share, abstentions * share, best, bestElection));
        }
        computed.sort(Comparator.comparingDouble(Computed::potential).reversed().thenComparing(c -> c.station().station()));
        double total = computed.stream().mapToDouble(Computed::potential).sum();
        List<StationTarget> ranked = new ArrayList<>();
        double cumulative = 0;
        int for50 = 0;
        int for80 = 0;
        boolean several = !others.isEmpty();
        for (Computed c : computed) {
            cumulative += c.potential();
            // a hair of tolerance: the shares are sums of doubles
            if (for50 == 0 && total > 0 && cumulative >= 0.5 * total - 1e-9) {
                for50 = ranked.size() + 1;
            }
            if (for80 == 0 && total > 0 && cumulative >= 0.8 * total - 1e-9) {
                for80 = ranked.size() + 1;
            }
            StationResult s = c.station();
            ranked.add(new StationTarget(s.station(), s.registered(), s.voters(), c.abstentions(),
                    round(share(c.abstentions(), s.registered()), 4), s.expressed(), c.sideVotes(), round(c.share(), 4),
                    round(c.potential(), 1), ranked.size() + 1, total == 0 ? 0 : round(cumulative / total, 4),
                    several ? round(c.best(), 4) : null, several ? c.bestElection() : null,
                    several ? round(c.best() - c.share(), 4) : null));
        }
        return new Ranking(ranked, round(total, 1), for50, for80);
    }

    private static long sideVotes(StationResult station, Set<String> sideKeys) {
        long votes = 0;
        for (Map.Entry<String, Long> entry : station.votes().entrySet()) {
            if (sideKeys.contains(entry.getKey())) {
                votes += entry.getValue();
            }
        }
        return votes;
    }

    private static double share(long part, long whole) {
        return whole <= 0 ? 0 : (double) part / whole;
    }

    static double round(double value, int decimals) {
        return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).doubleValue();
    }

    private record Computed(StationResult station, long abstentions, long sideVotes, double share, double potential,
                            double best, String bestElection) {
    }
}
