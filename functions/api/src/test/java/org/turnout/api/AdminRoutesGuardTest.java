package org.turnout.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.turnout.api.ApiTestSupport.createOrganisation;
import static org.turnout.api.ApiTestSupport.uniqueOrg;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.turnout.api.security.AdminGuard;
import org.turnout.api.security.AdminRoles;
import org.turnout.local.LocalIdentityProvider.Role;
import org.turnout.local.RepositoryRoot;
import org.turnout.testing.LocalStackResource;
import org.yaml.snakeyaml.Yaml;

/**
 * Every admin route of docs/openapi.yaml is a route of the API and the other way round, each lists the roles it
 * takes, and the guard gives each role of the organisation, another organisation's roles, the operator and a
 * request without a token the answer those roles say.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackResource.class, restrictToAnnotatedClass = false)
class AdminRoutesGuardTest {
    private static final String ADMIN = "/v1/admin";
    private static final Set<String> ROLES = Set.of(AdminRoles.OPERATOR, AdminRoles.OWNER, AdminRoles.STAFF, AdminRoles.VOLUNTEER);

    private static String org;
    private static String otherOrg;

    /** "GET /v1/admin/orgs/{org}" -> the roles it takes. */
    private record Route(String method, String path) implements Comparable<Route> {
        @Override
        public int compareTo(Route other) {
            return toString().compareTo(other.toString());
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** Once, in the first test: the API's URL is known to RestAssured from the first test on, not in a static set-up. */
    @BeforeEach
    void organisations() {
        if (org == null) {
            org = uniqueOrg("guarded");
            otherOrg = uniqueOrg("other");
            createOrganisation(org, "fr", List.of());
            createOrganisation(otherOrg, "fr", List.of());
        }
    }

    @Test
    void theDocumentAndTheApiHaveTheSameAdminRoutesWithTheSameRoles() throws IOException {
        Map<Route, List<String>> documented = documentedRoutes();
        Map<Route, List<String>> served = servedRoutes();

        assertThat(documented).as("admin routes of docs/openapi.yaml").isNotEmpty();
        assertThat(served.keySet()).as("JAX-RS admin routes").containsExactlyInAnyOrderElementsOf(documented.keySet());
        served.forEach((route, roles) -> {
            assertThat(roles).as(route + " lists the roles it takes").isNotEmpty();
            assertThat(ROLES).as(route + " lists known roles").containsAll(roles);
            assertThat(documented.get(route)).as(route + " in docs/openapi.yaml").containsExactlyInAnyOrderElementsOf(roles);
        });
        // what the issue asks of the owner and the volunteers, read from the routes themselves
        assertThat(served.entrySet().stream().filter(entry -> entry.getValue().contains(AdminRoles.OWNER)
                        && !entry.getValue().contains(AdminRoles.STAFF)).map(entry -> entry.getKey().toString()))
                .containsExactlyInAnyOrder(
                "POST /v1/admin/orgs/{org}/privacy/erasures", "POST /v1/admin/orgs/{org}/privacy/exports",
                "POST /v1/admin/orgs/{org}/suppressions:remove", "PUT /v1/admin/orgs/{org}",
                // issue 12: the electoral roll's election date and retention, deleting it now, and uploading it
                "PUT /v1/admin/orgs/{org}/electoral-roll/retention", "DELETE /v1/admin/orgs/{org}/electoral-roll",
                "POST /v1/admin/orgs/{org}/electoral-roll/uploads",
                // issue 15: the organisation's members, whom owners invite and remove
                "GET /v1/admin/orgs/{org}/members", "POST /v1/admin/orgs/{org}/members",
                "DELETE /v1/admin/orgs/{org}/members/{member}");
        assertThat(served.entrySet().stream().filter(entry -> entry.getValue().contains(AdminRoles.VOLUNTEER))
                .map(entry -> entry.getKey().toString()))
                .containsExactlyInAnyOrder("GET /v1/admin/orgs/{org}/walklists", "POST /v1/admin/orgs/{org}/canvass");
    }

    @Test
    void everyAdminRouteAnswersEachRoleAsItsRolesSay() {
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put(AdminRoles.OWNER, LocalStackResource.ownerToken(org));
        tokens.put(AdminRoles.STAFF, LocalStackResource.staffToken(org));
        tokens.put(AdminRoles.VOLUNTEER, LocalStackResource.volunteerToken(org));
        tokens.put(AdminRoles.OPERATOR, LocalStackResource.operatorToken());
        List<String> failures = new ArrayList<>();
        assertThat(servedRoutes()).as("the admin routes the resources serve").hasSizeGreaterThanOrEqualTo(30);

        servedRoutes().forEach((route, roles) -> {
            String path = route.path().replace("{org}", org).replace("{id}", "none").replace("{email}", "nobody@example.org")
                    .replace("{member}", "none");
            expect(failures, route, "no token", call(route.method(), path, null), 401);
            tokens.forEach((role, token) -> {
                Response response = call(route.method(), path, token);
                if (roles.contains(role)) {
                    // past the guard: the route's own answer, whatever it makes of an empty request
                    if (response.statusCode() == 401 || response.statusCode() == 403) {
                        failures.add(route + " as " + role + ": " + response.statusCode() + ", expected the route's own answer");
                    }
                } else {
                    expect(failures, route, role, response, 403);
                }
            });
            // the strongest role of another organisation, and a volunteer of it
            if (route.path().contains("{org}")) {
                expect(failures, route, "owner of another organisation", call(route.method(), path, LocalStackResource.ownerToken(otherOrg)), 403);
                expect(failures, route, "volunteer of another organisation",
                        call(route.method(), path, LocalStackResource.volunteerToken(otherOrg)), 403);
            }
        });
        assertThat(failures).isEmpty();
    }

    @Test
    void cognitoAccessTokensCarryTheirRolesToo() {
        given().auth().oauth2(LocalStackResource.accessToken(Role.OWNER, org)).get("/v1/admin/orgs/{org}", org)
                .then().statusCode(200);
        given().auth().oauth2(LocalStackResource.accessToken(Role.VOLUNTEER, org)).get("/v1/admin/orgs/{org}", org)
                .then().statusCode(403);
        given().auth().oauth2(LocalStackResource.accessToken(Role.STAFF, otherOrg))
                .get("/v1/admin/orgs/{org}/contacts/{email}", org, "nobody@example.org").then().statusCode(403);
    }

    private static void expect(List<String> failures, Route route, String who, Response response, int status) {
        if (response.statusCode() != status) {
            failures.add(route + " as " + who + ": " + response.statusCode() + ", expected " + status);
        } else if (!response.contentType().startsWith("application/problem+json")) {
            failures.add(route + " as " + who + ": " + response.contentType() + ", expected a problem");
        }
    }

    private static Response call(String method, String path, String token) {
        // the path as written: RestAssured would encode the colon of "segments:preview"
        RequestSpecification request = given().urlEncodingEnabled(false);
        if (token != null) {
            request.auth().oauth2(token);
        }
        if (method.equals("POST") || method.equals("PUT")) {
            request.contentType("application/json").body("{}");
        }
        return request.request(method, path).andReturn();
    }

    /** The admin operations of docs/openapi.yaml with the scopes of their bearer requirement. */
    @SuppressWarnings("unchecked")
    private static Map<Route, List<String>> documentedRoutes() throws IOException {
        Map<String, Object> document = new Yaml().load(Files.readString(RepositoryRoot.locate().path().resolve("docs/openapi.yaml")));
        Map<Route, List<String>> routes = new TreeMap<>();
        ((Map<String, Map<String, Object>>) document.get("paths")).forEach((path, operations) -> {
            if (!path.startsWith(ADMIN)) {
                return;
            }
            operations.forEach((method, operation) -> {
                List<Map<String, List<String>>> security = (List<Map<String, List<String>>>) ((Map<String, Object>) operation)
                        .getOrDefault("security", List.of());
                routes.put(new Route(method.toUpperCase(Locale.ROOT), path), security.stream()
                        .flatMap(requirement -> requirement.getOrDefault(AdminRoles.SCHEME, List.of()).stream()).toList());
            });
        });
        return routes;
    }

    /** The JAX-RS resource methods under /v1/admin, from the API's compiled classes, with the roles the guard reads. */
    private static Map<Route, List<String>> servedRoutes() {
        java.nio.file.Path classes = RepositoryRoot.locate().path().resolve("functions/api/target/classes");
        Map<Route, List<String>> routes = new TreeMap<>();
        try (Stream<java.nio.file.Path> files = Files.walk(classes)) {
            for (java.nio.file.Path file : files.filter(file -> file.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, AdminRoutesGuardTest.class.getClassLoader());
                Path classPath = type.getAnnotation(Path.class);
                if (classPath == null || !classPath.value().startsWith(ADMIN)) {
                    continue;
                }
                for (Method method : type.getMethods()) {
                    String httpMethod = httpMethod(method);
                    if (httpMethod == null) {
                        continue;
                    }
                    Path methodPath = method.getAnnotation(Path.class);
                    String path = (classPath.value() + (methodPath == null ? "" : "/" + methodPath.value()))
                            .replaceAll("/+", "/").replaceAll("(.)/$", "$1");
                    routes.put(new Route(httpMethod, path), AdminGuard.allowedRoles(type, method));
                }
            }
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("Cannot list the API's resources in " + classes, e);
        }
        return routes;
    }

    private static String httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }
}
