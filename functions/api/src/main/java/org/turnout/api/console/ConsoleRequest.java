package org.turnout.api.console;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.turnout.api.security.AdminRoles;
import org.turnout.api.security.Membership;

/**
 * Who asks for an organisation's page, as {@link ConsoleGuard} found them: the session, its verified token,
 * the request's headers (for the language) and the path's organisation. Filled once per request by the guard,
 * before the page's method runs, so that pages declare only what is theirs (their path and form).
 */
@RequestScoped
public class ConsoleRequest {
    private String session;
    private JsonWebToken token;
    private HttpHeaders headers;
    private String org;

    void admit(String session, JsonWebToken token, HttpHeaders headers, String org) {
        this.session = session;
        this.token = token;
        this.headers = headers;
        this.org = org;
    }

    public String session() {
        return session;
    }

    public JsonWebToken token() {
        return token;
    }

    public HttpHeaders headers() {
        return headers;
    }

    public String org() {
        return org;
    }

    /** Whether the signed-in user owns the path's organisation (owner-only parts of a page show for them only). */
    public boolean owner() {
        return token != null && Membership.of(token.getGroups()).mayAct(org, Set.of(AdminRoles.OWNER));
    }

    /** The signed-in user's e-mail address as the token gives it, for the audit trail and the page's header. */
    public String userName() {
        return ConsolePages.userName(token);
    }
}
