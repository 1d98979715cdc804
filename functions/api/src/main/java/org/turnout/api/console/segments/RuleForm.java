package org.turnout.api.console.segments;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.turnout.api.console.segments.RuleFields.Input;
import org.turnout.api.console.segments.RuleNode.Condition;
import org.turnout.api.console.segments.RuleNode.Group;

/**
 * How the builder's form maps to the rule language, both ways. Every node has an id from its place: the root is
 * {@code r}, its second rule {@code r-1}, that one's first {@code r-1-0}; its inputs are named
 * {@code <id>.<part>}: {@code kind} ({@code all}, {@code any} or {@code condition}), {@code not}, {@code field},
 * {@code attribute} (the NAME of {@code attributes.NAME}), {@code op}, {@code values} (comma-separated, or one
 * per checkbox), {@code value}, {@code min}, {@code max}, {@code from}, {@code to}. A rule saved from the builder
 * opens in it as it was; {@code {"not": {"not": x}}} opens as {@code x}, which selects the same contacts.
 */
public final class RuleForm {
    public static final String ROOT = "r";
    public static final String CONDITION = "condition";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");
    private static final Pattern WHOLE = Pattern.compile("\\d+");

    private RuleForm() {
    }

    /** The id of a node's {@code index}th rule. */
    public static String child(String id, int index) {
        return id + "-" + index;
    }

    /** The name of one of a node's inputs. */
    public static String name(String id, String part) {
        return id + "." + part;
    }

    /** The rule the form holds, or empty if it holds none. */
    public static Optional<RuleNode> read(Map<String, List<String>> form) {
        return Optional.ofNullable(read(form, ROOT));
    }

    private static RuleNode read(Map<String, List<String>> form, String id) {
        String kind = first(form, name(id, "kind"));
        if (kind.isEmpty()) {
            return null;
        }
        boolean negated = !first(form, name(id, "not")).isEmpty();
        if (kind.equals(CONDITION)) {
            return condition(form, id, negated);
        }
        List<RuleNode> rules = new ArrayList<>();
        for (int i = 0; form.containsKey(name(child(id, i), "kind")); i++) {
            rules.add(read(form, child(id, i)));
        }
        return new Group(negated, kind.equals(Group.ANY) ? Group.ANY : Group.ALL, rules);
    }

    private static Condition condition(Map<String, List<String>> form, String id, boolean negated) {
        String field = first(form, name(id, "field"));
        if (field.equals(RuleFields.ATTRIBUTES)) {
            field = RuleFields.ATTRIBUTE_PREFIX + first(form, name(id, "attribute"));
        }
        String op = first(form, name(id, "op"));
        List<String> ops = RuleFields.ops(field);
        if (!ops.isEmpty() && !ops.contains(op)) {
            // the field was just changed: its own first operator, as its list shows it
            op = ops.get(0);
        }
        List<String> values = new ArrayList<>();
        for (String entry : form.getOrDefault(name(id, "values"), List.of())) {
            for (String value : entry.split(",")) {
                if (!value.isBlank()) {
                    values.add(value.strip());
                }
            }
        }
        return new Condition(negated, field, op, values, first(form, name(id, "value")), first(form, name(id, "min")),
                first(form, name(id, "max")), first(form, name(id, "from")), first(form, name(id, "to")));
    }

    private static String first(Map<String, List<String>> form, String name) {
        List<String> values = form.get(name);
        return values == null || values.isEmpty() || values.get(0) == null ? "" : values.get(0).strip();
    }

    /** The rule language's JSON of a node, for the parser to judge (an operand left blank is left out). */
    public static JsonNode json(RuleNode node) {
        ObjectNode json = JSON.createObjectNode();
        if (node instanceof Group group) {
            ArrayNode rules = json.putArray(group.kind());
            group.rules().forEach(rule -> rules.add(json(rule)));
        } else if (node instanceof Condition condition) {
            condition(json, condition);
        }
        if (!node.negated()) {
            return json;
        }
        ObjectNode not = JSON.createObjectNode();
        not.set("not", json);
        return not;
    }

