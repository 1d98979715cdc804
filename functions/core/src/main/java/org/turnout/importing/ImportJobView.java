package org.turnout.importing;

import java.time.Instant;

/** What staff see of an import job. */
public record ImportJobView(String id, String status, String file, String consentSource, long rows, long created,
                            long updated, long duplicates, long rejected, long warnings, String failure, String report,
                            Instant createdAt, Instant finishedAt) {

    public static ImportJobView of(ImportJob job) {
        return new ImportJobView(job.getImportId(), job.getStatus(), job.getObjectKey(), job.getConsentSource(),
                orZero(job.getRows()), orZero(job.getCreated()), orZero(job.getUpdated()), orZero(job.getDuplicates()),
                orZero(job.getRejected()), orZero(job.getWarnings()), job.getFailure(), job.getReportKey(), job.getCreatedAt(), job.getFinishedAt());
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}
