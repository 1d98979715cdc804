package org.turnout.api.console.segments;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.turnout.api.console.segments.RuleNode.Group;
import org.turnout.problem.FieldError;

/**
 * The API's errors on a rule ({@code rule.all[2].any[0].op: is not an operator of ...}), put next to the node of
 * the builder they name and said in the page's language. The messages are the rule parser's: each known one has
 * its words in {@link SegmentsMessages}; one it does not know yet is shown as the API says it.
 */
final class RuleErrors {
    private static final Map<Pattern, BiFunction<SegmentsMessages, Matcher, String>> MESSAGES = messages();
    private static final Pattern PART = Pattern.compile("^\\.?([A-Za-z]+)");

    private RuleErrors() {
    }

    private static Map<Pattern, BiFunction<SegmentsMessages, Matcher, String>> messages() {
        Map<Pattern, BiFunction<SegmentsMessages, Matcher, String>> m = new LinkedHashMap<>();
        m.put(Pattern.compile("is required.*"), (s, x) -> s.errRequired());
        m.put(Pattern.compile("must be a non-empty list of rules"), (s, x) -> s.errNonEmptyRules());
        m.put(Pattern.compile("must be a non-empty list"), (s, x) -> s.errNonEmptyList());
        m.put(Pattern.compile("'(.*)' is not a status \\(.*\\)"), (s, x) -> s.errNotStatus(x.group(1)));
        m.put(Pattern.compile("is not an operator of (\\S+) \\((.*)\\)"), (s, x) -> s.errNotOperator(x.group(1), x.group(2)));
        m.put(Pattern.compile("must be true or false"), (s, x) -> s.errTrueFalse());
        m.put(Pattern.compile("must be a whole number from (\\d+) to (\\d+)"), (s, x) -> s.errWholeNumber(x.group(1), x.group(2)));
        m.put(Pattern.compile("must be a date \\(.*\\) or an instant \\(.*\\)"), (s, x) -> s.errDateOrInstant());
        m.put(Pattern.compile("must be a date \\(.*\\)"), (s, x) -> s.errDate());
        m.put(Pattern.compile("needs min, max, or both"), (s, x) -> s.errMinMax());
        m.put(Pattern.compile("must be a number"), (s, x) -> s.errNumber());
        m.put(Pattern.compile("must be a string"), (s, x) -> s.errString());
        m.put(Pattern.compile("needs from, to, or both.*"), (s, x) -> s.errFromTo());
        m.put(Pattern.compile("'(.*)' is not a field \\(.*\\)"), (s, x) -> s.errNotField(x.group(1)));
        m.put(Pattern.compile("at most (\\d+) values"), (s, x) -> s.errMaxValues(x.group(1)));
        m.put(Pattern.compile("the rule has more than (\\d+) nodes"), (s, x) -> s.errMaxNodes(x.group(1)));
        m.put(Pattern.compile("nests deeper than (\\d+) levels"), (s, x) -> s.errDepth(x.group(1)));
        m.put(Pattern.compile("must be at most (\\d+) characters"), (s, x) -> s.errMaxCharacters(x.group(1)));
        m.put(Pattern.compile("must not contain control characters"), (s, x) -> s.errControlCharacters());
        m.put(Pattern.compile("must be an object.*"), (s, x) -> s.errObject());
        return m;
    }

    /** One of the API's messages in the page's language. */
    static String say(SegmentsMessages words, String message) {
        for (Map.Entry<Pattern, BiFunction<SegmentsMessages, Matcher, String>> known : MESSAGES.entrySet()) {
            Matcher matcher = known.getKey().matcher(message);
            if (matcher.matches()) {
                return known.getValue().apply(words, matcher);
            }
        }
        return message;
    }

    /** Each error said next to the node it names: the node whose path in the rule is the longest part of its own. */
    static Map<String, List<String>> byNode(RuleNode rule, List<FieldError> errors, SegmentsMessages words) {
        Map<String, String> paths = new LinkedHashMap<>();
        paths(rule, RuleForm.ROOT, "rule", paths);
        Map<String, List<String>> byNode = new HashMap<>();
        for (FieldError error : errors) {
            String id = RuleForm.ROOT;
            String rest = error.field().startsWith("rule") ? error.field().substring("rule".length()) : error.field();
            for (Map.Entry<String, String> node : paths.entrySet()) {
                String path = node.getValue();
                if (error.field().equals(path) || error.field().startsWith(path + ".") || error.field().startsWith(path + "[")) {
                    if (path.length() >= paths.get(id).length()) {
                        id = node.getKey();
                        rest = error.field().substring(path.length());
                    }
                }
            }
            Matcher part = PART.matcher(rest);
            byNode.computeIfAbsent(id, any -> new ArrayList<>())
                    .add(words.errorAt(words.part(part.find() ? part.group(1) : ""), say(words, error.message())));
        }
        return byNode;
    }

    /** Where each node's content is in the rule language: a negated node's is under its {@code not}. */
    private static void paths(RuleNode node, String id, String path, Map<String, String> paths) {
        String content = node.negated() ? path + ".not" : path;
        paths.put(id, content);
        if (node instanceof Group group) {
            for (int i = 0; i < group.rules().size(); i++) {
                paths(group.rules().get(i), RuleForm.child(id, i), content + "." + group.kind() + "[" + i + "]", paths);
            }
        }
    }
}
