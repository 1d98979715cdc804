package org.turnout.local.iam;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.turnout.local.LocalAwsStack;

/**
 * DynamoDB's JSON protocol: the operation in {@code X-Amz-Target} ({@code DynamoDB_20120810.Query}), the table in
 * {@code TableName} (a name or an ARN), an index as {@code <table ARN>/index/<IndexName>}, and each table of a
 * batch's {@code RequestItems}. A refusal is a 400 with {@code __type} {@code AccessDeniedException}.
 */
final class DynamoDbCalls implements ServiceCalls {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TABLE_ARN = "arn:aws:dynamodb:" + LocalAwsStack.REGION + ":" + LocalAwsStack.ACCOUNT_ID + ":table/";

    @Override
    public String signingName() {
        return "dynamodb";
    }

    @Override
    public List<Access> accesses(SignedRequest request) {
        String target = request.header("X-Amz-Target");
        String operation = target == null ? "Unknown" : target.substring(target.indexOf('.') + 1);
        String action = "dynamodb:" + operation;
        JsonNode body;
        try {
            body = request.body() == null || request.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(request.body());
        } catch (IOException e) {
            return List.of(Access.of(action, "*"));
        }
        List<Access> accesses = new ArrayList<>();
        if (body.path("RequestItems").isObject()) {
            body.path("RequestItems").fieldNames().forEachRemaining(table -> accesses.add(Access.of(action, tableArn(table))));
        } else if (body.path("TransactItems").isArray()) {
            for (JsonNode item : body.path("TransactItems")) {
                item.fields().forEachRemaining(entry -> accesses.add(Access.of("dynamodb:" + transactAction(entry.getKey()),
                        tableArn(entry.getValue().path("TableName").asText()))));
            }
        } else if (body.hasNonNull("TableName")) {
            String table = tableArn(body.path("TableName").asText());
            accesses.add(Access.of(action, body.hasNonNull("IndexName") ? table + "/index/" + body.path("IndexName").asText() : table));
        } else if (body.hasNonNull("ResourceArn")) {
            accesses.add(Access.of(action, body.path("ResourceArn").asText()));
        }
        return accesses.isEmpty() ? List.of(Access.of(action, "*")) : accesses;
    }

    private static String transactAction(String kind) {
        return switch (kind) {
            case "Put" -> "PutItem";
            case "Update" -> "UpdateItem";
            case "Delete" -> "DeleteItem";
            case "Get" -> "GetItem";
            default -> kind;
        };
    }

    private static String tableArn(String nameOrArn) {
        return nameOrArn.startsWith("arn:") ? nameOrArn : TABLE_ARN + nameOrArn;
    }

    @Override
    public Answer refusal(SignedRequest request, Decision.Refusal refusal) {
        String type = switch (refusal.reason()) {
            case ACCESS_DENIED -> "com.amazonaws.dynamodb.v20120810#AccessDeniedException";
            case UNKNOWN_ACCESS_KEY -> "com.amazon.coral.service#UnrecognizedClientException";
            case SIGNATURE_MISMATCH, EXPIRED -> "com.amazon.coral.service#InvalidSignatureException";
            case MISSING_AUTHENTICATION -> "com.amazon.coral.service#MissingAuthenticationTokenException";
        };
        return Answer.json(400, Map.of("Content-Type", "application/x-amz-json-1.0", "x-amzn-RequestId", ServiceCalls.requestId()),
                "{\"__type\":\"" + type + "\",\"message\":\"" + ServiceCalls.jsonText(refusal.message()) + "\"}");
    }
}
