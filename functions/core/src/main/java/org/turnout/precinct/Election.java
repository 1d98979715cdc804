package org.turnout.precinct;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.turnout.importing.ImportProgress;
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
 */
public final class Election implements OrganisationItem {
    public static final String TYPE = "election";
    /** Created by the API, waiting for its file. */
    public static final String AWAITING_UPLOAD = "awaiting-upload";
    public static final String RUNNING = "running";
    public static final String DONE = "done";
    public static final String FAILED = "failed";
    public static final String ELECTION_ID = "electionId";
    public static final String NAME = "name";
    public static final String DATE = "date";
    public static final String COMMUNE = "commune";
    public static final String STATUS = "status";
    public static final String FAILURE = "failure";
    public static final String OBJECT_KEY = "objectKey";
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
    public static final String FINISHED_AT = "finishedAt";
    public static final String PROGRESS = "progress";
    public static final String COMMUNE_FROM_FILE = "communeFromFile";
    public static final String FAILING_STATIONS = "failingStations";

    public static final TableSchema<Election> SCHEMA =
            OrganisationItem.schema(Election.class, Builder.class, Builder::new, Builder::build)
                    .addAttribute(String.class, a -> a.name(ELECTION_ID).getter(Election::electionId).setter(Builder::electionId))
                    .addAttribute(String.class, a -> a.name(NAME).getter(Election::name).setter(Builder::name))
                    .addAttribute(String.class, a -> a.name(DATE).getter(Election::date).setter(Builder::date))
                    .addAttribute(String.class, a -> a.name(COMMUNE).getter(Election::commune).setter(Builder::commune))
                    .addAttribute(String.class, a -> a.name(STATUS).getter(Election::status).setter(Builder::status))
                    .addAttribute(String.class, a -> a.name(FAILURE).getter(Election::failure).setter(Builder::failure))
                    .addAttribute(String.class, a -> a.name(OBJECT_KEY).getter(Election::objectKey).setter(Builder::objectKey))
                    .addAttribute(String.class, a -> a.name(ETAG).getter(Election::etag).setter(Builder::etag))
                    .addAttribute(String.class, a -> a.name(FORMAT).getter(Election::format).setter(Builder::format))
                    .addAttribute(Long.class, a -> a.name(STATIONS).getter(Election::stations).setter(Builder::stations))
                    .addAttribute(Long.class, a -> a.name(ROWS).getter(Election::rows).setter(Builder::rows))
                    .addAttribute(Long.class, a -> a.name(REJECTED).getter(Election::rejected).setter(Builder::rejected))
                    .addAttribute(Long.class, a -> a.name(WARNINGS).getter(Election::warnings).setter(Builder::warnings))
                    .addAttribute(ElectionProblem.LIST_TYPE, a -> a.name(PROBLEMS).getter(Election::problems).setter(Builder::problems))
                    .addAttribute(Candidate.LIST_TYPE, a -> a.name(CANDIDATES).getter(Election::candidates).setter(Builder::candidates))
                    .addAttribute(Instant.class, a -> a.name(CREATED_AT).getter(Election::createdAt).setter(Builder::createdAt))
                    .addAttribute(Instant.class, a -> a.name(UPLOADED_AT).getter(Election::uploadedAt).setter(Builder::uploadedAt))
                    .addAttribute(Instant.class, a -> a.name(FINISHED_AT).getter(Election::finishedAt).setter(Builder::finishedAt))
                    .addAttribute(ImportProgress.DOCUMENT, a -> a.name(PROGRESS).getter(Election::progress).setter(Builder::progress))
                    .addAttribute(Boolean.class, a -> a.name(COMMUNE_FROM_FILE).getter(Election::communeFromFile).setter(Builder::communeFromFile))
                    .addAttribute(EnhancedType.listOf(String.class), a -> a.name(FAILING_STATIONS).getter(Election::failingStations).setter(Builder::failingStations))
                    .build();

    private final String orgId;
    private final Long version;
    private final String electionId;
    private final String name;
    private final String date;
    private final String commune;
    private final String status;
    private final String failure;
    private final String objectKey;
    private final String etag;
    private final String format;
    private final Long stations;
    private final Long rows;
    private final Long rejected;
    private final Long warnings;
    private final List<ElectionProblem> problems;
    private final List<Candidate> candidates;
    private final Instant createdAt;
    private final Instant uploadedAt;
    private final Instant finishedAt;
    private final ImportProgress progress;
    private final Boolean communeFromFile;
    private final List<String> failingStations;

