package org.turnout.local.iam;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.turnout.local.LocalAwsStack;

/**
 * SQS, in the JSON protocol that the SDK v2 speaks ({@code X-Amz-Target: AmazonSQS.SendMessage}, {@code QueueUrl}
 * in the body) and the query protocol of older clients ({@code Action=...} in the form or the query). The queue's ARN
 * is made of the last segment of its URL (or its name); the batch operations are authorised as their single
 * forms, as in IAM. A refusal is a 403 {@code AccessDenied} in the protocol of the request.
 */
final class SqsCalls implements ServiceCalls {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String QUEUE_ARN = "arn:aws:sqs:" + LocalAwsStack.REGION + ":" + LocalAwsStack.ACCOUNT_ID + ":";

    @Override
    public String signingName() {
        return "sqs";
    }

    @Override
    public List<Access> accesses(SignedRequest request) {
        String operation;
        String queueUrl;
        String queueName;
        String target = request.header("X-Amz-Target");
        if (target != null) {
            operation = target.substring(target.indexOf('.') + 1);
            JsonNode body;
            try {
                body = request.body() == null || request.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(request.body());
            } catch (IOException e) {
                return List.of(Access.of("sqs:" + operation, "*"));
            }
            queueUrl = body.path("QueueUrl").asText(null);
            queueName = body.path("QueueName").asText(null);
        } else {
            Map<String, String> form = form(request);
            operation = form.getOrDefault("Action", "Unknown");
            queueUrl = form.get("QueueUrl");
            queueName = form.get("QueueName");
            if (queueUrl == null && request.rawPath() != null && request.rawPath().matches("/\\d{12}/[^/]+")) {
                queueUrl = request.rawPath();
            }
        }
        String action = "sqs:" + operation.replaceFirst("Batch$", "");
        if (queueUrl != null) {
            return List.of(Access.of(action, QUEUE_ARN + queueUrl.substring(queueUrl.lastIndexOf('/') + 1)));
        }
        return List.of(Access.of(action, queueName != null ? QUEUE_ARN + queueName : "*"));
    }

    private static Map<String, String> form(SignedRequest request) {
        Map<String, String> form = new java.util.HashMap<>(SigV4.decodedQuery(request.rawQuery()));
        String type = request.header("Content-Type");
        if (type != null && type.startsWith("application/x-www-form-urlencoded") && request.body() != null) {
            String body = new String(request.body(), StandardCharsets.UTF_8).replace('+', ' ');
            form.putAll(SigV4.decodedQuery(body));
        }
        return form;
    }

    @Override
    public Answer refusal(SignedRequest request, Decision.Refusal refusal) {
        String code = switch (refusal.reason()) {
            case ACCESS_DENIED -> "AccessDenied";
            case UNKNOWN_ACCESS_KEY -> "InvalidClientTokenId";
            case SIGNATURE_MISMATCH -> "SignatureDoesNotMatch";
            case EXPIRED -> "RequestExpired";
            case MISSING_AUTHENTICATION -> "MissingAuthenticationToken";
        };
        String requestId = ServiceCalls.requestId();
        if (request.header("X-Amz-Target") != null) {
            String type = refusal.reason() == Decision.Reason.ACCESS_DENIED
                    ? "com.amazon.coral.service#AccessDeniedException" : "com.amazon.coral.service#" + code;
            return Answer.json(403, Map.of("Content-Type", "application/x-amz-json-1.0", "x-amzn-RequestId", requestId,
                            "x-amzn-query-error", code + ";Sender"),
                    "{\"__type\":\"" + type + "\",\"message\":\"" + ServiceCalls.jsonText(refusal.message()) + "\"}");
        }
        return new Answer(403, Map.of("Content-Type", "text/xml", "x-amzn-RequestId", requestId), ("<ErrorResponse><Error>"
                + "<Type>Sender</Type><Code>" + code + "</Code><Message>" + ServiceCalls.xmlText(refusal.message())
                + "</Message><Detail/></Error><RequestId>" + requestId + "</RequestId></ErrorResponse>").getBytes(StandardCharsets.UTF_8));
    }
}
