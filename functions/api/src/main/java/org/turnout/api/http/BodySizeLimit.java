package org.turnout.api.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.turnout.api.problem.Problem;

/**
 * Refuses large bodies with a 413 problem before anything parses them: 16 KiB on public routes
 * (a sign-up is small), 384 KiB on admin routes (a mailing's HTML). A body sent without a length
 * is cut by the HTTP layer at the larger size ({@code quarkus.http.limits.max-body-size}).
 */
public class BodySizeLimit {
    public static final int MAX_BYTES = 16 * 1024;
    public static final int MAX_ADMIN_BYTES = 384 * 1024;

    @ServerRequestFilter(preMatching = true)
    public Response limit(ContainerRequestContext request) {
        int max = request.getUriInfo().getPath().startsWith("/v1/admin/") ? MAX_ADMIN_BYTES : MAX_BYTES;
        if (request.getLength() > max) {
            return Problem.response(Response.Status.REQUEST_ENTITY_TOO_LARGE, "The body must be at most " + max + " bytes.");
        }
        return null;
    }
}
