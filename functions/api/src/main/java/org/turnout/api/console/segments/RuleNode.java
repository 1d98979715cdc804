package org.turnout.api.console.segments;

import java.util.List;

/**
 * A rule as the builder holds it: groups and conditions, each possibly negated ({@code {"not": ...}}), with the
 * operands as the form's texts. {@link RuleForm} turns it into the rule language's JSON and back.
 */
public sealed interface RuleNode {
    boolean negated();

    RuleNode negated(boolean negated);

    /** {@code all} or {@code any} of its rules. */
    record Group(boolean negated, String kind, List<RuleNode> rules) implements RuleNode {
        public static final String ALL = "all";
        public static final String ANY = "any";

        public Group {
            rules = List.copyOf(rules);
        }

        @Override
        public Group negated(boolean negated) {
            return new Group(negated, kind, rules);
        }

        public Group withRules(List<RuleNode> rules) {
            return new Group(negated, kind, rules);
        }
    }

    /**
     * One condition; {@code field} is the language's ({@code attributes.age}), {@code values} the list's items.
     */
    record Condition(boolean negated, String field, String op, List<String> values, String value, String min, String max,
                     String from, String to) implements RuleNode {
        public Condition {
            values = List.copyOf(values);
        }

        /** What "add a condition" adds: tags, with no tag yet. */
        public static Condition blank() {
            return new Condition(false, "tags", "hasAny", List.of(), "", "", "", "", "");
        }

        @Override
        public Condition negated(boolean negated) {
            return new Condition(negated, field, op, values, value, min, max, from, to);
        }
    }
}
