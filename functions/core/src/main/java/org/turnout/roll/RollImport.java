package org.turnout.roll;

import static org.turnout.store.ItemSchemas.attribute;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.time.Instant;
import java.util.List;
import org.turnout.importing.FileImportItem;
import org.turnout.importing.ImportProgress;
import org.turnout.precinct.ElectionProblem;
import org.turnout.store.ItemSchemas;
import org.turnout.store.Keys;
import org.turnout.store.OrganisationItem;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/**
 * The import of an electoral roll file: {@code ORG#o / ROLLFILE#<importId>}, counts and the first
 * rejected rows (no names), and while it runs how far it has read the file (versioned, so that two
 * invocations never both own it).
 *
 * @param progress How far the import has read its file, while it runs.
 */
@RecordBuilder
public record RollImport(
        String orgId, Long version, String importId, String objectKey, String status, String failure, long rows,
        long voters, long doors, long matched, long rejected, List<ElectionProblem> problems, Instant finishedAt,
        Long ttl, ImportProgress progress)
        implements FileImportItem, RollImportBuilder.With {
    public static final String TYPE = "rollImport";
    public static final String IMPORT_ID = "importId";
    public static final String ROWS = "rows";
    public static final String VOTERS = "voters";
    public static final String DOORS = "doors";
    public static final String MATCHED = "matched";
    public static final String REJECTED = "rejected";
    public static final String PROBLEMS = "problems";
    public static final String TTL = "ttl";
    public static final String PROGRESS = "progress";

    public static final TableSchema<RollImport> SCHEMA =
            FileImportItem.attributes(
                            OrganisationItem.schema(RollImport.class, RollImportBuilder.class, RollImportBuilder::builder, RollImportBuilder::build,
                                    RollImportBuilder::orgId, RollImportBuilder::version),
                            new FileImportItem.Setters<>(RollImportBuilder::objectKey, RollImportBuilder::status,
                                    RollImportBuilder::failure, RollImportBuilder::finishedAt))
                    .addAttribute(String.class, attribute(IMPORT_ID, RollImport::importId, RollImportBuilder::importId))
                    .addAttribute(Long.class, attribute(ROWS, RollImport::rows, RollImportBuilder::rows))
                    .addAttribute(Long.class, attribute(VOTERS, RollImport::voters, RollImportBuilder::voters))
                    .addAttribute(Long.class, attribute(DOORS, RollImport::doors, RollImportBuilder::doors))
                    .addAttribute(Long.class, attribute(MATCHED, RollImport::matched, RollImportBuilder::matched))
                    .addAttribute(Long.class, attribute(REJECTED, RollImport::rejected, RollImportBuilder::rejected))
                    .addAttribute(ElectionProblem.LIST_TYPE, attribute(PROBLEMS, RollImport::problems, RollImportBuilder::problems))
                    .addAttribute(Long.class, attribute(TTL, RollImport::ttl, RollImportBuilder::ttl))
                    .addAttribute(ImportProgress.DOCUMENT, attribute(PROGRESS, RollImport::progress, RollImportBuilder::progress))
                    .build();

    public RollImport {
        problems = ItemSchemas.copy(problems);
    }

    @Override
    public String sk() {
        return Keys.rollImportSk(importId);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
