package org.turnout.local.secrets;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

import org.turnout.local.AwsJsonProtocol;
import org.turnout.local.CloudFormationTemplate;
import org.turnout.local.HttpStandIn;
import org.turnout.local.LocalAwsStack;
import org.turnout.local.LocalHttpServer;
import org.turnout.local.LogText;
import org.turnout.local.RepositoryRoot;
import org.turnout.local.iam.Access;
import org.turnout.local.iam.Decision;
import org.turnout.local.iam.RequestAuthoriser;
import org.turnout.local.iam.SignedRequest;

/**
 * Secrets Manager's API as the SDK speaks it (AWS JSON 1.1: {@code POST /}, the operation in
 * {@code X-Amz-Target: secretsmanager.<Action>}, JSON in and out, errors as {@code {"__type": ..., "message": ...}}):
 * GetSecretValue, DescribeSecret, PutSecretValue, UpdateSecretVersionStage and RotateSecret, over a
 * {@link LocalSecretsManager}. Every call is first put to the local stack's IAM ({@link RequestAuthoriser}): the
 * SigV4 signature names the caller, whose policies must allow the action on the secret's ARN; a refusal is Secrets
 * Manager's own error ({@code AccessDeniedException}, {@code UnrecognizedClientException}...). The log names the
 * action and the secret, never a value.
 */
public final class SecretsManagerApi extends HttpStandIn {
    private static final String TARGET_PREFIX = "secretsmanager.";

    private final LocalSecretsManager secrets;
    private final RequestAuthoriser authoriser;
    private final Consumer<String> log;

    public SecretsManagerApi(LocalSecretsManager secrets, RequestAuthoriser authoriser, Consumer<String> log) {
        this.secrets = secrets;
        this.authoriser = authoriser;
        this.log = log;
    }

    /**
     * The secrets of the repository's template.yaml, as {@code stack} names them, kept in memory and served on a free
     * port, each call authorised by the stack's IAM: what tests and benchmarks run the functions against.
     */
    public static SecretsManagerApi forTemplate(LocalAwsStack stack, Consumer<String> log) {
        LocalSecretsManager secrets = LocalSecretsManager.provision(CloudFormationTemplate.load(RepositoryRoot.locate().template()),
                stack.resources(), Optional.empty(), Clock.systemUTC(), log);
        return new SecretsManagerApi(secrets, stack.iam(), log).start(0);
    }

    public LocalSecretsManager secrets() {
        return secrets;
    }

    /** Listens on 127.0.0.1:{@code port} (0 for a free one). */
    public SecretsManagerApi start(int port) {
        listen(LocalHttpServer.bind("secrets manager api", port, 64).serve("/", this::handle, 8));
        return this;
    }

    /** What the SDK takes as {@code AWS_ENDPOINT_URL_SECRETS_MANAGER}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            if (!"POST".equals(exchange.getRequestMethod()) || target == null || !target.startsWith(TARGET_PREFIX)) {
                AwsJsonProtocol.sendError(exchange, 400, "UnknownOperationException", "The local Secrets Manager takes POST / with X-Amz-Target: secretsmanager.<Action>");
                return;
            }
            String action = target.substring(TARGET_PREFIX.length());
            try {
                byte[] bytes = exchange.getRequestBody().readAllBytes();
                JsonNode body = body(bytes);
                String secretId = AwsJsonProtocol.text(body, "SecretId");
                authorise(exchange, bytes, action, secretId);
                ObjectNode response = switch (action) {
                    case "GetSecretValue" -> secrets.getSecretValue(secretId, AwsJsonProtocol.text(body, "VersionId"), AwsJsonProtocol.text(body, "VersionStage"));
                    case "DescribeSecret" -> secrets.describeSecret(secretId);
                    case "PutSecretValue" -> secrets.putSecretValue(secretId, AwsJsonProtocol.text(body, "ClientRequestToken"), AwsJsonProtocol.text(body, "SecretString"),
                            strings(body.get("VersionStages")));
                    case "UpdateSecretVersionStage" -> secrets.updateSecretVersionStage(secretId, AwsJsonProtocol.text(body, "VersionStage"),
                            AwsJsonProtocol.text(body, "MoveToVersionId"), AwsJsonProtocol.text(body, "RemoveFromVersionId"));
                    case "RotateSecret" -> secrets.rotateSecret(secretId, AwsJsonProtocol.text(body, "ClientRequestToken"), AwsJsonProtocol.text(body, "RotationLambdaARN"),
                            body.get("RotationRules"), !body.has("RotateImmediately") || body.get("RotateImmediately").asBoolean());
                    default -> throw new SecretsManagerException("UnknownOperationException", "The local Secrets Manager serves "
                            + "GetSecretValue, DescribeSecret, PutSecretValue, UpdateSecretVersionStage and RotateSecret, not " + action);
                };
                AwsJsonProtocol.send(exchange, 200, response);
            } catch (SecretsManagerException e) {
                AwsJsonProtocol.sendError(exchange, 400, e.code(), e.getMessage());
            }
        } catch (RuntimeException e) {
            log.accept("Secrets Manager API request failed: " + LogText.escape(e.toString()));
            AwsJsonProtocol.sendError(exchange, 500, "InternalServiceError", "The local Secrets Manager failed");
        }
    }

    private void authorise(HttpExchange exchange, byte[] body, String action, String secretId) {
        String resource;
        try {
            resource = secrets.arnOf(secretId);
        } catch (SecretsManagerException unknown) {
            resource = String.valueOf(secretId);
        }
        Decision decision = authoriser.authorise(new SignedRequest("secretsmanager", exchange.getRequestMethod(),
                exchange.getRequestURI().getRawPath(), exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders(), body),
                List.of(Access.of("secretsmanager:" + action, resource)));
        if (decision.refusal().isPresent()) {
            Decision.Refusal refusal = decision.refusal().get();
            throw new SecretsManagerException(refusal.jsonErrorCode(), refusal.message());
        }
    }

    private static JsonNode body(byte[] bytes) throws IOException {
        try {
            return AwsJsonProtocol.requestObject(bytes)
                    .orElseThrow(() -> SecretsManagerException.invalidRequest("The request body is a JSON object"));
        } catch (JsonProcessingException e) {
            throw new SecretsManagerException("SerializationException", "The request body is not JSON");
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        if (array != null) {
            array.forEach(item -> values.add(item.asText()));
        }
        return values;
    }
}
