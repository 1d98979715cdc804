package org.turnout.bench.send;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.turnout.local.CloudFormationTemplate;

/**
 * How many SendEmail calls SendFunction can have in flight, read from template.yaml: its instances (the reserved
 * concurrency, capped by the SQS event source's {@code MaximumConcurrency}) times the calls each instance keeps in
 * flight (its setting in the function's environment; one, today's sender, when the template sets none). The raw
 * loop gets exactly as many.
 */
record SendConcurrency(int instances, int callsPerInstance, String callsSource) {

    static final String FUNCTION = "SendFunction";
    /** The variable of SendFunction that sets the calls in flight per instance, whatever its exact name. */
    private static final Pattern CALLS_VARIABLE = Pattern.compile("TURNOUT_SEND_\\w*(IN_FLIGHT|PARALLEL|CALLS)\\w*");

    int calls() {
        return instances * callsPerInstance;
    }

    static SendConcurrency fromTemplate(CloudFormationTemplate template, Optional<Integer> callsOverride) {
        CloudFormationTemplate.Resource function = template.resource(FUNCTION)
                .orElseThrow(() -> new IllegalStateException("template.yaml has no " + FUNCTION));
        int reserved = number(template, function.properties().get("ReservedConcurrentExecutions"), "ReservedConcurrentExecutions");
        int instances = reserved;
        Map<String, Object> queue = map(map(function.properties().get("Events")).get("Queue"));
        Object maximum = map(map(queue.get("Properties")).get("ScalingConfig")).get("MaximumConcurrency");
        if (maximum != null) {
            instances = Math.min(reserved, number(template, maximum, "MaximumConcurrency"));
        }
        if (callsOverride.isPresent()) {
            return new SendConcurrency(instances, callsOverride.get(), "-DcallsPerInstance");
        }
        Map<String, Object> variables = map(map(function.properties().get("Environment")).get("Variables"));
        for (Map.Entry<String, Object> variable : variables.entrySet()) {
            if (CALLS_VARIABLE.matcher(variable.getKey()).matches()) {
                return new SendConcurrency(instances, number(template, variable.getValue(), variable.getKey()),
                        FUNCTION + "'s " + variable.getKey());
            }
        }
        return new SendConcurrency(instances, 1, "one at a time: template.yaml gives " + FUNCTION + " no setting of calls in flight");
    }

    /** A number, or a {@code Ref} to a parameter whose default is one. */
    private static int number(CloudFormationTemplate template, Object value, String what) {
        Object resolved = value;
        if (value instanceof Map<?, ?> reference && reference.get("Ref") instanceof String parameter) {
            resolved = Optional.ofNullable(template.parameters().get(parameter)).flatMap(CloudFormationTemplate.Parameter::defaultValue)
                    .orElseThrow(() -> new IllegalStateException(what + " refers to " + parameter + ", which has no default"));
        }
        try {
            return Integer.parseInt(String.valueOf(resolved).strip());
        } catch (NumberFormatException e) {
            throw new IllegalStateException(FUNCTION + "'s " + what + " is not a number: " + value, e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }
}
