package org.turnout.local.iam;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * IAM's evaluation of identity-based policies within one account: an explicit Deny in any statement wins; else an
 * Allow that applies grants; else the request is implicitly denied. A request on several resources (a batch over
 * two tables, a copy from one object to another) is allowed only if each of them is.
 */
public final class PolicyEvaluator {

    /** The outcome for one request, with the statement that decided it when one did. */
    public record Verdict(Outcome outcome, Optional<String> statement) {
        public boolean allowed() {
            return outcome == Outcome.ALLOWED;
        }
    }

    public enum Outcome { ALLOWED, IMPLICITLY_DENIED, EXPLICITLY_DENIED }

    private PolicyEvaluator() {
    }

    public static Verdict evaluate(List<Statement> statements, String action, String resource,
                                   Map<String, List<String>> context) {
        // condition keys are case-insensitive
        Map<String, List<String>> keys = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        keys.putAll(context);
        Optional<Statement> allowing = Optional.empty();
        for (Statement statement : statements) {
            if (statement.applies(action, resource, keys)) {
                if (!statement.allow()) {
                    return new Verdict(Outcome.EXPLICITLY_DENIED, Optional.of(statement.sid()));
                }
                if (allowing.isEmpty()) {
                    allowing = Optional.of(statement);
                }
            }
        }
        return allowing.map(statement -> new Verdict(Outcome.ALLOWED, Optional.of(statement.sid())))
                .orElse(new Verdict(Outcome.IMPLICITLY_DENIED, Optional.empty()));
    }
}
