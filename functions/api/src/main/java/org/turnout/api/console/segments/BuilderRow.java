package org.turnout.api.console.segments;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.turnout.api.console.segments.RuleFields.Input;
import org.turnout.api.console.segments.RuleNode.Condition;
import org.turnout.api.console.segments.RuleNode.Group;

/**
 * One line of the builder as its template draws it: a group's start ({@code open}: its kind and negation), a
 * condition, or a group's end ({@code close}: its buttons). The rule's tree is drawn as this flat list so that the
 * template needs no recursion.
 *
 * @param id       the node's id ({@link RuleForm}): its inputs' names start with it
 * @param number   a condition's number, for its label
 * @param errors   what the API found wrong in the node, in the page's language
 * @param focus    whether the node's first control takes the keyboard's focus (after it was added, or one of its rules removed)
 * @param input    the condition's operand input ({@link Input}'s name)
 * @param choices  the closed list a condition's values are ticked in (statuses, outcomes)
 * @param dateType a date operand's input type: {@code date}, or {@code text} for an instant a date input cannot hold
 */
public record BuilderRow(String type, String id, int depth, boolean root, boolean negated, String kind, Condition condition,
                         String field, String attribute, List<String> ops, String input, List<String> choices,
                         String valuesText, String dateType, String number, List<String> errors, boolean focus) {
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    /** The lines of a rule, with each node's errors and the node to focus, if any. */
    public static List<BuilderRow> of(RuleNode rule, Map<String, List<String>> errors, String focus) {
        List<BuilderRow> rows = new ArrayList<>();
        add(rule, RuleForm.ROOT, 0, errors, focus, rows, new int[] {0});
        return rows;
    }

    private static void add(RuleNode node, String id, int depth, Map<String, List<String>> errors, String focus,
                            List<BuilderRow> rows, int[] conditions) {
        List<String> own = errors.getOrDefault(id, List.of());
        boolean root = id.equals(RuleForm.ROOT);
        if (node instanceof Group group) {
            rows.add(new BuilderRow("open", id, depth, root, group.negated(), group.kind(), null, null, null, List.of(), null,
                    List.of(), null, null, null, own, false));
            for (int i = 0; i < group.rules().size(); i++) {
                add(group.rules().get(i), RuleForm.child(id, i), depth + 1, errors, focus, rows, conditions);
            }
            rows.add(new BuilderRow("close", id, depth, root, group.negated(), group.kind(), null, null, null, List.of(), null,
                    List.of(), null, null, null, List.of(), id.equals(focus)));
            return;
        }
        Condition c = (Condition) node;
        String field = RuleFields.choice(c.field());
        String attribute = c.field().startsWith(RuleFields.ATTRIBUTE_PREFIX) ? c.field().substring(RuleFields.ATTRIBUTE_PREFIX.length()) : "";
        Input input = RuleFields.input(c.field(), c.op()).orElse(Input.LIST);
        List<String> choices = input == Input.STATUSES ? RuleFields.STATUSES : input == Input.OUTCOMES ? RuleFields.OUTCOMES : List.of();
        String dateType = c.value().isEmpty() || DATE.matcher(c.value()).matches() ? "date" : "text";
        rows.add(new BuilderRow("condition", id, depth, root, c.negated(), null, c, field, attribute, RuleFields.ops(c.field()),
                input.name(), choices, String.join(", ", c.values()), dateType, String.valueOf(++conditions[0]), own, id.equals(focus)));
    }

    /** The id of one of the node's inputs ({@code r-1-field}), for its label. */
    public String inputId(String part) {
        return id + "-" + part;
    }

    /** The name of one of the node's inputs ({@code r-1.field}), as {@link RuleForm} reads it. */
    public String name(String part) {
        return RuleForm.name(id, part);
    }

    public boolean ticked(String choice) {
        return condition != null && condition.values().contains(choice);
    }
}
