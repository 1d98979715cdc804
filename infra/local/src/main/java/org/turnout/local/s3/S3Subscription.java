package org.turnout.local.s3;

import java.util.List;
import java.util.Map;

import org.turnout.local.CloudFormationTemplate;
import org.turnout.local.Provisioned;

/**
 * One S3 event source of a function, as SAM's {@code Events} entry of {@code Type: S3} declares it: the bucket,
 * the event types ({@code s3:ObjectCreated:*}, {@code s3:ObjectCreated:Put}, {@code s3:ObjectRemoved:*}...) and the
 * key's prefix and suffix rules. S3 sends the function a notification for each matching event.
 *
 * @param eventName the entry's name under {@code Events}, e.g. {@code Upload}
 */
public record S3Subscription(String functionLogicalId, String eventName, String bucket, List<String> events, String prefix,
                             String suffix) {

    public S3Subscription {
        events = List.copyOf(events);
    }

    /** Every {@code Type: S3} event of the template's functions, intrinsics resolved with {@code parameterOverrides}. */
    public static List<S3Subscription> fromTemplate(CloudFormationTemplate template, Provisioned provisioned,
                                                    Map<String, String> parameterOverrides) {
        return template.functionEvents("S3").stream().map(event -> parse(event.functionId(), event.name(), CloudFormationTemplate.mapOf(
                provisioned.resolve(event.properties(), parameterOverrides), event.where() + ".Properties"), event.where())).toList();
    }

    private static S3Subscription parse(String functionId, String eventName, Map<String, Object> properties, String where) {
        Object bucket = properties.get("Bucket");
        if (!(bucket instanceof String)) {
            throw new IllegalArgumentException(where + " needs a Bucket (a !Ref to a bucket of the template)");
        }
        Object events = properties.get("Events");
        List<String> types = events instanceof List<?> list ? list.stream().map(String::valueOf).toList()
                : events == null ? List.of() : List.of(String.valueOf(events));
        if (types.isEmpty()) {
            throw new IllegalArgumentException(where + " needs Events, e.g. s3:ObjectCreated:*");
        }
        String prefix = "";
        String suffix = "";
        if (properties.get("Filter") instanceof Map<?, ?> filter && filter.get("S3Key") instanceof Map<?, ?> key
                && key.get("Rules") instanceof List<?> rules) {
            for (Object rule : rules) {
                Map<String, Object> nameAndValue = CloudFormationTemplate.mapOf(rule, where + ".Filter.S3Key.Rules");
                String value = String.valueOf(nameAndValue.get("Value"));
                switch (String.valueOf(nameAndValue.get("Name")).toLowerCase(java.util.Locale.ROOT)) {
                    case "prefix" -> prefix = value;
                    case "suffix" -> suffix = value;
                    default -> throw new IllegalArgumentException(where + ": a key filter rule is named prefix or suffix, not "
                            + nameAndValue.get("Name"));
                }
            }
        }
        return new S3Subscription(functionId, eventName, (String) bucket, types, prefix, suffix);
    }

    /** The notification configuration's id, which each record carries as {@code configurationId}. */
    public String configurationId() {
        return Provisioned.STACK_NAME + "-" + functionLogicalId + eventName;
    }

    /** Whether the key passes the prefix and suffix rules (compared as written, case-sensitively, as S3 does). */
    public boolean matchesKey(String key) {
        return key.startsWith(prefix) && key.endsWith(suffix);
    }

    /** Whether an event such as {@code ObjectCreated:Put} is one of those subscribed to. */
    public boolean accepts(String s3EventName) {
        String family = s3EventName.substring(0, s3EventName.indexOf(':') + 1);
        return events.contains("s3:" + s3EventName) || events.contains("s3:" + family + "*");
    }

    /** Whether the local stack sends any of the subscribed events: object creation and deletion only. */
    public boolean isEmulated() {
        return events.stream().anyMatch(type -> type.startsWith("s3:ObjectCreated:") || type.startsWith("s3:ObjectRemoved:"));
    }
}
