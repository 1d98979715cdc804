package org.turnout.local.s3;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.turnout.local.CloudFormationTemplate;
import org.turnout.local.Provisioned;

/**
 * The CORS rules of the template's buckets ({@code CorsConfiguration.CorsRules}), answered as S3 answers them: a
 * preflight ({@code OPTIONS} with {@code Origin} and {@code Access-Control-Request-Method}) that a rule allows gets
 * the rule's headers, any other is refused with 403; a request from an allowed origin gets
 * {@code Access-Control-Allow-Origin}. S3Proxy's own CORS settings are one set for every bucket; these follow the
 * template, bucket by bucket, with its parameters (the console's origin) resolved.
 */
public final class BucketCors {
    public static final BucketCors NONE = new BucketCors(Map.of());

    /** One rule; origins and headers compared as S3 does: origins exactly (or {@code *}), headers case-insensitively. */
    record Rule(List<String> origins, List<String> methods, List<String> headers, Integer maxAge) {
        boolean allows(String origin, String method) {
            return (origins.contains("*") || origins.contains(origin)) && methods.contains(method);
        }

        boolean allowsHeaders(List<String> requested) {
            return headers.contains("*") || requested.stream().allMatch(h -> headers.stream().anyMatch(h::equalsIgnoreCase));
        }
    }

    private final Map<String, List<Rule>> rulesByBucket;

    BucketCors(Map<String, List<Rule>> rulesByBucket) {
        this.rulesByBucket = Map.copyOf(rulesByBucket);
    }

    /** The rules of every {@code AWS::S3::Bucket} of the template, by the bucket's name. */
    public static BucketCors fromTemplate(CloudFormationTemplate template, Provisioned provisioned, Map<String, String> parameters) {
        Map<String, List<Rule>> rules = new LinkedHashMap<>();
        for (CloudFormationTemplate.Resource bucket : template.resourcesOfType("AWS::S3::Bucket")) {
            Map<String, Object> properties = provisioned.resolvedProperties(bucket.logicalId(), parameters);
            if (properties.get("CorsConfiguration") instanceof Map<?, ?> cors && cors.get("CorsRules") instanceof List<?> list) {
                List<Rule> bucketRules = new ArrayList<>();
                for (Object item : list) {
                    if (item instanceof Map<?, ?> rule) {
                        bucketRules.add(new Rule(strings(rule.get("AllowedOrigins")), strings(rule.get("AllowedMethods")),
                                strings(rule.get("AllowedHeaders")),
                                rule.get("MaxAge") == null ? null : Integer.valueOf(String.valueOf(rule.get("MaxAge")))));
                    }
                }
                rules.put(provisioned.physicalName(bucket.logicalId()), List.copyOf(bucketRules));
            }
        }
        return new BucketCors(rules);
    }

    /**
     * The answer to a preflight of {@code rawPath} ({@code /bucket/key}, path-style): the headers of the first rule
     * that allows it, or empty when none does (S3 answers 403).
     */
    public Optional<Map<String, String>> preflight(String rawPath, String origin, String method, String requestHeaders) {
        List<String> requested = requestHeaders == null || requestHeaders.isBlank() ? List.of()
                : List.of(requestHeaders.toLowerCase(Locale.ROOT).split("\\s*,\\s*"));
        return rules(rawPath).stream().filter(r -> r.allows(origin, method) && r.allowsHeaders(requested)).findFirst().map(rule -> {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Access-Control-Allow-Origin", origin);
            headers.put("Access-Control-Allow-Methods", String.join(", ", rule.methods()));
            if (!requested.isEmpty()) {
                headers.put("Access-Control-Allow-Headers", String.join(", ", requested));
            }
            if (rule.maxAge() != null) {
                headers.put("Access-Control-Max-Age", String.valueOf(rule.maxAge()));
            }
            headers.put("Vary", "Origin, Access-Control-Request-Headers, Access-Control-Request-Method");
            return headers;
        });
    }

    /** The headers S3 adds to a request of {@code method} from {@code origin} that a rule allows; none otherwise. */
    public Map<String, String> actual(String rawPath, String origin, String method) {
        if (origin == null || rules(rawPath).stream().noneMatch(r -> r.allows(origin, method))) {
            return Map.of();
        }
        return Map.of("Access-Control-Allow-Origin", origin, "Vary", "Origin, Access-Control-Request-Headers, Access-Control-Request-Method");
    }

    private List<Rule> rules(String rawPath) {
        String path = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
        int slash = path.indexOf('/');
        return rulesByBucket.getOrDefault(slash < 0 ? path : path.substring(0, slash), List.of());
    }

    private static List<String> strings(Object value) {
        return value instanceof List<?> list ? list.stream().map(String::valueOf).toList()
                : value == null ? List.of() : List.of(String.valueOf(value));
    }
}
