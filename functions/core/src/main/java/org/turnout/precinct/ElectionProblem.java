package org.turnout.precinct;

import java.util.List;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/**
 * One line of an election import's report: a {@code warning} (the station's figures do not add up;
 * they are kept as the file gives them, never corrected) or a {@code rejected} row (unreadable).
 * Kept in the item of its import, as a map of these attributes.
 */
public final class ElectionProblem {
    public static final String WARNING = "warning";
    public static final String REJECTED = "rejected";
    public static final String LINE = "line";
    public static final String STATION = "station";
    public static final String KIND = "kind";
    public static final String MESSAGE = "message";

    public static final TableSchema<ElectionProblem> SCHEMA =
            StaticImmutableTableSchema.builder(ElectionProblem.class, Builder.class)
                    .newItemBuilder(Builder::new, Builder::build)
                    .addAttribute(Long.class, a -> a.name(LINE).getter(ElectionProblem::line).setter((b, v) -> b.line = v))
                    .addAttribute(String.class, a -> a.name(STATION).getter(ElectionProblem::station).setter((b, v) -> b.station = v))
                    .addAttribute(String.class, a -> a.name(KIND).getter(ElectionProblem::kind).setter((b, v) -> b.kind = v))
                    .addAttribute(String.class, a -> a.name(MESSAGE).getter(ElectionProblem::message).setter((b, v) -> b.message = v))
                    .build();

    /** The type of a list of them, each a map, as an item keeps them. */
    public static final EnhancedType<List<ElectionProblem>> LIST_TYPE = EnhancedType.listOf(EnhancedType.documentOf(ElectionProblem.class, SCHEMA));

    private final long line;
    private final String station;
    private final String kind;
    private final String message;

    private ElectionProblem(long line, String station, String kind, String message) {
        this.line = line;
        this.station = station;
        this.kind = kind;
        this.message = message;
    }

    public static ElectionProblem of(long line, String station, String kind, String message) {
        return new ElectionProblem(line, station, kind, message);
    }

    public long line() {
        return line;
    }

    public String station() {
        return station;
    }

    public String kind() {
        return kind;
    }

    public String message() {
        return message;
    }

    /** What the schema fills while it reads a problem back. */
    private static final class Builder {
        private long line;
        private String station;
        private String kind;
        private String message;

        ElectionProblem build() {
            return new ElectionProblem(line, station, kind, message);
        }
    }
}
