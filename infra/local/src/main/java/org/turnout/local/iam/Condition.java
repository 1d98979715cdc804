package org.turnout.local.iam;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One condition of a statement: an operator, a context key and the values it accepts (any of them). The operators
 * are those of the string, ARN and boolean families, each with its {@code IfExists} form, and {@code Null}: a key
 * that the request does not carry fails a positive operator, passes a negated one, and passes any {@code IfExists}.
 */
record Condition(String operator, String key, List<String> values) {

    private static final Set<String> OPERATORS = Set.of("StringEquals", "StringNotEquals", "StringEqualsIgnoreCase",
            "StringNotEqualsIgnoreCase", "StringLike", "StringNotLike", "ArnEquals", "ArnLike", "ArnNotEquals",
            "ArnNotLike", "Bool", "Null");

    Condition {
        values = List.copyOf(values);
        if (!OPERATORS.contains(baseOperator(operator))) {
            throw new IllegalArgumentException("The condition operator " + operator + " is not supported by the local "
                    + "IAM evaluator (supported: " + String.join(", ", OPERATORS.stream().sorted().toList())
                    + ", each with IfExists)");
        }
    }

    boolean holds(Map<String, List<String>> context) {
        String base = baseOperator(operator);
        List<String> actual = context.get(key);
        if (base.equals("Null")) {
            boolean absent = actual == null || actual.isEmpty();
            return values.stream().anyMatch(value -> Boolean.parseBoolean(value) == absent);
        }
        boolean negated = base.contains("Not");
        if (actual == null || actual.isEmpty()) {
            return operator.endsWith("IfExists") || negated;
        }
        boolean anyMatches = actual.stream().anyMatch(value -> values.stream().anyMatch(wanted -> matches(base, wanted, value)));
        return negated != anyMatches;
    }

    private static boolean matches(String operator, String wanted, String value) {
        return switch (operator) {
            case "StringEquals", "StringNotEquals", "ArnEquals", "ArnNotEquals" -> operator.startsWith("Arn")
                    ? Wildcards.matches(wanted, value, false) : wanted.equals(value);
            case "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase" -> wanted.equalsIgnoreCase(value);
            case "StringLike", "StringNotLike", "ArnLike", "ArnNotLike" -> Wildcards.matches(wanted, value, false);
            case "Bool" -> wanted.toLowerCase(Locale.ROOT).equals(value.toLowerCase(Locale.ROOT));
            default -> throw new IllegalStateException(operator);
        };
    }

    private static String baseOperator(String operator) {
        return operator.endsWith("IfExists") ? operator.substring(0, operator.length() - "IfExists".length()) : operator;
    }
}