    private Election(Builder builder) {
        this.orgId = builder.orgId();
        this.version = builder.version();
        this.electionId = builder.electionId;
        this.name = builder.name;
        this.date = builder.date;
        this.commune = builder.commune;
        this.status = builder.status;
        this.failure = builder.failure;
        this.objectKey = builder.objectKey;
        this.etag = builder.etag;
        this.format = builder.format;
        this.stations = builder.stations;
        this.rows = builder.rows;
        this.rejected = builder.rejected;
        this.warnings = builder.warnings;
        this.problems = builder.problems == null ? null : Collections.unmodifiableList(new ArrayList<>(builder.problems));
        this.candidates = builder.candidates == null ? null : Collections.unmodifiableList(new ArrayList<>(builder.candidates));
        this.createdAt = builder.createdAt;
        this.uploadedAt = builder.uploadedAt;
        this.finishedAt = builder.finishedAt;
        this.progress = builder.progress;
        this.communeFromFile = builder.communeFromFile;
        this.failingStations = builder.failingStations == null ? null : Collections.unmodifiableList(new ArrayList<>(builder.failingStations));
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().orgId(orgId).version(version).electionId(electionId).name(name).date(date).commune(commune).status(status).failure(failure).objectKey(objectKey).etag(etag).format(format).stations(stations).rows(rows).rejected(rejected).warnings(warnings).problems(problems).candidates(candidates).createdAt(createdAt).uploadedAt(uploadedAt).finishedAt(finishedAt).progress(progress).communeFromFile(communeFromFile).failingStations(failingStations);
    }

    /** The same item at another version: what a write that succeeded stored. */
    public Election withVersion(Long version) {
        return toBuilder().version(version).build();
    }


    @Override
    public String sk() {
        return Keys.electionSk(electionId);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String orgId() {
        return orgId;
    }

    @Override
    public Long version() {
        return version;
    }

    public String electionId() {
        return electionId;
    }

    public String name() {
        return name;
    }

    public String date() {
        return date;
    }

    public String commune() {
        return commune;
    }

    public String status() {
        return status;
    }

    public String failure() {
        return failure;
    }

    public String objectKey() {
        return objectKey;
    }

    public String etag() {
        return etag;
    }

    public String format() {
        return format;
    }

    public Long stations() {
        return stations;
    }

    public Long rows() {
        return rows;
    }

    public Long rejected() {
        return rejected;
    }

    public Long warnings() {
        return warnings;
    }

    public List<ElectionProblem> problems() {
        return problems;
    }

    public List<Candidate> candidates() {
        return candidates;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant uploadedAt() {
        return uploadedAt;
    }

    public Instant finishedAt() {
        return finishedAt;
    }

    /** How far the import has read its file, while it runs. */
    public ImportProgress progress() {
        return progress;
    }

    /** Whether the commune was read from the file rather than given by staff (who then pick it in a larger file). */
    public Boolean communeFromFile() {
        return communeFromFile;
    }

    /** The stations (canonical codes) found failing the sum checks so far, while the import runs. */
    public List<String> failingStations() {
        return failingStations;
    }

    public static final class Builder extends OrganisationItem.Builder<Builder> {
        private String electionId;
        private String name;
        private String date;
        private String commune;
        private String status;
        private String failure;
        private String objectKey;
        private String etag;
        private String format;
        private Long stations;
        private Long rows;
        private Long rejected;
        private Long warnings;
        private List<ElectionProblem> problems;
        private List<Candidate> candidates;
        private Instant createdAt;
        private Instant uploadedAt;
        private Instant finishedAt;
        private ImportProgress progress;
        private Boolean communeFromFile;
        private List<String> failingStations;

        private Builder() {
        }

        public Builder electionId(String electionId) {
            this.electionId = electionId;
            return this;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder date(String date) {
            this.date = date;
            return this;
        }

        public Builder commune(String commune) {
            this.commune = commune;
            return this;
        }

        public Builder status(String status) {
            this.status = status;
            return this;
        }

        public Builder failure(String failure) {
            this.failure = failure;
            return this;
        }

        public Builder objectKey(String objectKey) {
            this.objectKey = objectKey;
            return this;
        }

        public Builder etag(String etag) {
            this.etag = etag;
            return this;
        }

        public Builder format(String format) {
            this.format = format;
            return this;
        }

        public Builder stations(Long stations) {
            this.stations = stations;
            return this;
        }

        public Builder rows(Long rows) {
            this.rows = rows;
            return this;
        }

        public Builder rejected(Long rejected) {
            this.rejected = rejected;
            return this;
        }

        public Builder warnings(Long warnings) {
            this.warnings = warnings;
            return this;
        }

        public Builder problems(List<ElectionProblem> problems) {
            this.problems = problems;
            return this;
        }

        public Builder candidates(List<Candidate> candidates) {
            this.candidates = candidates;
            return this;
        }

        public Builder createdAt(Instant createdAt) {
            this.createdAt = createdAt;
            return this;
        }

        public Builder uploadedAt(Instant uploadedAt) {
            this.uploadedAt = uploadedAt;
            return this;
        }

        public Builder finishedAt(Instant finishedAt) {
            this.finishedAt = finishedAt;
            return this;
        }

        public Builder progress(ImportProgress progress) {
            this.progress = progress;
            return this;
        }

        public Builder communeFromFile(Boolean communeFromFile) {
            this.communeFromFile = communeFromFile;
            return this;
        }

        public Builder failingStations(List<String> failingStations) {
            this.failingStations = failingStations;
            return this;
        }

        public Election build() {
            return new Election(this);
        }
    }
}
