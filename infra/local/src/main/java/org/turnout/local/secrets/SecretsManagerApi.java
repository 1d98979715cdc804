package org.turnout.local.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.turnout.local.CloudFormationTemplate;
import org.turnout.local.LocalAwsStack;
import org.turnout.local.LogText;
import org.turnout.local.RepositoryRoot;

/**
 * Secrets Manager's API as the SDK speaks it (AWS JSON 1.1: {@code POST /}, the operation in
 * {@code X-Amz-Target: secretsmanager.<Action>}, JSON in and out, errors as {@code {"__type": ..., "message": ...}}):
 * GetSecretValue, DescribeSecret, PutSecretValue, UpdateSecretVersionStage and RotateSecret, over a
 * {@link LocalSecretsManager}. Every call is first put to the {@link SecretsAuthoriser}, with the caller's access key
 * from the SigV4 {@code Authorization} header, the action and the secret's ARN; a refusal is Secrets Manager's
 * {@code AccessDeniedException}. The log names the action and the secret, never a value.
 */
public final class SecretsManagerApi implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TARGET_PREFIX = "secretsmanager.";
    private static final Pattern CREDENTIAL = Pattern.compile("Credential=([^/,\\s]+)/");

    private final LocalSecretsManager secrets;
    private final SecretsAuthoriser authoriser;
    private final Consumer<String> log;
    private HttpServer server;
    private ExecutorService requests;

    public SecretsManagerApi(LocalSecretsManager secrets, SecretsAuthoriser authoriser, Consumer<String> log) {
        this.secrets = secrets;
        this.authoriser = authoriser;
        this.log = log;
    }

    /**
     * The secrets of the repository's template.yaml, as {@code stack} names them, kept in memory and served on a free
     * port, allowing every call: what tests and benchmarks run the functions against.
     */
    public static SecretsManagerApi forTemplate(LocalAwsStack stack, Consumer<String> log) {
        LocalSecretsManager secrets = LocalSecretsManager.provision(CloudFormationTemplate.load(RepositoryRoot.locate().template()),
                stack.resources(), Optional.empty(), Clock.systemUTC(), log);
        return new SecretsManagerApi(secrets, SecretsAuthoriser.ALLOW_ALL, log).start(0);
    }

    public LocalSecretsManager secrets() {
        return secrets;
    }

    /** Listens on 127.0.0.1:{@code port} (0 for a free one). */
    public SecretsManagerApi start(int port) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("The Secrets Manager API cannot listen on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
        requests = Executors.newFixedThreadPool(8, runnable -> {
            Thread thread = new Thread(runnable, "secrets-manager-api");
            thread.setDaemon(true);
            return thread;
        });
        server.createContext("/", this::handle);
        server.setExecutor(requests);
        server.start();
        return this;
    }

    /** What the SDK takes as {@code AWS_ENDPOINT_URL_SECRETS_MANAGER}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
            requests.shutdownNow();
            server = null;
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            if (!"POST".equals(exchange.getRequestMethod()) || target == null || !target.startsWith(TARGET_PREFIX)) {
                sendError(exchange, 400, "UnknownOperationException", "The local Secrets Manager takes POST / with X-Amz-Target: secretsmanager.<Action>");
                return;
            }
            String action = target.substring(TARGET_PREFIX.length());
            try {
                JsonNode body = body(exchange);
                String secretId = text(body, "SecretId");
                authorise(exchange, action, secretId);
                ObjectNode response = switch (action) {
                    case "GetSecretValue" -> secrets.getSecretValue(secretId, text(body, "VersionId"), text(body, "VersionStage"));
                    case "DescribeSecret" -> secrets.describeSecret(secretId);
                    case "PutSecretValue" -> secrets.putSecretValue(secretId, text(body, "ClientRequestToken"), text(body, "SecretString"),
                            strings(body.get("VersionStages")));
                    case "UpdateSecretVersionStage" -> secrets.updateSecretVersionStage(secretId, text(body, "VersionStage"),
                            text(body, "MoveToVersionId"), text(body, "RemoveFromVersionId"));
                    case "RotateSecret" -> secrets.rotateSecret(secretId, text(body, "ClientRequestToken"), text(body, "RotationLambdaARN"),
                            body.get("RotationRules"), !body.has("RotateImmediately") || body.get("RotateImmediately").asBoolean());
                    default -> throw new SecretsManagerException("UnknownOperationException", "The local Secrets Manager serves "
                            + "GetSecretValue, DescribeSecret, PutSecretValue, UpdateSecretVersionStage and RotateSecret, not " + action);
                };
                send(exchange, 200, response);
            } catch (SecretsManagerException e) {
                sendError(exchange, 400, e.code(), e.getMessage());
            }
        } catch (RuntimeException e) {
            log.accept("Secrets Manager API request failed: " + LogText.escape(e.toString()));
            sendError(exchange, 500, "InternalServiceError", "The local Secrets Manager failed");
        }
    }

    private void authorise(HttpExchange exchange, String action, String secretId) {
        String resource;
        try {
            resource = secrets.arnOf(secretId);
        } catch (SecretsManagerException unknown) {
            resource = String.valueOf(secretId);
        }
        String accessKeyId = accessKeyId(exchange.getRequestHeaders().getFirst("Authorization"));
        if (!authoriser.allows(new SecretsAuthoriser.Request(accessKeyId, "secretsmanager:" + action, resource,
                exchange.getRequestHeaders()))) {
            log.accept("refused secretsmanager:" + action + " on " + LogText.escape(resource) + " to access key " + LogText.escape(accessKeyId));
            throw new SecretsManagerException("AccessDeniedException", "User: " + accessKeyId + " is not authorized to perform: secretsmanager:"
                    + action + " on resource: " + resource + " because no identity-based policy allows the secretsmanager:" + action + " action");
        }
    }

    static String accessKeyId(String authorization) {
        if (authorization == null) {
            return "";
        }
        Matcher credential = CREDENTIAL.matcher(authorization);
        return credential.find() ? credential.group(1) : "";
    }

    private static JsonNode body(HttpExchange exchange) throws IOException {
        byte[] bytes = exchange.getRequestBody().readAllBytes();
        try {
            JsonNode json = bytes.length == 0 ? JSON.createObjectNode() : JSON.readTree(bytes);
            if (json == null || !json.isObject()) {
                throw SecretsManagerException.invalidRequest("The request body is a JSON object");
            }
            return json;
        } catch (JsonProcessingException e) {
            throw new SecretsManagerException("SerializationException", "The request body is not JSON");
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        if (array != null) {
            array.forEach(item -> values.add(item.asText()));
        }
        return values;
    }

    private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
        exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static void sendError(HttpExchange exchange, int status, String code, String message) throws IOException {
        exchange.getResponseHeaders().set("X-Amzn-ErrorType", code);
        send(exchange, status, JSON.createObjectNode().put("__type", code).put("message", message));
    }
}
