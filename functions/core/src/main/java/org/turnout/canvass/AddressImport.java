package org.turnout.canvass;

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
 * The import of an address file: {@code ORG#o / ADDRFILE#<importId>}, with its counts and the
 * first rejected rows, and while it runs how far it has read the file (versioned, so that two
 * invocations never both own it).
 */
@DynamoDbBean
public class AddressImport extends OrganisationBean {
    public static final String RUNNING = "running";
    public static final String DONE = "done";
    public static final String FAILED = "failed";

    private String importId;
    private String objectKey;
    private String status;
    private String failure;
    private long rows;
    private long doors;
    private long rejected;
    private List<ElectionProblem> problems;
    private Instant finishedAt;
    private ImportProgress progress;

    @Override
    @DynamoDbSortKey
    @DynamoDbAttribute("SK")
    public String getSk() {
        return Keys.addressImportSk(importId);
    }

    @Override
    public String getType() {
        return "addressImport";
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

    public long getDoors() {
        return doors;
    }

    public void setDoors(long doors) {
        this.doors = doors;
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

    /** How far the import has read its file, while it runs. */
    public ImportProgress getProgress() {
        return progress;
    }

    public void setProgress(ImportProgress progress) {
        this.progress = progress;
    }
}
