package org.turnout.local.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.turnout.local.CloudFormationTemplate;
import org.turnout.local.CloudFormationTemplate.Resource;

/** The routes of template.yaml's HTTP API: the {@code Events} of {@code Type: HttpApi} of its functions. */
public final class HttpApiRoutes {

    /** A request's route and the path parameters it took from the request's path. */
    public record Match(HttpApiRoute route, Map<String, String> pathParameters) {
    }

    private final List<HttpApiRoute> routes;

    public HttpApiRoutes(List<HttpApiRoute> routes) {
        this.routes = routes.stream().sorted(HttpApiRoute.MOST_SPECIFIC_FIRST).toList();
    }

    /**
     * The routes of the template's functions. An HTTP API with a {@code CorsConfiguration} is refused: in AWS it
     * answers every preflight itself, before any route and authorizer, which this gateway does not play; the
     * functions answer CORS (per organisation) instead.
     */
    public static HttpApiRoutes fromTemplate(CloudFormationTemplate template) {
        for (Resource api : template.resourcesOfType("AWS::Serverless::HttpApi")) {
            if (api.properties().containsKey("CorsConfiguration")) {
                throw new IllegalArgumentException(api.logicalId() + " has a CorsConfiguration, which the local gateway "
                        + "does not play: in AWS the API would answer preflights itself, before the functions");
            }
        }
        List<HttpApiRoute> routes = new ArrayList<>();
        for (CloudFormationTemplate.FunctionEvent event : template.functionEvents("HttpApi")) {
            routes.add(route(template, event.functionId(), event.name(), event.properties()));
        }
        return new HttpApiRoutes(routes);
    }

    private static HttpApiRoute route(CloudFormationTemplate template, String functionId, String eventName, Object properties) {
        String where = functionId + ".Events." + eventName;
        if (properties == null) {
            throw new IllegalArgumentException(where + " has no Path: the local gateway has no $default route");
        }
        Map<String, Object> event = CloudFormationTemplate.mapOf(properties, where + ".Properties");
        Object path = event.get("Path");
        Object method = event.get("Method");
        if (!(path instanceof String) || !(method instanceof String)) {
            throw new IllegalArgumentException(where + " needs a literal Path and Method");
        }
        return new HttpApiRoute((String) method, (String) path, functionId, authorizer(template, event));
    }

    /** The route's own authorizer ({@code NONE} for none), else the API's {@code DefaultAuthorizer}. */
    private static Optional<String> authorizer(CloudFormationTemplate template, Map<String, Object> event) {
        Object auth = event.get("Auth");
        Object named = auth == null ? null : CloudFormationTemplate.mapOf(auth, "Auth").get("Authorizer");
        if (named == null) {
            named = apiAuth(template, event).get("DefaultAuthorizer");
        }
        return named == null || "NONE".equals(named) ? Optional.empty() : Optional.of(String.valueOf(named));
    }

    private static Map<String, Object> apiAuth(CloudFormationTemplate template, Map<String, Object> event) {
        if (!(event.get("ApiId") instanceof Map<?, ?> ref) || !(ref.get("Ref") instanceof String apiId)) {
            return Map.of();
        }
        Object auth = template.resource(apiId).map(api -> api.properties().get("Auth")).orElse(null);
        return auth == null ? Map.of() : CloudFormationTemplate.mapOf(auth, apiId + ".Auth");
    }

    public List<HttpApiRoute> all() {
        return routes;
    }

    /** The most specific route that takes this request, as API Gateway chooses it. */
    public Optional<Match> find(String method, String rawPath) {
        for (HttpApiRoute route : routes) {
            Optional<Map<String, String>> parameters = route.match(method, rawPath);
            if (parameters.isPresent()) {
                return Optional.of(new Match(route, parameters.get()));
            }
        }
        return Optional.empty();
    }
}
