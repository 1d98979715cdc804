package org.turnout.segment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import org.turnout.problem.FieldErrors;
import org.turnout.problem.InvalidInputException;
import org.turnout.problem.NotFoundException;

/** Saved segments: the rule checked on every save, previews through the one engine. */
@Singleton
public record SegmentService(SegmentRepository segments, SegmentEngine engine, Clock clock) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    public SegmentDefinition create(String orgId, SegmentDefinition definition) {
        byte[] id = new byte[8];
        RANDOM.nextBytes(id);
        Instant now = clock.instant();
        Segment segment = apply(definition, SegmentBuilder.builder().orgId(orgId).segmentId(HexFormat.of().formatHex(id)))
                .createdAt(now).updatedAt(now).build();
        return view(segments.create(segment));
    }

    public SegmentDefinition update(String orgId, String segmentId, SegmentDefinition definition) {
        Segment read = find(orgId, segmentId);
        if (definition.version() == null) {
            throw InvalidInputException.of("version", "is required: the version you read, so that no change is lost");
        }
        Segment segment = apply(definition, read.with()).version(definition.version()).updatedAt(clock.instant()).build();
        return view(segments.update(segment));
    }

    public SegmentDefinition get(String orgId, String segmentId) {
        return view(find(orgId, segmentId));
    }

    public List<SegmentDefinition> list(String orgId) {
        return segments.list(orgId).stream().map(SegmentService::view)
                .sorted(Comparator.comparing(SegmentDefinition::name, String.CASE_INSENSITIVE_ORDER)).toList();
    }

    public void delete(String orgId, String segmentId) {
        if (!segments.delete(orgId, segmentId)) {
            throw new NotFoundException("no segment " + segmentId);
        }
    }

    public SegmentPreview preview(String orgId, String segmentId) {
        Segment segment = find(orgId, segmentId);
        return engine.preview(orgId, rule(segment), Boolean.TRUE.equals(segment.allowImported()));
    }

    /** A rule not saved yet, checked and previewed as it would be. */
    public SegmentPreview preview(String orgId, SegmentDefinition adHoc) {
        if (adHoc.rule() == null) {
            throw InvalidInputException.of("rule", "is required");
        }
        return engine.preview(orgId, RuleParser.parse(adHoc.rule(), "rule"), Boolean.TRUE.equals(adHoc.allowImported()));
    }

    /** The rule of a saved segment, for dispatch and export. */
    public SegmentRule rule(Segment segment) {
        try {
            return RuleParser.parse(JSON.readTree(segment.rule()), "rule");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("segment " + segment.segmentId() + " holds a rule that is not JSON", e);
        }
    }

    public Segment find(String orgId, String segmentId) {
        return segments.find(orgId, segmentId).orElseThrow(() -> new NotFoundException("no segment " + segmentId));
    }

    private static SegmentBuilder apply(SegmentDefinition definition, SegmentBuilder segment) {
        FieldErrors errors = new FieldErrors();
        String name = errors.text("name", definition.name(), true, 100);
        JsonNode rule = definition.rule();
        if (rule == null || rule.isNull()) {
            errors.add("rule", "is required");
        }
        errors.throwIfAny();
        RuleParser.parse(rule, "rule");
        return segment.name(name).rule(rule.toString()).allowImported(Boolean.TRUE.equals(definition.allowImported()));
    }

    private static SegmentDefinition view(Segment segment) {
        try {
            return new SegmentDefinition(segment.segmentId(), segment.name(), JSON.readTree(segment.rule()),
                    segment.allowImported(), segment.version(), segment.createdAt(), segment.updatedAt());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("segment " + segment.segmentId() + " holds a rule that is not JSON", e);
        }
    }
}
