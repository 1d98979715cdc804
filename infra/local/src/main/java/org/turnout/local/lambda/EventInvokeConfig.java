package org.turnout.local.lambda;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.turnout.local.CloudFormationTemplate;
import org.turnout.local.Provisioned;

/**
 * How Lambda handles a function's asynchronous invocations: how often it retries an event whose invocation
 * failed, how old an event may get, and where the outcome goes. SAM's {@code EventInvokeConfig} property.
 *
 * @param maximumRetryAttempts 0 to 2; Lambda's default is 2
 * @param maximumEventAge      60 s to 6 h; Lambda's default is 6 h
 */
public record EventInvokeConfig(int maximumRetryAttempts, Duration maximumEventAge, Optional<Destination> onSuccess,
                                Optional<Destination> onFailure) {

    /** Where a record goes: {@code type} is SAM's ({@code SQS}, {@code SNS}, {@code Lambda}, {@code EventBridge}). */
    public record Destination(String type, String arn) {
    }

    public static final EventInvokeConfig DEFAULT = new EventInvokeConfig(2, Duration.ofHours(6), Optional.empty(),
            Optional.empty());

    public EventInvokeConfig {
        if (maximumRetryAttempts < 0 || maximumRetryAttempts > 2) {
            throw new IllegalArgumentException("MaximumRetryAttempts is 0 to 2, not " + maximumRetryAttempts);
        }
    }

    /** The function's {@code EventInvokeConfig} (its own, else {@code Globals.Function}'s), Lambda's defaults where absent. */
    public static EventInvokeConfig fromTemplate(Provisioned provisioned, String functionLogicalId,
                                                 Map<String, String> parameterOverrides) {
        Optional<Object> value = provisioned.resolvedFunctionProperty(functionLogicalId, "EventInvokeConfig", parameterOverrides);
        if (value.isEmpty()) {
            return DEFAULT;
        }
        String where = functionLogicalId + ".EventInvokeConfig";
        Map<String, Object> config = CloudFormationTemplate.mapOf(value.get(), where);
        int retries = config.containsKey("MaximumRetryAttempts")
                ? Integer.parseInt(String.valueOf(config.get("MaximumRetryAttempts"))) : DEFAULT.maximumRetryAttempts();
        Duration age = config.containsKey("MaximumEventAgeInSeconds")
                ? Duration.ofSeconds(Long.parseLong(String.valueOf(config.get("MaximumEventAgeInSeconds"))))
                : DEFAULT.maximumEventAge();
        Map<String, Object> destinations = config.get("DestinationConfig") == null ? Map.of()
                : CloudFormationTemplate.mapOf(config.get("DestinationConfig"), where + ".DestinationConfig");
        return new EventInvokeConfig(retries, age, destination(destinations, "OnSuccess", where),
                destination(destinations, "OnFailure", where));
    }

    private static Optional<Destination> destination(Map<String, Object> destinations, String name, String where) {
        if (destinations.get(name) == null) {
            return Optional.empty();
        }
        Map<String, Object> destination = CloudFormationTemplate.mapOf(destinations.get(name), where + "." + name);
        Object type = destination.get("Type");
        Object arn = destination.get("Destination");
        if (type == null || arn == null) {
            throw new IllegalArgumentException(where + "." + name + " needs a Type and a Destination");
        }
        return Optional.of(new Destination(String.valueOf(type), String.valueOf(arn)));
    }
}
