package org.turnout.canvass;

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
 * The import of an address file: {@code ORG#o / ADDRFILE#<importId>}, with its counts and the
 * first rejected rows, and while it runs how far it has read the file (versioned, so that two
 * invocations never both own it).
 *
 * @param progress How far the import has read its file, while it runs.
 */
@RecordBuilder
public record AddressImport(
        String orgId, Long version, String importId, String objectKey, String status, String failure, long rows,
        long doors, long rejected, List<ElectionProblem> problems, Instant finishedAt, ImportProgress progress)
        implements FileImportItem, AddressImportBuilder.With {
    public static final String TYPE = "addressImport";
    public static final String IMPORT_ID = "importId";
    public static final String ROWS = "rows";
    public static final String DOORS = "doors";
    public static final String REJECTED = "rejected";
    public static final String PROBLEMS = "problems";
    public static final String PROGRESS = "progress";

    public static final TableSchema<AddressImport> SCHEMA =
            FileImportItem.attributes(
                            OrganisationItem.schema(AddressImport.class, AddressImportBuilder.class, AddressImportBuilder::builder,
                                    AddressImportBuilder::build, AddressImportBuilder::orgId, AddressImportBuilder::version),
                            new FileImportItem.Setters<>(AddressImportBuilder::objectKey, AddressImportBuilder::status,
                                    AddressImportBuilder::failure, AddressImportBuilder::finishedAt))
                    .addAttribute(String.class, attribute(IMPORT_ID, AddressImport::importId, AddressImportBuilder::importId))
                    .addAttribute(Long.class, attribute(ROWS, AddressImport::rows, AddressImportBuilder::rows))
                    .addAttribute(Long.class, attribute(DOORS, AddressImport::doors, AddressImportBuilder::doors))
                    .addAttribute(Long.class, attribute(REJECTED, AddressImport::rejected, AddressImportBuilder::rejected))
                    .addAttribute(ElectionProblem.LIST_TYPE, attribute(PROBLEMS, AddressImport::problems, AddressImportBuilder::problems))
                    .addAttribute(ImportProgress.DOCUMENT, attribute(PROGRESS, AddressImport::progress, AddressImportBuilder::progress))
                    .build();

    public AddressImport {
        problems = ItemSchemas.copy(problems);
    }

    @Override
    public String sk() {
        return Keys.addressImportSk(importId);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
