package org.turnout.local.iam;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.turnout.local.LocalAwsStack;

/**
 * SES v2's REST API ({@code POST /v2/email/outbound-emails} is {@code ses:SendEmail} on the sender's identity and the
 * configuration set; {@code GET /v2/email/account} is {@code ses:GetAccount}...), and SES v1's query API (the AWS
 * CLI's {@code aws ses}, {@code Action=...}), whose actions are checked on {@code *}. A refusal is a 403 with
 * {@code X-Amzn-ErrorType: AccessDeniedException} (v2) or an {@code ErrorResponse} (v1).
 */
final class SesCalls implements ServiceCalls {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ARN = "arn:aws:ses:" + LocalAwsStack.REGION + ":" + LocalAwsStack.ACCOUNT_ID + ":";
    private static final Pattern ADDRESS = Pattern.compile("<([^<>]+)>\\s*$");

    /** method, path pattern (segments after /v2/email/), action, the ARN prefix of the resource in group 1 (or none). */
    private record Route(String method, Pattern path, String action, String resource) {
        Route(String method, String path, String action, String resource) {
            this(method, Pattern.compile(path), action, resource);
        }
    }

    private static final List<Route> ROUTES = List.of(
            new Route("GET", "account", "GetAccount", null),
            new Route("GET", "identities", "ListEmailIdentities", null),
            new Route("POST", "identities", "CreateEmailIdentity", "identity/"),
            new Route("GET", "identities/([^/]+)", "GetEmailIdentity", "identity/"),
            new Route("DELETE", "identities/([^/]+)", "DeleteEmailIdentity", "identity/"),
            new Route("PUT", "identities/([^/]+)/.*", "PutEmailIdentity*", "identity/"),
            new Route("GET", "configuration-sets", "ListConfigurationSets", null),
            new Route("POST", "configuration-sets", "CreateConfigurationSet", "configuration-set/"),
            new Route("GET", "configuration-sets/([^/]+)", "GetConfigurationSet", "configuration-set/"),
            new Route("DELETE", "configuration-sets/([^/]+)", "DeleteConfigurationSet", "configuration-set/"),
            new Route("GET", "configuration-sets/([^/]+)/event-destinations", "GetConfigurationSetEventDestinations", "configuration-set/"),
            new Route("POST", "configuration-sets/([^/]+)/event-destinations", "CreateConfigurationSetEventDestination", "configuration-set/"),
            new Route("PUT", "configuration-sets/([^/]+)/.*", "PutConfigurationSet*", "configuration-set/"),
            new Route("GET", "suppression/addresses", "ListSuppressedDestinations", null),
            new Route("PUT", "suppression/addresses", "PutSuppressedDestination", null),
            new Route("GET", "suppression/addresses/([^/]+)", "GetSuppressedDestination", null),
            new Route("DELETE", "suppression/addresses/([^/]+)", "DeleteSuppressedDestination", null));

    @Override
    public String signingName() {
        return "ses";
    }

    /** SES v2's REST paths and v1's query API; the emulator's mailbox ({@code /}, {@code /store}...) is no AWS API. */
    @Override
    public boolean isAwsApi(String method, String rawPath) {
        String path = rawPath == null ? "/" : rawPath;
        return path.startsWith("/v2/") || (method.equals("POST") && path.equals("/"));
    }

