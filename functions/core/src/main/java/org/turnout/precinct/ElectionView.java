package org.turnout.precinct;

import java.time.Instant;
import java.util.List;

/** What staff see of an election and its import: status, counts, candidates and the report. */
public record ElectionView(String id, String name, String date, String commune, String status, String file, String format,
                           long stations, long rows, long warnings, long rejected, List<CandidateView> candidates,
                           List<ProblemView> problems, String failure, Instant createdAt, Instant finishedAt) {

    public record CandidateView(String key, String panel, String name, String list, String nuance) {
        /** {@link Candidate#label()}. */
        public String label() {
            return candidate().label();
        }

        /** {@link Candidate#identifier()}: what a choice of this candidate sends as the side. */
        public String identifier() {
            return candidate().identifier();
        }

        private Candidate candidate() {
            return new Candidate(key, panel, name, list, nuance);
        }
    }

    public record ProblemView(long line, String station, String kind, String message) {
    }

    public static ElectionView of(Election e) {
        return new ElectionView(e.electionId(), e.name(), e.date(), e.commune(), e.status(), e.objectKey(),
                e.format(), orZero(e.stations()), orZero(e.rows()), orZero(e.warnings()), orZero(e.rejected()),
                e.candidates() == null ? List.of() : e.candidates().stream()
                        .map(c -> new CandidateView(c.key(), c.panel(), c.name(), c.list(), c.nuance())).toList(),
                e.problems() == null ? List.of() : e.problems().stream()
                        .map(p -> new ProblemView(p.line(), p.station(), p.kind(), p.message())).toList(),
                e.failure(), e.createdAt(), e.finishedAt());
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}
