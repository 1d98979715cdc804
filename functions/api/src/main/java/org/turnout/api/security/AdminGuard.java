package org.turnout.api.security;

import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The one guard of the admin routes ({@code /v1/admin/...}): a valid token of this API's audience
 * (else 401), whose groups give its bearer one of the roles the route lists (else 403). A route lists
 * them as the scopes of its {@code @SecurityRequirement} on {@value AdminRoles#SCHEME}, so that the
 * OpenAPI document shows what is enforced; a route that lists none is refused to everyone.
 */
public record AdminGuard(CurrentIdentityAssociation identities, AuthSettings settings) {
    static final String ADMIN_PATHS = "/v1/admin";

    @ServerRequestFilter
    public Uni<Response> guard(ContainerRequestContext request, ResourceInfo resource) {
        if (!isAdminRoute(resource.getResourceClass())) {
            return Uni.createFrom().nullItem();
        }
        List<String> allowed = allowedRoles(resource.getResourceClass(), resource.getResourceMethod());
        String org = request.getUriInfo().getPathParameters().getFirst("org");
        return identities.getDeferredIdentity().map(identity -> {
            check(identity, org, allowed);
            return null;
        });
    }

    private void check(SecurityIdentity identity, String org, List<String> allowed) {
        JsonWebToken token = !identity.isAnonymous() && identity.getPrincipal() instanceof JsonWebToken jwt ? jwt : null;
        switch (AccessRule.judge(token, settings.audience(), org, allowed)) {
            case UNKNOWN -> throw new UnauthorizedException();
            case FORBIDDEN -> throw new ForbiddenException();
            case ALLOWED -> {
            }
        }
    }

    static boolean isAdminRoute(Class<?> resourceClass) {
        Path path = resourceClass.getAnnotation(Path.class);
        return path != null && (path.value().startsWith(ADMIN_PATHS) || path.value().startsWith(ADMIN_PATHS.substring(1)));
    }

    /** The roles a route lists, its method's declaration before its class's, as the OpenAPI scanner reads them. */
    public static List<String> allowedRoles(Class<?> resourceClass, Method method) {
        List<String> onMethod = scopes(method);
        return onMethod.isEmpty() ? scopes(resourceClass) : onMethod;
    }

    private static List<String> scopes(AnnotatedElement element) {
        // repeated requirements come back from their container too
        return Stream.of(element.getAnnotationsByType(SecurityRequirement.class))
                .filter(requirement -> AdminRoles.SCHEME.equals(requirement.name()))
                .flatMap(requirement -> List.of(requirement.scopes()).stream()).distinct().toList();
    }
}