    private static void condition(ObjectNode json, Condition c) {
        json.put("field", c.field());
        json.put("op", c.op());
        Optional<Input> input = RuleFields.input(c.field(), c.op());
        if (input.isEmpty()) {
            // not an operator of the field: all it has, for the parser to name what is wrong
            if (!c.values().isEmpty()) {
                values(json, c.values());
            }
            put(json, "value", text(c.value()));
            put(json, "min", number(c.min()));
            put(json, "max", number(c.max()));
            put(json, "from", text(c.from()));
            put(json, "to", text(c.to()));
            return;
        }
        switch (input.get()) {
            case STATUSES, OUTCOMES, LIST -> values(json, c.values());
            case DATE, TEXT -> put(json, "value", text(c.value()));
            case NUMBER -> put(json, "value", WHOLE.matcher(c.value()).matches() ? number(c.value()) : text(c.value()));
            case BOOLEAN -> put(json, "value", c.value().equals("true") || c.value().equals("false")
                    ? BooleanNode.valueOf(Boolean.parseBoolean(c.value())) : text(c.value()));
            case RANGE -> {
                put(json, "min", number(c.min()));
                put(json, "max", number(c.max()));
            }
            case DATES -> {
                put(json, "from", text(c.from()));
                put(json, "to", text(c.to()));
            }
            case NONE -> {
            }
        }
    }

    private static void values(ObjectNode json, List<String> values) {
        ArrayNode array = json.putArray("values");
        values.forEach(array::add);
    }

    private static void put(ObjectNode json, String key, JsonNode value) {
        if (value != null) {
            json.set(key, value);
        }
    }

    private static JsonNode text(String value) {
        return value.isEmpty() ? null : TextNode.valueOf(value);
    }

    /** A number as JSON reads it (18 an int, 4.5 a double, as in a rule sent to the API), else the text. */
    private static JsonNode number(String value) {
        if (!NUMBER.matcher(value).matches()) {
            return text(value);
        }
        try {
            return JSON.readTree(value);
        } catch (JsonProcessingException e) {
            return text(value);
        }
    }

    /** The builder's node of a rule in the rule language (a saved one, checked when saved). */
    public static RuleNode node(JsonNode json) {
        if (json.has(Group.ALL) || json.has(Group.ANY)) {
            String kind = json.has(Group.ALL) ? Group.ALL : Group.ANY;
            List<RuleNode> rules = new ArrayList<>();
            json.get(kind).forEach(rule -> rules.add(node(rule)));
            return new Group(false, kind, rules);
        }
        if (json.has("not")) {
            RuleNode inner = node(json.get("not"));
            return inner.negated(!inner.negated());
        }
        List<String> values = new ArrayList<>();
        json.path("values").forEach(value -> values.add(value.asText()));
        return new Condition(false, json.path("field").asText(""), json.path("op").asText(""), values,
                operand(json, "value"), operand(json, "min"), operand(json, "max"), operand(json, "from"), operand(json, "to"));
    }

    private static String operand(JsonNode json, String key) {
        JsonNode value = json.get(key);
        return value == null || value.isNull() ? "" : value.asText();
    }

    /** The form the builder shows for a rule, as the browser submits it (a checkbox left unticked is absent). */
    public static Map<String, List<String>> params(RuleNode root) {
        Map<String, List<String>> form = new LinkedHashMap<>();
        params(root, ROOT, form);
        return form;
    }

    private static void params(RuleNode node, String id, Map<String, List<String>> form) {
        if (node.negated()) {
            form.put(name(id, "not"), List.of("on"));
        }
        if (node instanceof Group group) {
            form.put(name(id, "kind"), List.of(group.kind()));
            for (int i = 0; i < group.rules().size(); i++) {
                params(group.rules().get(i), child(id, i), form);
            }
            return;
        }
        Condition c = (Condition) node;
        form.put(name(id, "kind"), List.of(CONDITION));
        form.put(name(id, "field"), List.of(RuleFields.choice(c.field())));
        if (c.field().startsWith(RuleFields.ATTRIBUTE_PREFIX)) {
            form.put(name(id, "attribute"), List.of(c.field().substring(RuleFields.ATTRIBUTE_PREFIX.length())));
        }
        form.put(name(id, "op"), List.of(c.op()));
        Input input = RuleFields.input(c.field(), c.op()).orElse(Input.LIST);
        if (input == Input.STATUSES || input == Input.OUTCOMES) {
            form.put(name(id, "values"), c.values());
        } else {
            form.put(name(id, "values"), List.of(String.join(", ", c.values())));
        }
        form.put(name(id, "value"), List.of(c.value()));
        form.put(name(id, "min"), List.of(c.min()));
        form.put(name(id, "max"), List.of(c.max()));
        form.put(name(id, "from"), List.of(c.from()));
        form.put(name(id, "to"), List.of(c.to()));
    }
}