    @Override
    public List<Access> accesses(SignedRequest request) {
        String path = request.rawPath() == null ? "/" : request.rawPath();
        if (!path.startsWith("/v2/email/")) {
            return List.of(Access.of("ses:" + v1Action(request), "*"));
        }
        String rest = path.substring("/v2/email/".length());
        if (request.method().equals("POST") && (rest.equals("outbound-emails") || rest.equals("outbound-bulk-emails"))) {
            return send(request, rest.equals("outbound-emails") ? "ses:SendEmail" : "ses:SendBulkEmail");
        }
        for (Route route : ROUTES) {
            Matcher matcher = route.path().matcher(rest);
            if (route.method().equals(request.method()) && matcher.matches()) {
                String action = "ses:" + route.action().replace("*", "");
                if (route.resource() == null) {
                    return List.of(Access.of(action, "*"));
                }
                String name = matcher.groupCount() > 0 ? SigV4.percentDecode(matcher.group(1)) : bodyName(request);
                return List.of(Access.of(action, name == null ? "*" : ARN + route.resource() + name));
            }
        }
        return List.of(Access.of("ses:" + request.method() + ":" + rest.replaceAll("/.*", ""), "*"));
    }

    /** SendEmail: the sending identity (the From address, or the identity ARN given) and the configuration set. */
    private static List<Access> send(SignedRequest request, String action) {
        JsonNode body = json(request);
        List<Access> accesses = new ArrayList<>();
        String identityArn = body.path("FromEmailAddressIdentityArn").asText(null);
        String from = body.path("FromEmailAddress").asText(null);
        if (identityArn != null) {
            accesses.add(Access.of(action, identityArn));
        } else if (from != null) {
            Matcher address = ADDRESS.matcher(from);
            accesses.add(Access.of(action, ARN + "identity/" + (address.find() ? address.group(1) : from).strip()));
        }
        if (body.hasNonNull("ConfigurationSetName")) {
            accesses.add(Access.of(action, ARN + "configuration-set/" + body.path("ConfigurationSetName").asText()));
        }
        return accesses.isEmpty() ? List.of(Access.of(action, "*")) : accesses;
    }

    private static String bodyName(SignedRequest request) {
        JsonNode body = json(request);
        return body.hasNonNull("EmailIdentity") ? body.path("EmailIdentity").asText()
                : body.path("ConfigurationSetName").asText(null);
    }

    private static JsonNode json(SignedRequest request) {
        try {
            return request.body() == null || request.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(request.body());
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static String v1Action(SignedRequest request) {
        Map<String, String> form = new java.util.HashMap<>(SigV4.decodedQuery(request.rawQuery()));
        if (request.body() != null) {
            form.putAll(SigV4.decodedQuery(new String(request.body(), StandardCharsets.UTF_8).replace('+', ' ')));
        }
        return form.getOrDefault("Action", "Unknown");
    }

    @Override
    public Answer refusal(SignedRequest request, Decision.Refusal refusal) {
        String requestId = ServiceCalls.requestId();
        String path = request.rawPath() == null ? "/" : request.rawPath();
        String code = switch (refusal.reason()) {
            case ACCESS_DENIED -> path.startsWith("/v2/") ? "AccessDeniedException" : "AccessDenied";
            case UNKNOWN_ACCESS_KEY -> path.startsWith("/v2/") ? "UnrecognizedClientException" : "InvalidClientTokenId";
            case SIGNATURE_MISMATCH, EXPIRED -> path.startsWith("/v2/") ? "InvalidSignatureException" : "SignatureDoesNotMatch";
            case MISSING_AUTHENTICATION -> path.startsWith("/v2/") ? "MissingAuthenticationTokenException" : "MissingAuthenticationToken";
        };
        if (path.startsWith("/v2/")) {
            return Answer.json(403, Map.of("Content-Type", "application/json", "x-amzn-RequestId", requestId,
                    "X-Amzn-ErrorType", code), "{\"message\":\"" + ServiceCalls.jsonText(refusal.message()) + "\"}");
        }
        return new Answer(403, Map.of("Content-Type", "text/xml", "x-amzn-RequestId", requestId), ("<ErrorResponse><Error>"
                + "<Type>Sender</Type><Code>" + code + "</Code><Message>" + ServiceCalls.xmlText(refusal.message())
                + "</Message></Error><RequestId>" + requestId + "</RequestId></ErrorResponse>").getBytes(StandardCharsets.UTF_8));
    }
}
