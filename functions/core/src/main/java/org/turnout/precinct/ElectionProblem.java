package org.turnout.precinct;

import static org.turnout.store.ItemSchemas.attribute;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.List;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/**
 * One line of an election import's report: a {@code warning} (the station's figures do not add up;
 * they are kept as the file gives them, never corrected) or a {@code rejected} row (unreadable).
 * Kept in the item of its import, as a map of these attributes.
 */
@RecordBuilder
public record ElectionProblem(long line, String station, String kind, String message)
        implements ElectionProblemBuilder.With {
    public static final String WARNING = "warning";
    public static final String REJECTED = "rejected";
    public static final String LINE = "line";
    public static final String STATION = "station";
    public static final String KIND = "kind";
    public static final String MESSAGE = "message";

    public static final TableSchema<ElectionProblem> SCHEMA =
            StaticImmutableTableSchema.builder(ElectionProblem.class, ElectionProblemBuilder.class)
                    .newItemBuilder(ElectionProblemBuilder::builder, ElectionProblemBuilder::build)
                    .addAttribute(Long.class, attribute(LINE, ElectionProblem::line, ElectionProblemBuilder::line))
                    .addAttribute(String.class, attribute(STATION, ElectionProblem::station, ElectionProblemBuilder::station))
                    .addAttribute(String.class, attribute(KIND, ElectionProblem::kind, ElectionProblemBuilder::kind))
                    .addAttribute(String.class, attribute(MESSAGE, ElectionProblem::message, ElectionProblemBuilder::message))
                    .build();

    /** The type of a list of them, each a map, as an item keeps them. */
    public static final EnhancedType<List<ElectionProblem>> LIST_TYPE = EnhancedType.listOf(EnhancedType.documentOf(ElectionProblem.class, SCHEMA));
}
