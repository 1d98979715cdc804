package org.turnout.local.cognito;

import static org.turnout.local.AwsJsonProtocol.text;

import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

import org.turnout.local.AwsJsonProtocol;
import org.turnout.local.LocalAwsStack;
import org.turnout.local.LogText;
import org.turnout.local.iam.Access;
import org.turnout.local.iam.Decision;
import org.turnout.local.iam.RequestAuthoriser;
import org.turnout.local.iam.SignedRequest;

/**
 * The part of Cognito's user pool API that Turnout calls, as the SDK speaks it (AWS JSON 1.1: {@code POST /}, the
 * operation in {@code X-Amz-Target: AWSCognitoIdentityProviderService.<Action>}): AdminCreateUser (the invitation
 * e-mailed through {@link Invitations}), AdminGetUser, AdminDeleteUser, AdminSetUserPassword, AdminAddUserToGroup,
 * AdminRemoveUserFromGroup, AdminListGroupsForUser, CreateGroup and ListUsersInGroup, over a {@link LocalUserPool}.
 * Every call is first put to the local stack's IAM, on the pool's ARN, and refused as Cognito refuses it. The log
 * names the action, never an address or a password.
 */
public final class CognitoApi {
    static final String TARGET_PREFIX = "AWSCognitoIdentityProviderService.";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LocalUserPool pool;
    private final RequestAuthoriser authoriser;
    private final InvitationMessage invitation;
    private final Invitations invitations;
    private final Consumer<String> log;

    public CognitoApi(LocalUserPool pool, RequestAuthoriser authoriser, InvitationMessage invitation, Invitations invitations,
                      Consumer<String> log) {
        this.pool = pool;
        this.authoriser = authoriser;
        this.invitation = invitation;
        this.invitations = invitations;
        this.log = log;
    }

    /** The pool's ARN, the resource of every action here. */
    public String poolArn() {
        return "arn:aws:cognito-idp:" + LocalAwsStack.REGION + ":" + LocalAwsStack.ACCOUNT_ID + ":userpool/" + pool.id();
    }

    /** Whether the request is one for this API rather than for the managed login or the issuer's documents. */
    public static boolean isApiCall(HttpExchange exchange) {
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        return target != null && target.startsWith(TARGET_PREFIX);
    }

    public void handle(HttpExchange exchange) throws IOException {
        try {
            String action = exchange.getRequestHeaders().getFirst("X-Amz-Target").substring(TARGET_PREFIX.length());
            if (!"POST".equals(exchange.getRequestMethod())) {
                AwsJsonProtocol.sendError(exchange, 400, "UnknownOperationException", "POST / with X-Amz-Target");
                return;
            }
            try {
                byte[] bytes = exchange.getRequestBody().readAllBytes();
                JsonNode body = body(bytes);
                authorise(exchange, bytes, action);
                if (!pool.id().equals(text(body, "UserPoolId"))) {
                    throw new CognitoException("ResourceNotFoundException", "User pool " + text(body, "UserPoolId") + " does not exist.");
                }
                AwsJsonProtocol.send(exchange, 200, call(action, body));
                log.accept(action + " on " + pool.id());
            } catch (CognitoException e) {
                log.accept(action + " refused: " + e.code());
                AwsJsonProtocol.sendError(exchange, 400, e.code(), e.getMessage());
            }
        } catch (RuntimeException e) {
            log.accept("Cognito API request failed: " + LogText.escape(e.toString()));
            AwsJsonProtocol.sendError(exchange, 500, "InternalErrorException", "The local Cognito failed");
        }
    }

