package org.turnout.precinct;

import java.time.Instant;
import java.util.List;
import org.turnout.importing.ImportProgress;
import org.turnout.store.Keys;
import org.turnout.store.OrganisationBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSortKey;

/**
 * An imported election: {@code ORG#o / ELEC#<electionId>}. Its id sorts by upload time, so a
 * descending query lists the newest first. It holds what the file was (format, candidates or
 * lists), the import's status and counts, and the report: each station whose figures do not add
 * up (a warning) and each row that could not be read (rejected), the first
 * {@link ElectionImportService#MAX_PROBLEMS_KEPT} of them.
 */
@DynamoDbBean
public class Election extends OrganisationBean {
    public static final String TYPE = "election";
    /** Created by the API, waiting for its file. */
    public static final String AWAITING_UPLOAD = "awaiting-upload";
    public static final String RUNNING = "running";
    public static final String DONE = "done";
    public static final String FAILED = "failed";

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

    @Override
    @DynamoDbSortKey
    @DynamoDbAttribute("SK")
    public String getSk() {
        return Keys.electionSk(electionId);
    }

    @Override
    public String getType() {
        return TYPE;
    }

    public String getElectionId() {
        return electionId;
    }

    public void setElectionId(String electionId) {
        this.electionId = electionId;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getDate() {
        return date;
    }

    public void setDate(String date) {
        this.date = date;
    }

    public String getCommune() {
        return commune;
    }

    public void setCommune(String commune) {
        this.commune = commune;
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

    public String getObjectKey() {
        return objectKey;
    }

    public void setObjectKey(String objectKey) {
        this.objectKey = objectKey;
    }

    public String getEtag() {
        return etag;
    }

    public void setEtag(String etag) {
        this.etag = etag;
    }

    public String getFormat() {
        return format;
    }

    public void setFormat(String format) {
        this.format = format;
    }

    public Long getStations() {
        return stations;
    }

    public void setStations(Long stations) {
        this.stations = stations;
    }

    public Long getRows() {
        return rows;
    }

    public void setRows(Long rows) {
        this.rows = rows;
    }

    public Long getRejected() {
        return rejected;
    }

    public void setRejected(Long rejected) {
        this.rejected = rejected;
    }

    public Long getWarnings() {
        return warnings;
    }

    public void setWarnings(Long warnings) {
        this.warnings = warnings;
    }

    public List<ElectionProblem> getProblems() {
        return problems;
    }

    public void setProblems(List<ElectionProblem> problems) {
        this.problems = problems;
    }

    public List<Candidate> getCandidates() {
        return candidates;
    }

    public void setCandidates(List<Candidate> candidates) {
        this.candidates = candidates;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(Instant createdAt) {
        this.createdAt = createdAt;
    }

    public Instant getUploadedAt() {
        return uploadedAt;
    }

    public void setUploadedAt(Instant uploadedAt) {
        this.uploadedAt = uploadedAt;
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

    /** Whether the commune was read from the file rather than given by staff (who then pick it in a larger file). */
    public Boolean getCommuneFromFile() {
        return communeFromFile;
    }

    public void setCommuneFromFile(Boolean communeFromFile) {
        this.communeFromFile = communeFromFile;
    }

    /** The stations (canonical codes) found failing the sum checks so far, while the import runs. */
    public List<String> getFailingStations() {
        return failingStations;
    }

    public void setFailingStations(List<String> failingStations) {
        this.failingStations = failingStations;
    }
}
