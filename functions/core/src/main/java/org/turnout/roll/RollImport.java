package org.turnout.roll;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.turnout.importing.ImportProgress;
import org.turnout.precinct.ElectionProblem;
import org.turnout.store.Keys;
import org.turnout.store.OrganisationItem;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/**
 * The import of an electoral roll file: {@code ORG#o / ROLLFILE#<importId>}, counts and the first
 * rejected rows (no names), and while it runs how far it has read the file (versioned, so that two
 * invocations never both own it).
 */
public final class RollImport implements OrganisationItem {
    public static final String TYPE = "rollImport";
    public static final String RUNNING = "running";
    public static final String DONE = "done";
    public static final String FAILED = "failed";
    public static final String IMPORT_ID = "importId";
    public static final String OBJECT_KEY = "objectKey";
    public static final String STATUS = "status";
    public static final String FAILURE = "failure";
    public static final String ROWS = "rows";
    public static final String VOTERS = "voters";
    public static final String DOORS = "doors";
    public static final String MATCHED = "matched";
    public static final String REJECTED = "rejected";
    public static final String PROBLEMS = "problems";
    public static final String FINISHED_AT = "finishedAt";
    public static final String TTL = "ttl";
    public static final String PROGRESS = "progress";

    public static final TableSchema<RollImport> SCHEMA =
            OrganisationItem.schema(RollImport.class, Builder.class, Builder::new, Builder::build)
                    .addAttribute(String.class, a -> a.name(IMPORT_ID).getter(RollImport::importId).setter(Builder::importId))
                    .addAttribute(String.class, a -> a.name(OBJECT_KEY).getter(RollImport::objectKey).setter(Builder::objectKey))
                    .addAttribute(String.class, a -> a.name(STATUS).getter(RollImport::status).setter(Builder::status))
                    .addAttribute(String.class, a -> a.name(FAILURE).getter(RollImport::failure).setter(Builder::failure))
                    .addAttribute(Long.class, a -> a.name(ROWS).getter(RollImport::rows).setter(Builder::rows))
                    .addAttribute(Long.class, a -> a.name(VOTERS).getter(RollImport::voters).setter(Builder::voters))
                    .addAttribute(Long.class, a -> a.name(DOORS).getter(RollImport::doors).setter(Builder::doors))
                    .addAttribute(Long.class, a -> a.name(MATCHED).getter(RollImport::matched).setter(Builder::matched))
                    .addAttribute(Long.class, a -> a.name(REJECTED).getter(RollImport::rejected).setter(Builder::rejected))
                    .addAttribute(ElectionProblem.LIST_TYPE, a -> a.name(PROBLEMS).getter(RollImport::problems).setter(Builder::problems))
                    .addAttribute(Instant.class, a -> a.name(FINISHED_AT).getter(RollImport::finishedAt).setter(Builder::finishedAt))
                    .addAttribute(Long.class, a -> a.name(TTL).getter(RollImport::ttl).setter(Builder::ttl))
                    .addAttribute(ImportProgress.DOCUMENT, a -> a.name(PROGRESS).getter(RollImport::progress).setter(Builder::progress))
                    .build();

    private final String orgId;
    private final Long version;
    private final String importId;
    private final String objectKey;
    private final String status;
    private final String failure;
    private final long rows;
    private final long voters;
    private final long doors;
    private final long matched;
    private final long rejected;
    private final List<ElectionProblem> problems;
    private final Instant finishedAt;
    private final Long ttl;
    private final ImportProgress progress;

    private RollImport(Builder builder) {
        this.orgId = builder.orgId();
        this.version = builder.version();
        this.importId = builder.importId;
        this.objectKey = builder.objectKey;
        this.status = builder.status;
        this.failure = builder.failure;
        this.rows = builder.rows;
        this.voters = builder.voters;
        this.doors = builder.doors;
        this.matched = builder.matched;
        this.rejected = builder.rejected;
        this.problems = builder.problems == null ? null : Collections.unmodifiableList(new ArrayList<>(builder.problems));
        this.finishedAt = builder.finishedAt;
        this.ttl = builder.ttl;
        this.progress = builder.progress;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().orgId(orgId).version(version).importId(importId).objectKey(objectKey).status(status).failure(failure).rows(rows).voters(voters).doors(doors).matched(matched).rejected(rejected).problems(problems).finishedAt(finishedAt).ttl(ttl).progress(progress);
    }

    /** The same item at another version: what a write that succeeded stored. */
    public RollImport withVersion(Long version) {
        return toBuilder().version(version).build();
    }


    @Override
    public String sk() {
        return Keys.rollImportSk(importId);
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

    public String importId() {
        return importId;
    }

    public String objectKey() {
        return objectKey;
    }

    public String status() {
        return status;
    }

    public String failure() {
        return failure;
    }

    public long rows() {
        return rows;
    }

    public long voters() {
        return voters;
    }

    public long doors() {
        return doors;
    }

    public long matched() {
        return matched;
    }

    public long rejected() {
        return rejected;
    }

    public List<ElectionProblem> problems() {
        return problems;
    }

    public Instant finishedAt() {
        return finishedAt;
    }

    public Long ttl() {
        return ttl;
    }

    /** How far the import has read its file, while it runs. */
    public ImportProgress progress() {
        return progress;
    }

    public static final class Builder extends OrganisationItem.Builder<Builder> {
        private String importId;
        private String objectKey;
        private String status;
        private String failure;
        private long rows;
        private long voters;
        private long doors;
        private long matched;
        private long rejected;
        private List<ElectionProblem> problems;
        private Instant finishedAt;
        private Long ttl;
        private ImportProgress progress;

        private Builder() {
        }

        public Builder importId(String importId) {
            this.importId = importId;
            return this;
        }

        public Builder objectKey(String objectKey) {
            this.objectKey = objectKey;
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

        public Builder rows(long rows) {
            this.rows = rows;
            return this;
        }

        public Builder voters(long voters) {
            this.voters = voters;
            return this;
        }

        public Builder doors(long doors) {
            this.doors = doors;
            return this;
        }

        public Builder matched(long matched) {
            this.matched = matched;
            return this;
        }

        public Builder rejected(long rejected) {
            this.rejected = rejected;
            return this;
        }

        public Builder problems(List<ElectionProblem> problems) {
            this.problems = problems;
            return this;
        }

        public Builder finishedAt(Instant finishedAt) {
            this.finishedAt = finishedAt;
            return this;
        }

        public Builder ttl(Long ttl) {
            this.ttl = ttl;
            return this;
        }

        public Builder progress(ImportProgress progress) {
            this.progress = progress;
            return this;
        }

        public RollImport build() {
            return new RollImport(this);
        }
    }
}
