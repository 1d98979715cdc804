package org.turnout.local;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates CloudFormation's intrinsic functions and conditions in template values, the way the
 * CloudFormation service would for one stack. What {@code Ref} and {@code Fn::GetAtt} give comes
 * from a {@link References}; everything else is computed here.
 */
record IntrinsicResolver(CloudFormationTemplate template, References references) {
    /** What a stack gives for {@code Ref} and {@code Fn::GetAtt}. */
    interface References {
        /** A parameter's value, a pseudo parameter ({@code AWS::Region}...) or a resource's {@code Ref}. */
        Object ref(String name);

        Object getAtt(String logicalId, String attribute);
    }

    /** {@code Ref: AWS::NoValue}: the enclosing property or list element disappears. */
    static final Object NO_VALUE = new Object() {
        @Override
        public String toString() {
            return "AWS::NoValue";
        }
    };

    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]*)}");

    /** The value with every intrinsic function replaced by its result. */
    Object resolve(Object value) {
        if (value instanceof Map<?, ?> map) {
            if (map.size() == 1) {
                String key = (String) map.keySet().iterator().next();
                if (key.equals("Ref") || key.startsWith("Fn::")) {
                    return function(key, map.get(key));
                }
            }
            Map<String, Object> resolved = new LinkedHashMap<>();
            map.forEach((key, item) -> {
                Object result = resolve(item);
                if (result != NO_VALUE) {
                    resolved.put((String) key, result);
                }
            });
            return resolved;
        }
        if (value instanceof List<?> list) {
            List<Object> resolved = new ArrayList<>();
            for (Object item : list) {
                Object result = resolve(item);
                if (result != NO_VALUE) {
                    resolved.add(result);
                }
            }
            return resolved;
        }
        return value;
    }

    /** A named entry of the template's {@code Conditions}. */
    boolean condition(String name) {
        Object definition = template.conditions().get(name);
        if (definition == null) {
            throw new IllegalArgumentException("template.yaml has no condition " + name);
        }
        return isTrue(definition);
    }

    private Object function(String name, Object argument) {
        return switch (name) {
            case "Ref" -> "AWS::NoValue".equals(argument) ? NO_VALUE : references.ref((String) argument);
            case "Fn::GetAtt" -> {
                List<?> parts = list(resolve(argument), name);
                yield references.getAtt(text(parts.get(0)), text(parts.get(1)));
            }
            case "Fn::Sub" -> sub(argument);
            case "Fn::Join" -> {
                List<?> parts = list(argument, name);
                List<String> items = list(resolve(parts.get(1)), name).stream().map(IntrinsicResolver::text).toList();
                yield String.join(text(resolve(parts.get(0))), items);
            }
            case "Fn::Select" -> {
                List<?> parts = list(argument, name);
                yield list(resolve(parts.get(1)), name).get(Integer.parseInt(text(resolve(parts.get(0)))));
            }
            case "Fn::Split" -> {
                List<?> parts = list(argument, name);
                yield List.of(text(resolve(parts.get(1))).split(Pattern.quote(text(resolve(parts.get(0)))), -1));
            }
            case "Fn::FindInMap" -> findInMap(list(resolve(argument), name));
            case "Fn::Base64" -> Base64.getEncoder().encodeToString(text(resolve(argument)).getBytes(StandardCharsets.UTF_8));
            case "Fn::GetAZs" -> {
                String region = text(references.ref("AWS::Region"));
                yield List.of(region + "a", region + "b", region + "c");
            }
            case "Fn::If" -> {
                List<?> parts = list(argument, name);
                yield resolve(condition(text(parts.get(0))) ? parts.get(1) : parts.get(2));
            }
            case "Fn::Equals", "Fn::Not", "Fn::And", "Fn::Or" -> isTrue(Map.of(name, argument));
            default -> throw new UnsupportedOperationException(name + " has no local equivalent in the local stack");
        };
    }

    private boolean isTrue(Object condition) {
        if (condition instanceof Boolean bool) {
            return bool;
        }
        Map<String, Object> function = CloudFormationTemplate.mapOf(condition, "A condition");
        String name = function.keySet().iterator().next();
        Object argument = function.get(name);
        return switch (name) {
            case "Condition" -> condition(text(argument));
            case "Fn::Equals" -> {
                List<?> operands = list(argument, name);
                yield Objects.equals(text(resolve(operands.get(0))), text(resolve(operands.get(1))));
            }
            case "Fn::Not" -> !isTrue(list(argument, name).get(0));
            case "Fn::And" -> list(argument, name).stream().allMatch(this::isTrue);
            case "Fn::Or" -> list(argument, name).stream().anyMatch(this::isTrue);
            default -> Boolean.parseBoolean(text(resolve(condition)));
        };
    }

    private String sub(Object argument) {
        String pattern;
        Map<String, Object> variables = Map.of();
        if (argument instanceof List<?> form) {
            pattern = text(form.get(0));
            variables = CloudFormationTemplate.mapOf(resolve(form.get(1)), "Fn::Sub variables");
        } else {
            pattern = text(argument);
        }
        Matcher matcher = SUB_VARIABLE.matcher(pattern);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(result, Matcher.quoteReplacement(subVariable(matcher.group(1).strip(), variables)));
        }
        matcher.appendTail(result);
        return result.toString();
    }

    private String subVariable(String variable, Map<String, Object> variables) {
        if (variable.startsWith("!")) {
            return "${" + variable.substring(1) + "}";
        }
        if (variables.containsKey(variable)) {
            return text(variables.get(variable));
        }
        int dot = variable.indexOf('.');
        if (dot > 0 && !variable.startsWith("AWS::")) {
            return text(references.getAtt(variable.substring(0, dot), variable.substring(dot + 1)));
        }
        return text(references.ref(variable));
    }

    private Object findInMap(List<?> keys) {
        Map<String, Object> map = CloudFormationTemplate.mapOf(template.mappings().get(text(keys.get(0))),
                "Mapping " + keys.get(0));
        Map<String, Object> entry = CloudFormationTemplate.mapOf(map.get(text(keys.get(1))),
                "Mapping " + keys.get(0) + "." + keys.get(1));
        return Objects.requireNonNull(entry.get(text(keys.get(2))),
                () -> "Mapping " + keys.get(0) + "." + keys.get(1) + " has no " + keys.get(2));
    }

    private static List<?> list(Object value, String function) {
        if (value instanceof List<?> list) {
            return list;
        }
        throw new IllegalArgumentException(function + " expects a list, not " + value);
    }

    /** A scalar as CloudFormation passes it on: numbers and booleans become their text. */
    static String text(Object value) {
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        throw new IllegalArgumentException("Expected a scalar value, not " + value);
    }
}
