package org.turnout.local.gateway;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One route of an HTTP API, e.g. {@code ANY /v1/admin/{proxy+}}, with the function it invokes and the
 * authorizer that guards it, if any.
 *
 * @param method     an HTTP method in upper case, or {@code ANY}
 * @param path       the route's path: literal segments, {@code {name}} for one segment, a last {@code {name+}}
 *                   for one or more
 * @param authorizer the name of the API's authorizer that guards it; empty for none
 */
public record HttpApiRoute(String method, String path, String functionLogicalId, Optional<String> authorizer) {

    /** AWS picks the most specific route: no greedy variable, then more literal segments, then an exact method. */
    static final Comparator<HttpApiRoute> MOST_SPECIFIC_FIRST = Comparator
            .comparing(HttpApiRoute::isGreedy)
            .thenComparing(Comparator.comparingLong(HttpApiRoute::literalSegments).reversed())
            .thenComparing(route -> route.method().equals("ANY"));

    public HttpApiRoute {
        method = method.toUpperCase(Locale.ROOT);
        List<String> segments = segments(path);
        for (int i = 0; i < segments.size() - 1; i++) {
            if (segments.get(i).endsWith("+}")) {
                throw new IllegalArgumentException("Route " + path + ": a greedy path variable must be the last segment");
            }
        }
    }

    /** What API Gateway calls it, and passes as {@code routeKey}. */
    public String routeKey() {
        return method + " " + path;
    }

    /**
     * The path parameters, decoded, if this route takes {@code method} on {@code rawPath}; empty if it does not.
     */
    Optional<Map<String, String>> match(String requestMethod, String rawPath) {
        if (!method.equals("ANY") && !method.equals(requestMethod)) {
            return Optional.empty();
        }
        List<String> pattern = segments(path);
        List<String> actual = segments(rawPath);
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < pattern.size(); i++) {
            String segment = pattern.get(i);
            boolean variable = segment.startsWith("{") && segment.endsWith("}");
            if (variable && segment.endsWith("+}")) {
                List<String> rest = actual.subList(Math.min(i, actual.size()), actual.size());
                if (rest.isEmpty() || rest.stream().allMatch(String::isEmpty)) {
                    return Optional.empty();
                }
                parameters.put(segment.substring(1, segment.length() - 2), decode(String.join("/", rest)));
                return Optional.of(parameters);
            }
            if (i >= actual.size() || actual.get(i).isEmpty()) {
                return Optional.empty();
            }
            if (variable) {
                parameters.put(segment.substring(1, segment.length() - 1), decode(actual.get(i)));
            } else if (!segment.equals(actual.get(i))) {
                return Optional.empty();
            }
        }
        return pattern.size() == actual.size() ? Optional.of(parameters) : Optional.empty();
    }

    private boolean isGreedy() {
        return path.endsWith("+}");
    }

    private long literalSegments() {
        return segments(path).stream().filter(segment -> !segment.startsWith("{")).count();
    }

    private static List<String> segments(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        return trimmed.isEmpty() ? List.of() : Arrays.asList(trimmed.split("/", -1));
    }

    /** Percent-escapes decoded; a '+' in a path stays a '+'. */
    private static String decode(String raw) {
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
