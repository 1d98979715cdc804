package org.turnout.api.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.turnout.api.problem.Problem;
import org.turnout.organisation.OrganisationService;

/**
 * An organisation id in a path is checked before anything uses it, so that no visitor string
 * ever reaches a table key: what cannot be an organisation id is no organisation (404).
 */
public class OrganisationPathCheck {

    @ServerRequestFilter
    public Response check(ContainerRequestContext request) {
        String org = request.getUriInfo().getPathParameters().getFirst("org");
        if (org != null && !OrganisationService.ID.matcher(org).matches()) {
            return Problem.response(Response.Status.NOT_FOUND, "no such organisation");
        }
        return null;
    }
}
