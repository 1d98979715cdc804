package org.turnout.precinct;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.turnout.problem.FieldErrors;

/**
 * Ranks an organisation's polling stations for the side it names, from one or several imported
 * elections: the newest of them (by the day of the vote, else by upload) is the reference whose
 * stations are ranked; the others give the side's best share in each station.
 */
@Singleton
public record TargetingService(ElectionRepository elections) {
    static final int MAX_ELECTIONS = 10;
    static final int MAX_SIDE = 50;
    /** How many of the elections' candidates and lists an unknown side's message lists. */
    static final int MAX_LISTED = 60;

    /**
     * @param electionIds ids from the elections list, comma-separated
     * @param side        panel numbers, list names, candidate names or nuance codes, comma-separated, whatever the case and accents
     */
    public TargetingResult rank(String orgId, String electionIds, String side) {
        FieldErrors errors = new FieldErrors();
        List<String> ids = split(electionIds);
        List<String> sideNames = split(side);
        if (ids.isEmpty()) {
            errors.add("elections", "is required: election ids from GET /v1/admin/orgs/{org}/elections, comma-separated");
        } else if (ids.size() > MAX_ELECTIONS) {
            errors.add("elections", "at most " + MAX_ELECTIONS + " elections");
        }
        if (sideNames.isEmpty()) {
            errors.add("side", "is required: panel numbers, list names, candidate names or nuance codes, comma-separated");
        } else if (sideNames.size() > MAX_SIDE) {
            errors.add("side", "at most " + MAX_SIDE + " identifiers");
        }
        errors.throwIfAny();

        List<Election> chosen = new ArrayList<>();
        for (String id : ids) {
            Election election = elections.find(orgId, id).orElse(null);
            if (election == null) {
                errors.add("elections", "no election " + id);
            } else if (!Election.DONE.equals(election.status())) {
                errors.add("elections", "election " + id + " is " + election.status() + ", not imported");
            } else {
                chosen.add(election);
            }
        }
        errors.throwIfAny();
        for (String name : sideNames) {
            boolean named = chosen.stream().anyMatch(e -> e.candidates().stream().anyMatch(c -> c.isNamedBy(name)));
            if (!named) {
                errors.add("side", "'" + name + "' names no candidate or list of these elections; they hold: " + held(chosen));
            }
        }
        errors.throwIfAny();

        chosen.sort(newestFirst());
        List<Targeting.ElectionResults> results = new ArrayList<>();
        Set<String> referenceCandidates = new LinkedHashSet<>();
        for (Election election : chosen) {
            Set<String> keys = election.candidates().stream()
                    .filter(c -> sideNames.stream().anyMatch(c::isNamedBy))
                    .map(Candidate::key).collect(Collectors.toSet());
            if (results.isEmpty()) {
                election.candidates().stream().filter(c -> keys.contains(c.key())).forEach(c -> referenceCandidates.add(c.label()));
            }
            results.add(new Targeting.ElectionResults(election.electionId(), elections.stations(orgId, election.electionId()), keys));
        }
        Targeting.Ranking ranking = Targeting.rank(results.get(0), results.subList(1, results.size()));
        return new TargetingResult(chosen.get(0).electionId(), chosen.stream().map(Election::electionId).toList(), sideNames,
                List.copyOf(referenceCandidates), ranking.totalPotential(), ranking.stationsFor50(), ranking.stationsFor80(),
                ranking.stations());
    }

    /** The election's name as staff gave it, for the report's title. */
    public String electionName(String orgId, String electionId) {
        return elections.find(orgId, electionId).map(Election::name).orElse(electionId);
    }

    /** By the day of the vote where both have one, else by creation. */
    private static Comparator<Election> newestFirst() {
        return (a, b) -> {
            if (a.date() != null && b.date() != null && !a.date().equals(b.date())) {
                return b.date().compareTo(a.date());
            }
            if (a.createdAt() != null && b.createdAt() != null && !a.createdAt().equals(b.createdAt())) {
                return b.createdAt().compareTo(a.createdAt());
            }
            return b.electionId().compareTo(a.electionId());
        };
    }

    /** What the elections hold, as a side may name it: "1 Saint-Exemple Ensemble (LDVG)", the first {@link #MAX_LISTED}. */
    private static String held(List<Election> chosen) {
        List<String> labels = chosen.stream().flatMap(e -> e.candidates().stream()).map(Candidate::label).distinct().toList();
        String listed = String.join("; ", labels.subList(0, Math.min(MAX_LISTED, labels.size())));
        return labels.size() > MAX_LISTED ? listed + "; and " + (labels.size() - MAX_LISTED) + " more" : listed;
    }

    private static List<String> split(String text) {
        if (text == null) {
            return List.of();
        }
        List<String> parts = new ArrayList<>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                parts.add(part.strip());
            }
        }
        return List.copyOf(new LinkedHashSet<>(parts));
    }
}
