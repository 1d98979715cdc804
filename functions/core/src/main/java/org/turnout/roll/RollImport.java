package org.turnout.roll;

import java.time.Instant;
import java.util.List;
import org.turnout.importing.ImportProgress;
import org.turnout.precinct.ElectionProblem;
import org.turnout.store.Keys;
import org.turnout.store.OrganisationBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSortKey;

/**
 * The import of an electoral roll file: {@code ORG#o / ROLLFILE#<importId>}, counts and the first
 * rejected rows (no names), and while it runs how far it has read the file (versioned, so that two
 * invocations never both own it).
 */
@DynamoDbBean
public class RollImport extends OrganisationBean {
    public static final String RUNNING = "running";
    public static final String DONE = "done";
    public static final String FAILED = "failed";

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

    @Override
    @DynamoDbSortKey
    @DynamoDbAttribute("SK")
    public String getSk() {
        return Keys.rollImportSk(importId);
    }

    @Override
    public String getType() {
        return "rollImport";
    }

    public String getImportId() {
        return importId;
    }

    public void setImportId(String importId) {
        this.importId = importId;
    }

    public String getObjectKey() {
        return objectKey;
    }

    public void setObjectKey(String objectKey) {
        this.objectKey = objectKey;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public String getFailure() {
        return failure;
    }

    public void setFailure(String failure) {
        this.failure = failure;
    }

    public long getRows() {
        return rows;
    }

    public void setRows(long rows) {
        this.rows = rows;
    }

    public long getVoters() {
        return voters;
    }

    public void setVoters(long voters) {
        this.voters = voters;
    }

    public long getDoors() {
        return doors;
    }

    public void setDoors(long doors) {
        this.doors = doors;
    }

    public long getMatched() {
        return matched;
    }

    public void setMatched(long matched) {
        this.matched = matched;
    }

    public long getRejected() {
        return rejected;
    }

    public void setRejected(long rejected) {
        this.rejected = rejected;
    }

    public List<ElectionProblem> getProblems() {
        return problems;
    }

    public void setProblems(List<ElectionProblem> problems) {
        this.problems = problems;
    }

    public Instant getFinishedAt() {
        return finishedAt;
    }

    public void setFinishedAt(Instant finishedAt) {
        this.finishedAt = finishedAt;
    }

    public Long getTtl() {
        return ttl;
    }

    public void setTtl(Long ttl) {
        this.ttl = ttl;
    }

    public ImportProgress getProgress() {
        return progress;
    }

    public void setProgress(ImportProgress progress) {
        this.progress = progress;
    }
}
