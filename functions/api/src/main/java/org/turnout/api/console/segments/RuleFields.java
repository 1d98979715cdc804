package org.turnout.api.console.segments;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.turnout.canvass.CanvassOutcome;

/**
 * The rule language as the builder offers it: each field of {@code RuleParser}, its operators, and the input
 * that fits each operator's operand. The parser stays the judge of what is valid; {@code RuleFieldsTest} checks
 * that it accepts every pair listed here.
 */
public final class RuleFields {
    /** The builder's one choice for every {@code attributes.NAME}: the name is typed apart. */
    public static final String ATTRIBUTES = "attributes";
    public static final String ATTRIBUTE_PREFIX = ATTRIBUTES + ".";
    public static final List<String> STATUSES = List.of("subscribed", "imported", "pending", "unsubscribed", "bounced", "complained");
    public static final List<String> OUTCOMES = CanvassOutcome.ALL;

    /** The operand's input: checkboxes of a closed list, a free list, a date, a number of days... */
    public enum Input {
        /** {@code values} from {@link #STATUSES} */
        STATUSES,
        /** {@code values} from {@link #OUTCOMES} */
        OUTCOMES,
        /** {@code values} typed, separated by commas */
        LIST,
        /** {@code value}: a date (or an instant) */
        DATE,
        /** {@code value}: a whole number (days, mailings) */
        NUMBER,
        /** {@code value}: a text */
        TEXT,
        /** {@code value}: true or false */
        BOOLEAN,
        /** {@code min} and {@code max}: numbers */
        RANGE,
        /** {@code from} and {@code to}: dates */
        DATES,
        /** no operand */
        NONE
    }

    private static final Map<String, Input> DATE_OPS = ops("after", Input.DATE, "before", Input.DATE, "withinLastDays", Input.NUMBER);
    private static final Map<String, Input> MAILING_OPS = ops("hasAny", Input.LIST);
    private static final Map<String, Map<String, Input>> FIELDS = catalogue();

    private RuleFields() {
    }

    private static Map<String, Map<String, Input>> catalogue() {
        Map<String, Map<String, Input>> fields = new LinkedHashMap<>();
        fields.put("status", ops("in", Input.STATUSES));
        fields.put("tags", ops("hasAny", Input.LIST, "hasAll", Input.LIST, "hasNone", Input.LIST));
        fields.put("station", ops("in", Input.LIST));
        fields.put("postcode", ops("prefix", Input.LIST));
        fields.put("source", ops("in", Input.LIST, "prefix", Input.LIST));
        fields.put("createdAt", DATE_OPS);
        fields.put("confirmedAt", DATE_OPS);
        fields.put("lastOpenedAt", DATE_OPS);
        fields.put("lastClickedAt", DATE_OPS);
        fields.put(ATTRIBUTES, ops("equals", Input.TEXT, "in", Input.LIST, "exists", Input.NONE, "prefix", Input.TEXT,
                "between", Input.RANGE, "dateBetween", Input.DATES));
        fields.put("canvass.support", ops("between", Input.RANGE, "in", Input.LIST));
        fields.put("canvass.volunteer", ops("equals", Input.BOOLEAN));
        fields.put("canvass.outcome", ops("in", Input.OUTCOMES));
        fields.put("canvass.lastContactedAt", DATE_OPS);
        fields.put("mailings.received", MAILING_OPS);
        fields.put("mailings.opened", MAILING_OPS);
        fields.put("mailings.clicked", MAILING_OPS);
        fields.put("mailings.notOpened", ops("inLast", Input.NUMBER));
        return fields;
    }

    private static Map<String, Input> ops(Object... pairs) {
        Map<String, Input> ops = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            ops.put((String) pairs[i], (Input) pairs[i + 1]);
        }
        return ops;
    }

    /** The builder's fields, in the order it lists them ({@link #ATTRIBUTES} for every attribute). */
    public static List<String> fields() {
        return List.copyOf(FIELDS.keySet());
    }

    /** The field as the builder lists it: {@code attributes.age} is {@link #ATTRIBUTES}. */
    public static String choice(String field) {
        return field != null && field.startsWith(ATTRIBUTE_PREFIX) ? ATTRIBUTES : field;
    }

    /** The operators of a field, in the order the builder lists them; none for a field the language lacks. */
    public static List<String> ops(String field) {
        Map<String, Input> ops = FIELDS.get(choice(field));
        return ops == null ? List.of() : List.copyOf(ops.keySet());
    }

    /** The operand's input, for a field and one of its operators. */
    public static Optional<Input> input(String field, String op) {
        Map<String, Input> ops = FIELDS.get(choice(field));
        return Optional.ofNullable(ops == null ? null : ops.get(op));
    }
}
