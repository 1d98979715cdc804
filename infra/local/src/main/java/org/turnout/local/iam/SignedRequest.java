package org.turnout.local.iam;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What SigV4 signs of an HTTP request, as a local API server received it.
 *
 * @param service the signing name the request must be scoped to ({@code dynamodb}, {@code s3}, {@code ses}...)
 * @param rawPath the path as sent, still percent-encoded
 * @param rawQuery the query as sent, or null
 * @param headers  by name, any case
 * @param body     the body if the server read it; null if it streams it (then {@code x-amz-content-sha256} must say
 *                 what was signed, as S3 clients send it)
 */
public record SignedRequest(String service, String method, String rawPath, String rawQuery,
                            Map<String, List<String>> headers, byte[] body) {

    public SignedRequest {
        Map<String, List<String>> caseless = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> caseless.merge(name, List.copyOf(values),
                (a, b) -> java.util.stream.Stream.concat(a.stream(), b.stream()).toList()));
        headers = caseless;
    }

    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
