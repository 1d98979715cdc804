package org.turnout.local.iam;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.turnout.local.LocalAwsStack;

/**
 * The AWS SAM policy templates that the local stack knows, expanded as SAM expands them (from its
 * {@code policy_templates.json}), and the AWS managed policies that grant nothing on the local services. A function
 * whose {@code Policies} name another cannot be authorised faithfully: the stack refuses to start.
 */
final class SamPolicyTemplates {

    private static final String REGION = LocalAwsStack.REGION;
    private static final String ACCOUNT = LocalAwsStack.ACCOUNT_ID;

    /** Managed policies for logs, tracing and metrics: nothing the local services check. */
    private static final Set<String> MANAGED_WITHOUT_LOCAL_EFFECT = Set.of("AWSLambdaBasicExecutionRole",
            "AWSXrayWriteOnlyAccess", "AWSXRayDaemonWriteAccess", "CloudWatchLambdaInsightsExecutionRolePolicy");

    private static final Map<String, Function<Map<String, String>, List<Map<String, Object>>>> TEMPLATES = Map.ofEntries(
            Map.entry("DynamoDBCrudPolicy", p -> table(p, "dynamodb:GetItem", "dynamodb:DeleteItem", "dynamodb:PutItem",
                    "dynamodb:Scan", "dynamodb:Query", "dynamodb:UpdateItem", "dynamodb:BatchWriteItem",
                    "dynamodb:BatchGetItem", "dynamodb:DescribeTable", "dynamodb:ConditionCheckItem")),
            Map.entry("DynamoDBReadPolicy", p -> table(p, "dynamodb:GetItem", "dynamodb:Scan", "dynamodb:Query",
                    "dynamodb:BatchGetItem", "dynamodb:DescribeTable")),
            Map.entry("DynamoDBWritePolicy", p -> table(p, "dynamodb:PutItem", "dynamodb:UpdateItem",
                    "dynamodb:BatchWriteItem")),
            Map.entry("S3ReadPolicy", p -> bucket(p, "s3:GetObject", "s3:ListBucket", "s3:GetBucketLocation",
                    "s3:GetObjectVersion", "s3:GetLifecycleConfiguration")),
            Map.entry("S3WritePolicy", p -> bucket(p, "s3:PutObject", "s3:PutObjectAcl", "s3:PutLifecycleConfiguration")),
            Map.entry("S3CrudPolicy", p -> bucket(p, "s3:GetObject", "s3:ListBucket", "s3:GetBucketLocation",
                    "s3:GetObjectVersion", "s3:PutObject", "s3:PutObjectAcl", "s3:GetLifecycleConfiguration",
                    "s3:PutLifecycleConfiguration", "s3:DeleteObject")),
            Map.entry("SQSSendMessagePolicy", p -> List.of(allow(List.of("sqs:SendMessage*"),
                    List.of("arn:aws:sqs:" + REGION + ":" + ACCOUNT + ":" + required(p, "QueueName"))))),
            Map.entry("SQSPollerPolicy", p -> List.of(allow(List.of("sqs:ChangeMessageVisibility",
                            "sqs:ChangeMessageVisibilityBatch", "sqs:DeleteMessage", "sqs:DeleteMessageBatch",
                            "sqs:GetQueueAttributes", "sqs:ReceiveMessage"),
                    List.of("arn:aws:sqs:" + REGION + ":" + ACCOUNT + ":" + required(p, "QueueName"))))),
            Map.entry("LambdaInvokePolicy", p -> List.of(allow(List.of("lambda:InvokeFunction"),
                    List.of("arn:aws:lambda:" + REGION + ":" + ACCOUNT + ":function:" + required(p, "FunctionName") + "*")))),
            Map.entry("SESCrudPolicy", p -> List.of(allow(List.of("ses:GetIdentityVerificationAttributes",
                    "ses:SendEmail", "ses:SendRawEmail", "ses:VerifyEmailIdentity"),
                    List.of("arn:aws:ses:" + REGION + ":" + ACCOUNT + ":identity/" + required(p, "IdentityName"))))),
            Map.entry("AWSSecretsManagerGetSecretValuePolicy", p -> List.of(allow(
                    List.of("secretsmanager:GetSecretValue"), List.of(required(p, "SecretArn"))))),
            Map.entry("SSMParameterReadPolicy", p -> List.of(
                    allow(List.of("ssm:DescribeParameters"), List.of("*")),
                    allow(List.of("ssm:GetParameters", "ssm:GetParameter", "ssm:GetParametersByPath"),
                            List.of("arn:aws:ssm:" + REGION + ":" + ACCOUNT + ":parameter/" + required(p, "ParameterName"))))));

    private SamPolicyTemplates() {
    }

    /** The statements of policy template {@code name} with its parameters; {@code where} names it in errors. */
    static List<Map<String, Object>> expand(String name, Map<String, String> parameters, String where) {
        Function<Map<String, String>, List<Map<String, Object>>> template = TEMPLATES.get(name);
        if (template == null) {
            throw new IllegalArgumentException(where + " uses the SAM policy template " + name + ", which the local stack "
                    + "does not know; it knows " + String.join(", ", TEMPLATES.keySet().stream().sorted().toList())
                    + ". Add it to " + SamPolicyTemplates.class.getSimpleName() + " as SAM defines it");
        }
        try {
            return template.apply(parameters);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + " (" + name + "): " + e.getMessage(), e);
        }
    }

    /** A managed policy named by name or ARN: nothing if it only concerns logs or tracing, else a refusal. */
    static void checkManaged(String nameOrArn, String where) {
        String name = nameOrArn.substring(nameOrArn.lastIndexOf('/') + 1);
        if (!MANAGED_WITHOUT_LOCAL_EFFECT.contains(name)) {
            throw new IllegalArgumentException(where + " attaches the managed policy " + nameOrArn + ", which the local stack "
                    + "cannot evaluate; it accepts only " + String.join(", ", MANAGED_WITHOUT_LOCAL_EFFECT.stream().sorted().toList())
                    + " (which grant nothing on the local services). Write the statements inline instead");
        }
    }

    private static List<Map<String, Object>> table(Map<String, String> parameters, String... actions) {
        String table = "arn:aws:dynamodb:" + REGION + ":" + ACCOUNT + ":table/" + required(parameters, "TableName");
        return List.of(allow(List.of(actions), List.of(table, table + "/index/*")));
    }

    private static List<Map<String, Object>> bucket(Map<String, String> parameters, String... actions) {
        String bucket = "arn:aws:s3:::" + required(parameters, "BucketName");
        return List.of(allow(List.of(actions), List.of(bucket, bucket + "/*")));
    }

    private static Map<String, Object> allow(List<String> actions, List<String> resources) {
        return Map.of("Effect", "Allow", "Action", new ArrayList<>(actions), "Resource", new ArrayList<>(resources));
    }

    private static String required(Map<String, String> parameters, String name) {
        String value = parameters.get(name);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("parameter " + name + " is missing");
        }
        return value;
    }
}
