package org.turnout.api.console;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.turnout.api.http.PreferredLanguage;
import org.turnout.api.security.Membership;
import org.turnout.importing.PresignedUploads;
import org.turnout.organisation.Language;
import org.turnout.template.Templates;

/**
 * Renders the console's pages ({@code templates/console-*.html}, words in {@link ConsoleMessages}) in the user's
 * language, with what every page needs (the CSRF token, the assets' URLs, who is signed in), and answers them
 * with the console's headers: never cached, and a Content-Security-Policy that runs no inline script and no
 * script of another origin.
 */
@ApplicationScoped
public class ConsolePages {
    private final Templates templates;
    private final ConsoleAssets assets;
    private final ManagedLogin login;
    private final ConsoleRequest request;
    /** The bucket's origin, where the browser uploads files through pre-signed URLs. */
    private final String uploadOrigin;

    public ConsolePages(Templates templates, ConsoleAssets assets, ManagedLogin login, ConsoleRequest request, PresignedUploads uploads) {
        this.templates = templates;
        this.assets = assets;
        this.login = login;
        this.request = request;
        this.uploadOrigin = uploads.origin();
    }

    /** The language the user chose in the console, else the browser's ({@code Accept-Language}). */
    public static Language language(HttpHeaders headers) {
        Cookie chosen = headers.getCookies().get(ConsoleSessions.LANGUAGE);
        return (chosen == null ? java.util.Optional.<Language>empty() : Language.of(chosen.getValue()))
                .orElseGet(() -> PreferredLanguage.of(headers.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE)));
    }

    /**
     * A page of the organisation {@link ConsoleGuard} admitted the user to: the page's own {@code data}, and what
     * the layout needs ({@code org}, {@code section}: the navigation's entry to mark, {@code owner}: whether
     * owner-only parts show).
     */
    public Response page(String template, String section, Map<String, Object> data) {
        Map<String, Object> all = new HashMap<>(data);
        all.putIfAbsent("org", request.org());
        all.put("section", section);
        all.put("owner", request.owner());
        return page(Response.Status.OK, template, request.headers(), request.session(), request.token(), all);
    }

    /** A part of an organisation's page, which htmx swaps in: no layout, the same escaping and headers. */
    public Response fragment(String template, Map<String, Object> data) {
        return page(template, "", data);
    }

    /** The language of the admitted user's pages, for what a page formats itself (numbers, dates). */
    public Language language() {
        return language(request.headers());
    }

    /**
     * A page; {@code session} and {@code token} are null on pages shown before sign-in or after sign-out.
     */
    public Response page(Response.Status status, String template, HttpHeaders headers, String session, JsonWebToken token,
                         Map<String, Object> data) {
        Map<String, Object> all = new HashMap<>(data);
        all.put("htmx", assets.url(ConsoleAssets.HTMX));
        all.put("style", assets.url(ConsoleAssets.STYLE));
        all.put("signedIn", token != null);
        all.put("csrf", session == null ? "" : ConsoleSessions.csrfToken(session));
        all.put("user", userName(token));
        all.put("organisations", token == null ? List.of() : Membership.of(token.getGroups()).organisations());
        all.putIfAbsent("org", "");
        all.putIfAbsent("section", "");
        all.putIfAbsent("owner", false);
        String html = templates.render(template, language(headers), "html", all);
        return withHeaders(Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(html)).build();
    }

    /** A page of one message ({@code console-message.html}): forbidden, signed out, a sign-in that failed. */
    public Response message(Response.Status status, String which, HttpHeaders headers, String session, JsonWebToken token) {
        return page(status, "console-message", headers, session, token, Map.of("which", which));
    }

    public Response.ResponseBuilder withHeaders(Response.ResponseBuilder response) {
        return response.header("Cache-Control", "no-store")
                .header("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
                        + "connect-src 'self' " + uploadOrigin + "; form-action 'self' " + login.origin() + "; frame-ancestors 'none'; base-uri 'none'")
                .header("Referrer-Policy", "same-origin")
                .header("X-Content-Type-Options", "nosniff");
    }


    /** Who a token names: its e-mail address, else its subject; empty for no token. */
    static String userName(JsonWebToken token) {
        Object email = token == null ? null : token.getClaim("email");
        return email != null ? String.valueOf(email) : token == null || token.getSubject() == null ? "" : token.getSubject();
    }
}