    private ObjectNode call(String action, JsonNode body) {
        ObjectNode response = JSON.createObjectNode();
        switch (action) {
            case "AdminCreateUser" -> response.set("User", userType(createUser(body)));
            case "AdminGetUser" -> {
                LocalUserPool.User user = pool.user(text(body, "Username"));
                response.put("Username", user.username());
                response.set("UserAttributes", attributes(user));
                describe(response, user);
            }
            case "AdminDeleteUser" -> pool.delete(text(body, "Username"));
            case "AdminSetUserPassword" -> pool.setPassword(pool.user(text(body, "Username")), text(body, "Password"),
                    body.path("Permanent").asBoolean(false));
            case "AdminAddUserToGroup" -> pool.addToGroup(text(body, "Username"), text(body, "GroupName"));
            case "AdminRemoveUserFromGroup" -> pool.removeFromGroup(text(body, "Username"), text(body, "GroupName"));
            case "AdminListGroupsForUser" -> {
                ArrayNode groups = response.putArray("Groups");
                pool.user(text(body, "Username")).groups().forEach(group -> groups.add(group(group)));
            }
            case "CreateGroup" -> {
                String group = text(body, "GroupName");
                if (group == null || group.isBlank() || group.length() > 128) {
                    throw CognitoException.invalidParameter("GroupName must be 1 to 128 characters.");
                }
                pool.createGroup(group);
                response.set("Group", group(group));
            }
            case "ListUsersInGroup" -> {
                ArrayNode users = response.putArray("Users");
                pool.usersInGroup(text(body, "GroupName")).forEach(user -> users.add(userType(user)));
            }
            default -> throw new CognitoException("UnknownOperationException", "The local Cognito serves AdminCreateUser, "
                    + "AdminGetUser, AdminDeleteUser, AdminSetUserPassword, AdminAddUserToGroup, AdminRemoveUserFromGroup, "
                    + "AdminListGroupsForUser, CreateGroup and ListUsersInGroup, not " + action);
        }
        return response;
    }

    /** As a pool with sign-in by e-mail: the username is the address; the invitation goes unless suppressed. */
    private LocalUserPool.User createUser(JsonNode body) {
        String email = text(body, "Username");
        if (email == null || !email.contains("@")) {
            throw CognitoException.invalidParameter("Username should be an email.");
        }
        String temporary = text(body, "TemporaryPassword");
        String password = temporary != null ? temporary : pool.temporaryPassword();
        LocalUserPool.User user = pool.create(email, password, false);
        if (!"SUPPRESS".equals(text(body, "MessageAction"))) {
            invitations.send(user.email(), invitation.subject(), invitation.body(user.email(), password));
        }
        return user;
    }

    private void authorise(HttpExchange exchange, byte[] body, String action) {
        Decision decision = authoriser.authorise(new SignedRequest("cognito-idp", exchange.getRequestMethod(),
                exchange.getRequestURI().getRawPath(), exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders(), body),
                List.of(Access.of("cognito-idp:" + action, poolArn())));
        if (decision.refusal().isPresent()) {
            Decision.Refusal refusal = decision.refusal().get();
            throw new CognitoException(refusal.jsonErrorCode(), refusal.message());
        }
    }

    private ObjectNode userType(LocalUserPool.User user) {
        ObjectNode node = JSON.createObjectNode().put("Username", user.username());
        node.set("Attributes", attributes(user));
        describe(node, user);
        return node;
    }

    private static void describe(ObjectNode node, LocalUserPool.User user) {
        double created = user.created().toEpochMilli() / 1000.0;
        node.put("UserCreateDate", created).put("UserLastModifiedDate", created).put("Enabled", true)
                .put("UserStatus", user.status());
    }

    private static ArrayNode attributes(LocalUserPool.User user) {
        ArrayNode attributes = JSON.createArrayNode();
        attributes.addObject().put("Name", "sub").put("Value", user.username());
        attributes.addObject().put("Name", "email").put("Value", user.email());
        attributes.addObject().put("Name", "email_verified").put("Value", "true");
        return attributes;
    }

    private ObjectNode group(String name) {
        return JSON.createObjectNode().put("GroupName", name).put("UserPoolId", pool.id());
    }

    private static JsonNode body(byte[] bytes) {
        try {
            return AwsJsonProtocol.requestObject(bytes)
                    .orElseThrow(() -> CognitoException.invalidParameter("The request body is a JSON object"));
        } catch (JsonProcessingException e) {
            throw new CognitoException("SerializationException", "The request body is not JSON");
        }
    }
}
