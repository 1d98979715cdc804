package org.turnout.api.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.turnout.api.problem.Problem;

/**
 * Refuses bodies over 16 KiB with a 413 problem before anything parses them. A body sent without
 * a length is cut by the HTTP layer at the same size ({@code quarkus.http.limits.max-body-size}).
 */
public class BodySizeLimit {
    public static final int MAX_BYTES = 16 * 1024;

    @ServerRequestFilter(preMatching = true)
    public Response limit(ContainerRequestContext request) {
        if (request.getLength() > MAX_BYTES) {
            return Problem.response(Response.Status.REQUEST_ENTITY_TOO_LARGE, "The body must be at most " + MAX_BYTES + " bytes.");
        }
        return null;
    }
}
