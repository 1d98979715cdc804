package org.turnout.api.console;

import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.RestForm;
import org.turnout.api.security.Membership;
import org.turnout.organisation.Language;

/**
 * Signing in and out of the console, the authorization code flow with PKCE of a public client: {@code /console/}
 * sends whoever has no session to the managed login, {@code /console/callback} takes its answer, and
 * {@code /console/sign-out} ends both sessions. Signed in, {@code /console/} opens the organisation, or lets the
 * user pick one.
 */
@Path("/console")
@Produces(MediaType.TEXT_HTML)
public class SignInResource {
    /** Where the language form may send the browser back to: a console page, nothing else. */
    private static final Pattern CONSOLE_PAGE = Pattern.compile("/console/[A-Za-z0-9/_-]*");

    private final ConsoleSessions sessions;
    private final SignInCookies signIns;
    private final ManagedLogin login;
    private final ConsolePages pages;
    private final Clock clock;

    public SignInResource(ConsoleSessions sessions, SignInCookies signIns, ManagedLogin login, ConsolePages pages, Clock clock) {
        this.sessions = sessions;
        this.signIns = signIns;
        this.login = login;
        this.pages = pages;
        this.clock = clock;
    }

    @GET
    @Path("/")
    public Response home(@CookieParam(ConsoleSessions.SESSION) String session, @Context HttpHeaders headers) {
        Optional<JsonWebToken> token = sessions.signedIn(session);
        if (token.isEmpty()) {
            SignInAttempt attempt = SignInAttempt.start();
            return Response.seeOther(login.authorize(attempt)).cookie(ConsoleSessions.signIn(signIns.seal(attempt))).build();
        }
        List<String> organisations = Membership.of(token.get().getGroups()).organisations();
        if (organisations.size() == 1) {
            return Response.seeOther(URI.create(DashboardResource.path(organisations.get(0)))).build();
        }
        return pages.page(Response.Status.OK, "console-organisations", headers, session, token.get(), Map.of());
    }

    @GET
    @Path("/callback")
    public Response callback(@QueryParam("code") String code, @QueryParam("state") String state, @QueryParam("error") String error,
                             @CookieParam(ConsoleSessions.SIGN_IN) String signIn, @Context HttpHeaders headers) {
        Optional<SignInAttempt> attempt = signIns.open(signIn);
        if (error != null || code == null || attempt.isEmpty() || !attempt.get().state().equals(state)) {
            return failed(headers);
        }
        Optional<String> idToken = login.idToken(code, attempt.get());
        Optional<JsonWebToken> token = idToken.flatMap(sessions::signedIn);
        if (token.isEmpty()) {
            return failed(headers);
        }
        long lifetime = token.get().getExpirationTime() - clock.instant().getEpochSecond();
        // a page, not a redirect: this navigation began on the login's site, and the browser would not send the
        // new SameSite=Strict cookie with a redirect that follows it; the page's own link or refresh does
        return Response.fromResponse(pages.page(Response.Status.OK, "console-signed-in", headers, idToken.get(), token.get(), Map.of()))
                .cookie(ConsoleSessions.session(idToken.get(), lifetime), ConsoleSessions.cleared(ConsoleSessions.SIGN_IN))
                .build();
    }

    @POST
    @Path("/sign-out")
    public Response signOut(@CookieParam(ConsoleSessions.SESSION) String session, @RestForm(ConsoleSessions.CSRF_FIELD) String csrf,
                            @Context HttpHeaders headers) {
        if (!ConsoleSessions.csrfMatches(session, csrf)) {
            return pages.message(Response.Status.FORBIDDEN, "csrf", headers, null, null);
        }
        return Response.seeOther(login.logout()).cookie(ConsoleSessions.cleared(ConsoleSessions.SESSION)).build();
    }

    @GET
    @Path(ManagedLogin.SIGNED_OUT)
    public Response signedOut(@Context HttpHeaders headers) {
        return pages.message(Response.Status.OK, "signedOut", headers, null, null);
    }

    @POST
    @Path("/language")
    public Response language(@CookieParam(ConsoleSessions.SESSION) String session, @RestForm(ConsoleSessions.CSRF_FIELD) String csrf,
                             @RestForm("lang") String lang, @RestForm("back") String back, @Context HttpHeaders headers) {
        if (!ConsoleSessions.csrfMatches(session, csrf)) {
            return pages.message(Response.Status.FORBIDDEN, "csrf", headers, null, null);
        }
        Optional<Language> language = Language.of(lang);
        if (language.isEmpty()) {
            return pages.message(Response.Status.BAD_REQUEST, "language", headers, null, null);
        }
        String to = back != null && CONSOLE_PAGE.matcher(back).matches() && !back.contains("//") ? back : ConsoleSessions.PATH;
        return Response.seeOther(URI.create(to)).cookie(ConsoleSessions.language(language.get().code())).build();
    }

    private Response failed(HttpHeaders headers) {
        return Response.fromResponse(pages.message(Response.Status.BAD_REQUEST, "signInFailed", headers, null, null))
                .cookie(ConsoleSessions.cleared(ConsoleSessions.SIGN_IN)).build();
    }
}
