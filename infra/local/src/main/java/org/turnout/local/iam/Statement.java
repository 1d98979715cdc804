package org.turnout.local.iam;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One statement of an identity-based policy, as written in template.yaml once its intrinsics are resolved:
 * {@code Effect}, {@code Action} or {@code NotAction}, {@code Resource} or {@code NotResource}, and {@code Condition}.
 */
public record Statement(String sid, boolean allow, List<String> actions, List<String> notActions,
                        List<String> resources, List<String> notResources, List<Condition> conditions) {

    public Statement {
        actions = List.copyOf(actions);
        notActions = List.copyOf(notActions);
        resources = List.copyOf(resources);
        notResources = List.copyOf(notResources);
        conditions = List.copyOf(conditions);
    }

    /** Parses a statement; {@code where} names it in errors (e.g. {@code SendFunction.Policies[0].Statement[2]}). */
    public static Statement parse(Object statement, String where) {
        if (!(statement instanceof Map<?, ?> fields)) {
            throw new IllegalArgumentException(where + " is not a policy statement: " + statement);
        }
        Object effect = fields.get("Effect");
        if (!"Allow".equals(effect) && !"Deny".equals(effect)) {
            throw new IllegalArgumentException(where + ".Effect must be Allow or Deny, not " + effect);
        }
        List<String> actions = strings(fields.get("Action"), where + ".Action");
        List<String> notActions = strings(fields.get("NotAction"), where + ".NotAction");
        List<String> resources = strings(fields.get("Resource"), where + ".Resource");
        List<String> notResources = strings(fields.get("NotResource"), where + ".NotResource");
        if (actions.isEmpty() == notActions.isEmpty() || resources.isEmpty() == notResources.isEmpty()) {
            throw new IllegalArgumentException(where + " needs exactly one of Action and NotAction, and of Resource and NotResource");
        }
        List<Condition> conditions = new ArrayList<>();
        Object condition = fields.get("Condition");
        if (condition != null) {
            if (!(condition instanceof Map<?, ?> operators)) {
                throw new IllegalArgumentException(where + ".Condition is not a map: " + condition);
            }
            operators.forEach((operator, keys) -> {
                if (!(keys instanceof Map<?, ?> byKey)) {
                    throw new IllegalArgumentException(where + ".Condition." + operator + " is not a map: " + keys);
                }
                byKey.forEach((key, values) -> conditions.add(new Condition(String.valueOf(operator), String.valueOf(key),
                        strings(values, where + ".Condition." + operator + "." + key))));
            });
        }
        Object sid = fields.get("Sid");
        return new Statement(sid == null ? where : String.valueOf(sid), effect.equals("Allow"), actions, notActions,
                resources, notResources, conditions);
    }

    /** Whether this statement speaks of the request: its action, its resource, and all its conditions hold. */
    boolean applies(String action, String resource, Map<String, List<String>> context) {
        boolean actionMatches = actions.isEmpty()
                ? notActions.stream().noneMatch(pattern -> Wildcards.matches(pattern, action, true))
                : actions.stream().anyMatch(pattern -> Wildcards.matches(pattern, action, true));
        boolean resourceMatches = resources.isEmpty()
                ? notResources.stream().noneMatch(pattern -> Wildcards.matches(pattern, resource, false))
                : resources.stream().anyMatch(pattern -> Wildcards.matches(pattern, resource, false));
        return actionMatches && resourceMatches && conditions.stream().allMatch(condition -> condition.holds(context));
    }

    private static List<String> strings(Object value, String where) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(item -> {
                if (item instanceof Map || item instanceof List) {
                    throw new IllegalArgumentException(where + " holds an unresolved value: " + item);
                }
                return String.valueOf(item);
            }).toList();
        }
        if (value instanceof Map) {
            throw new IllegalArgumentException(where + " holds an unresolved value: " + value);
        }
        return List.of(String.valueOf(value));
    }
}
