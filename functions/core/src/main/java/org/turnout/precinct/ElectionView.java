package org.turnout.precinct;

import java.time.Instant;
import java.util.List;

/** What staff see of an election and its import: status, counts, candidates and the report. */
public record ElectionView(String id, String name, String date, String commune, String status, String file, String format,
                           long stations, long rows, long warnings, long rejected, List<CandidateView> candidates,
                           List<ProblemView> problems, String failure, Instant createdAt, Instant finishedAt) {

    public record CandidateView(String key, String panel, String name, String list, String nuance) {
    }

    public record ProblemView(long line, String station, String kind, String message) {
    }

    public static ElectionView of(Election e) {
        return new ElectionView(e.getElectionId(), e.getName(), e.getDate(), e.getCommune(), e.getStatus(), e.getObjectKey(),
                e.getFormat(), orZero(e.getStations()), orZero(e.getRows()), orZero(e.getWarnings()), orZero(e.getRejected()),
                e.getCandidates() == null ? List.of() : e.getCandidates().stream()
                        .map(c -> new CandidateView(c.getKey(), c.getPanel(), c.getName(), c.getList(), c.getNuance())).toList(),
                e.getProblems() == null ? List.of() : e.getProblems().stream()
                        .map(p -> new ProblemView(p.getLine(), p.getStation(), p.getKind(), p.getMessage())).toList(),
                e.getFailure(), e.getCreatedAt(), e.getFinishedAt());
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}
