package org.turnout.importing;

/**
 * Rows read, and what became of them. Rows = created + updated + duplicates + rejected; warnings
 * count the values left out of rows that were imported.
 */
public record ImportCounts(long rows, long created, long updated, long duplicates, long rejected, long warnings) {
    public static final ImportCounts ZERO = new ImportCounts(0, 0, 0, 0, 0, 0);

    public ImportCounts plus(ImportCounts o) {
        return new ImportCounts(rows + o.rows, created + o.created, updated + o.updated, duplicates + o.duplicates,
                rejected + o.rejected, warnings + o.warnings);
    }

    public ImportCounts with(RowOutcome outcome) {
        return switch (outcome) {
            case CREATED -> new ImportCounts(rows + 1, created + 1, updated, duplicates, rejected, warnings);
            case UPDATED -> new ImportCounts(rows + 1, created, updated + 1, duplicates, rejected, warnings);
            case DUPLICATE -> new ImportCounts(rows + 1, created, updated, duplicates + 1, rejected, warnings);
        };
    }

    public ImportCounts withRejected() {
        return new ImportCounts(rows + 1, created, updated, duplicates, rejected + 1, warnings);
    }

    public ImportCounts withWarnings(long more) {
        return new ImportCounts(rows, created, updated, duplicates, rejected, warnings + more);
    }
}
