package org.turnout.importing;

/** Rows read, and what became of them. Rows = created + updated + duplicates + rejected. */
public record ImportCounts(long rows, long created, long updated, long duplicates, long rejected) {
    public static final ImportCounts ZERO = new ImportCounts(0, 0, 0, 0, 0);

    public ImportCounts plus(ImportCounts o) {
        return new ImportCounts(rows + o.rows, created + o.created, updated + o.updated, duplicates + o.duplicates, rejected + o.rejected);
    }

    public ImportCounts with(RowOutcome outcome) {
        return switch (outcome) {
            case CREATED -> new ImportCounts(rows + 1, created + 1, updated, duplicates, rejected);
            case UPDATED -> new ImportCounts(rows + 1, created, updated + 1, duplicates, rejected);
            case DUPLICATE -> new ImportCounts(rows + 1, created, updated, duplicates + 1, rejected);
        };
    }

    public ImportCounts withRejected() {
        return new ImportCounts(rows + 1, created, updated, duplicates, rejected + 1);
    }
}
