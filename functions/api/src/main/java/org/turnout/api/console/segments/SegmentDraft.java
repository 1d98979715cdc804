package org.turnout.api.console.segments;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.turnout.api.console.segments.RuleNode.Group;
import org.turnout.segment.SegmentDefinition;

/**
 * A segment as the builder's form holds it: its name, its rule, whether imported contacts count, and the version
 * it was read at (none for a new one).
 */
public record SegmentDraft(String id, String name, boolean allowImported, Long version, RuleNode rule) {
    /** What a new segment starts from: all of one condition, to fill in. */
    public static SegmentDraft blank() {
        return new SegmentDraft(null, "", false, null, new Group(false, Group.ALL, List.of(RuleNode.Condition.blank())));
    }

    public static SegmentDraft of(SegmentDefinition saved) {
        return new SegmentDraft(saved.id(), saved.name(), Boolean.TRUE.equals(saved.allowImported()), saved.version(),
                RuleForm.node(saved.rule()));
    }

    /** The form as submitted; a form without a rule holds a blank one. */
    public static SegmentDraft of(String id, Map<String, List<String>> form) {
        String version = first(form, "version");
        return new SegmentDraft(id, first(form, "name"), !first(form, "allowImported").isEmpty(),
                version.matches("\\d{1,18}") ? Long.valueOf(version) : null, RuleForm.read(form).orElse(blank().rule()));
    }

    private static String first(Map<String, List<String>> form, String name) {
        List<String> values = form.get(name);
        return values == null || values.isEmpty() || values.get(0) == null ? "" : values.get(0);
    }

    public SegmentDraft withRule(RuleNode rule) {
        return new SegmentDraft(id, name, allowImported, version, rule);
    }

    public JsonNode json() {
        return RuleForm.json(rule);
    }

    /** The definition the segment service saves and previews. */
    public SegmentDefinition definition() {
        return new SegmentDefinition(id, name, json(), allowImported, version, null, null);
    }
}
