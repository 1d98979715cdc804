package org.turnout.api.signup;

import jakarta.inject.Singleton;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.turnout.organisation.OrganisationService;

/**
 * CORS for the sign-up door, per organisation: a page of one of its {@code signupOrigins} may post
 * to it from a script; any other origin gets no CORS header at all, so the browser keeps the answer
 * from the page. The function answers preflights itself: the HTTP API has no CORS configuration,
 * which would answer them before the function, for every organisation alike.
 */
@Singleton
public record SignupCors(SignupDoors doors) {
    static final String ALLOWED_METHODS = "POST";
    /** Content-Type for JSON bodies; Accept and Accept-Language are safelisted but may carry unusual values. */
    static final String ALLOWED_HEADERS = "Content-Type, Accept, Accept-Language";
    /** Seconds a browser may reuse a preflight's answer (Chromium caps it at 7200). */
    static final String MAX_AGE = "7200";
    private static final Pattern SIGNUP_PATH = Pattern.compile("/v1/orgs/[^/]+/signups/?");

    /** The answer to a preflight: 204, with the CORS headers only for a listed origin. */
    Response preflight(String org, String origin) {
        Response.ResponseBuilder answer = Response.noContent()
                .header("Vary", "Origin, Access-Control-Request-Method, Access-Control-Request-Headers");
        if (allowed(org, origin)) {
            answer.header("Access-Control-Allow-Origin", origin)
                    .header("Access-Control-Allow-Methods", ALLOWED_METHODS)
                    .header("Access-Control-Allow-Headers", ALLOWED_HEADERS)
                    .header("Access-Control-Max-Age", MAX_AGE);
        }
        return answer.build();
    }

    /** Every other answer of the sign-up route, errors included, so that the page's script can read them. */
    @ServerResponseFilter
    public void answer(ContainerRequestContext request, ContainerResponseContext response) {
        String org = request.getUriInfo().getPathParameters().getFirst("org");
        if (HttpMethod.OPTIONS.equals(request.getMethod()) || org == null || !OrganisationService.ID.matcher(org).matches()
                || !SIGNUP_PATH.matcher(request.getUriInfo().getPath()).matches()) {
            return;
        }
        MultivaluedMap<String, Object> headers = response.getHeaders();
        headers.add("Vary", "Origin");
        String origin = request.getHeaderString("Origin");
        if (allowed(org, origin)) {
            headers.putSingle("Access-Control-Allow-Origin", origin);
            headers.putSingle("Access-Control-Expose-Headers", "Retry-After");
        }
    }

    private boolean allowed(String org, String origin) {
        return origin != null && doors.of(org).filter(door -> door.allowsOrigin(origin)).isPresent();
    }
}
