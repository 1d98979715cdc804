package org.turnout.importing;

import java.time.Instant;

/** What staff see of an import job. */
public record ImportJobView(String id, String status, String file, String consentSource, long rows, long created,
                            long updated, long duplicates, long rejected, long warnings, String failure, String report,
                            Instant createdAt, Instant finishedAt) {

    public static ImportJobView of(ImportJob job) {
        return new ImportJobView(job.importId(), job.status(), job.objectKey(), job.consentSource(),
                orZero(job.rows()), orZero(job.created()), orZero(job.updated()), orZero(job.duplicates()),
                orZero(job.rejected()), orZero(job.warnings()), job.failure(), job.reportKey(), job.createdAt(), job.finishedAt());
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}
