package org.turnout.api.console;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.turnout.api.security.AccessRule;
import org.turnout.api.security.AuthSettings;

/**
 * The guard of the console's organisation pages ({@link ConsolePage}): the session's token, verified as the
 * API's, judged by the API's {@link AccessRule} for the path's organisation and the page's roles. Who is not
 * known goes to sign in (htmx requests are told to, with {@code HX-Redirect}); who is known but holds none of
 * the roles gets a page that says so (403). A request that changes something (any method but GET and HEAD) must
 * carry the session's CSRF token in {@code X-CSRF-Token}, which htmx sends from the page's {@code hx-headers}: the
 * one check for every page's forms.
 */
public class ConsoleGuard {
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD");

    private final ConsoleSessions sessions;
    private final ConsolePages pages;
    private final AuthSettings auth;
    private final ConsoleRequest admitted;

    public ConsoleGuard(ConsoleSessions sessions, ConsolePages pages, AuthSettings auth, ConsoleRequest admitted) {
        this.sessions = sessions;
        this.pages = pages;
        this.auth = auth;
        this.admitted = admitted;
    }

    @ServerRequestFilter
    public Response guard(ContainerRequestContext request, ResourceInfo resource, HttpHeaders headers) {
        List<String> roles = roles(resource);
        if (roles == null) {
            return null;
        }
        Cookie cookie = request.getCookies().get(ConsoleSessions.SESSION);
        Optional<JsonWebToken> token = sessions.signedIn(cookie == null ? null : cookie.getValue());
        String org = request.getUriInfo().getPathParameters().getFirst("org");
        AccessRule.Verdict verdict = token.map(t -> AccessRule.judge(t, auth.audience(), org, roles))
                .orElse(AccessRule.Verdict.UNKNOWN);
        switch (verdict) {
            case UNKNOWN:
                return request.getHeaderString("HX-Request") != null
                        ? Response.status(Response.Status.UNAUTHORIZED).header("HX-Redirect", ConsoleSessions.PATH).build()
                        : Response.seeOther(URI.create(ConsoleSessions.PATH)).build();
            case FORBIDDEN:
                return pages.message(Response.Status.FORBIDDEN, "forbidden", headers, cookie.getValue(), token.get());
            default:
                if (!SAFE_METHODS.contains(request.getMethod())
                        && !ConsoleSessions.csrfMatches(cookie.getValue(), request.getHeaderString(ConsoleSessions.CSRF_HEADER))) {
                    return pages.message(Response.Status.FORBIDDEN, "csrf", headers, cookie.getValue(), token.get());
                }
                admitted.admit(cookie.getValue(), token.get(), headers, org);
                return null;
        }
    }

    /** The roles that open a console page, its method's before its class's; null for what is no such page. */
    private static List<String> roles(ResourceInfo resource) {
        ConsolePage page = resource.getResourceMethod() == null ? null : resource.getResourceMethod().getAnnotation(ConsolePage.class);
        if (page == null && resource.getResourceClass() != null) {
            page = resource.getResourceClass().getAnnotation(ConsolePage.class);
        }
        return page == null ? null : List.of(page.roles());
    }
}
