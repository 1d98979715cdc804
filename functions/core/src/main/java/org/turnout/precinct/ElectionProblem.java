package org.turnout.precinct;

import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;

/**
 * One line of an election import's report: a {@code warning} (the station's figures do not add up;
 * they are kept as the file gives them, never corrected) or a {@code rejected} row (unreadable).
 */
@DynamoDbBean
public class ElectionProblem {
    public static final String WARNING = "warning";
    public static final String REJECTED = "rejected";

    private long line;
    private String station;
    private String kind;
    private String message;

    public static ElectionProblem of(long line, String station, String kind, String message) {
        ElectionProblem problem = new ElectionProblem();
        problem.line = line;
        problem.station = station;
        problem.kind = kind;
        problem.message = message;
        return problem;
    }

    public long getLine() {
        return line;
    }

    public void setLine(long line) {
        this.line = line;
    }

    public String getStation() {
        return station;
    }

    public void setStation(String station) {
        this.station = station;
    }

    public String getKind() {
        return kind;
    }

    public void setKind(String kind) {
        this.kind = kind;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }
}
