package org.turnout.local.iam;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One AWS service's side of an {@link EmulatorFront}: what IAM actions and resources a request needs, derived from
 * the request as the service derives them, and the service's own answer to a refusal.
 */
interface ServiceCalls {

    /** An answer of the front's own, instead of the emulator's. */
    record Answer(int status, Map<String, String> headers, byte[] body) {
        static Answer json(int status, Map<String, String> headers, String json) {
            return new Answer(status, headers, json.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The signing name the requests are scoped to. */
    String signingName();

    /** Whether the request is the service's AWS API, which is authorised; the rest is the emulator's own (a mailbox page). */
    default boolean isAwsApi(String method, String rawPath) {
        return true;
    }

    /**
     * Whether the front reads the body before forwarding it (to find the action or resource in it): the JSON and query
     * APIs name them there; S3, whose objects stream through, says otherwise.
     */
    default boolean readsBody(String method, String rawPath, String rawQuery) {
        return true;
    }

    /** What the request needs; an unrecognised request needs {@code <service>:<guess>} on {@code *}. */
    List<Access> accesses(SignedRequest request);

    /** The service's error for a refused request. */
    Answer refusal(SignedRequest request, Decision.Refusal refusal);

    /** An answer that replaces the emulator's status, as S3 answers 403 for a missing key to whom may not list. */
    default Optional<Answer> replace(SignedRequest request, Principal principal, int status, RequestAuthoriser authoriser) {
        return Optional.empty();
    }

    static String requestId() {
        return UUID.randomUUID().toString();
    }

    /** JSON string content, escaped. */
    static String jsonText(String text) {
        StringBuilder escaped = new StringBuilder();
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> escaped.append("\\\"");
                case '\\' -> escaped.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        escaped.append(String.format("\\u%04x", (int) c));
                    } else {
                        escaped.append(c);
                    }
                }
            }
        }
        return escaped.toString();
    }

    /** XML text content, escaped. */
    static String xmlText(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
