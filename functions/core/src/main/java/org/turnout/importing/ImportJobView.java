package org.turnout.importing;

import java.time.Instant;

/**
 * What staff see of an import job.
 *
 * @param percent how much of the file is read: the bytes up to the last checkpoint of a CSV file, 100 once done;
 *                null while a workbook (read whole, from its end) is being read
 */
public record ImportJobView(String id, String status, String file, String consentSource, long rows, long created,
                            long updated, long duplicates, long rejected, long warnings, String failure, String report,
                            Instant createdAt, Instant finishedAt, Integer percent) {

    public static ImportJobView of(ImportJob job) {
        return new ImportJobView(job.importId(), job.status(), job.objectKey(), job.consentSource(),
                orZero(job.rows()), orZero(job.created()), orZero(job.updated()), orZero(job.duplicates()),
                orZero(job.rejected()), orZero(job.warnings()), job.failure(), job.reportKey(), job.createdAt(), job.finishedAt(),
                percent(job));
    }

    private static Integer percent(ImportJob job) {
        if (ImportJob.DONE.equals(job.status())) {
            return 100;
        }
        if (ImportJob.XLSX.equals(job.format())) {
            return null;
        }
        Long read = job.progress().nextByte();
        return job.size() == null || job.size() <= 0 || read == null ? 0 : (int) Math.min(99, read * 100 / job.size());
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}
