package org.turnout.precinct;

import static org.turnout.store.ItemSchemas.attribute;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.time.Instant;
import java.util.List;
import org.turnout.importing.FileImportItem;
import org.turnout.importing.ImportProgress;
import org.turnout.store.ItemSchemas;
import org.turnout.store.Keys;
import org.turnout.store.OrganisationItem;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/**
 * An imported election: {@code ORG#o / ELEC#<electionId>}. Its id sorts by upload time, so a
 * descending query lists the newest first. It holds what the file was (format, candidates or
 * lists), the import's status and counts, and the report: each station whose figures do not add
 * up (a warning) and each row that could not be read (rejected), the first
 * {@link ElectionImportService#MAX_PROBLEMS_KEPT} of them.
 *
 * @param progress How far the import has read its file, while it runs.
 * @param communeFromFile Whether the commune was read from the file rather than given by staff (who then pick it in a larger file).
 * @param failingStations The stations (canonical codes) found failing the sum checks so far, while the import runs.
 */
@RecordBuilder
public record Election(
        String orgId, Long version, String electionId, String name, String date, String commune, String status,
        String failure, String objectKey, String etag, String format, Long stations, Long rows, Long rejected,
        Long warnings, List<ElectionProblem> problems, List<Candidate> candidates, Instant createdAt,
        Instant uploadedAt, Instant finishedAt, ImportProgress progress, Boolean communeFromFile,
        List<String> failingStations)
        implements FileImportItem, ElectionBuilder.With {
    public static final String TYPE = "election";

    /** Created by the API, waiting for its file. */
    public static final String AWAITING_UPLOAD = "awaiting-upload";

    public static final String ELECTION_ID = "electionId";
    public static final String NAME = "name";
    public static final String DATE = "date";
    public static final String COMMUNE = "commune";
    public static final String ETAG = "etag";
    public static final String FORMAT = "format";
    public static final String STATIONS = "stations";
    public static final String ROWS = "rows";
    public static final String REJECTED = "rejected";
    public static final String WARNINGS = "warnings";
    public static final String PROBLEMS = "problems";
    public static final String CANDIDATES = "candidates";
    public static final String CREATED_AT = "createdAt";
    public static final String UPLOADED_AT = "uploadedAt";
    public static final String PROGRESS = "progress";
    public static final String COMMUNE_FROM_FILE = "communeFromFile";
    public static final String FAILING_STATIONS = "failingStations";

    public static final TableSchema<Election> SCHEMA =
            FileImportItem.attributes(
                            OrganisationItem.schema(Election.class, ElectionBuilder.class, ElectionBuilder::builder, ElectionBuilder::build,
                                    ElectionBuilder::orgId, ElectionBuilder::version),
                            new FileImportItem.Setters<>(ElectionBuilder::objectKey, ElectionBuilder::status,
                                    ElectionBuilder::failure, ElectionBuilder::finishedAt))
                    .addAttribute(String.class, attribute(ELECTION_ID, Election::electionId, ElectionBuilder::electionId))
                    .addAttribute(String.class, attribute(NAME, Election::name, ElectionBuilder::name))
                    .addAttribute(String.class, attribute(DATE, Election::date, ElectionBuilder::date))
                    .addAttribute(String.class, attribute(COMMUNE, Election::commune, ElectionBuilder::commune))
                    .addAttribute(String.class, attribute(ETAG, Election::etag, ElectionBuilder::etag))
                    .addAttribute(String.class, attribute(FORMAT, Election::format, ElectionBuilder::format))
                    .addAttribute(Long.class, attribute(STATIONS, Election::stations, ElectionBuilder::stations))
                    .addAttribute(Long.class, attribute(ROWS, Election::rows, ElectionBuilder::rows))
                    .addAttribute(Long.class, attribute(REJECTED, Election::rejected, ElectionBuilder::rejected))
                    .addAttribute(Long.class, attribute(WARNINGS, Election::warnings, ElectionBuilder::warnings))
                    .addAttribute(ElectionProblem.LIST_TYPE, attribute(PROBLEMS, Election::problems, ElectionBuilder::problems))
                    .addAttribute(Candidate.LIST_TYPE, attribute(CANDIDATES, Election::candidates, ElectionBuilder::candidates))
                    .addAttribute(Instant.class, attribute(CREATED_AT, Election::createdAt, ElectionBuilder::createdAt))
                    .addAttribute(Instant.class, attribute(UPLOADED_AT, Election::uploadedAt, ElectionBuilder::uploadedAt))
                    .addAttribute(ImportProgress.DOCUMENT, attribute(PROGRESS, Election::progress, ElectionBuilder::progress))
                    .addAttribute(Boolean.class, attribute(COMMUNE_FROM_FILE, Election::communeFromFile, ElectionBuilder::communeFromFile))
                    .addAttribute(EnhancedType.listOf(String.class), attribute(FAILING_STATIONS, Election::failingStations, ElectionBuilder::failingStations))
                    .build();

    public Election {
        problems = ItemSchemas.copy(problems);
        candidates = ItemSchemas.copy(candidates);
        failingStations = ItemSchemas.copy(failingStations);
    }

    @Override
    public String sk() {
        return Keys.electionSk(electionId);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
