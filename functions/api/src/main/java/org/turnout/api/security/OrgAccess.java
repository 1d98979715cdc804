package org.turnout.api.security;

import io.quarkus.security.ForbiddenException;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The one rule of admin access: operators reach every organisation; staff tokens are bound to
 * one organisation by their {@code org} claim and reach only that one.
 */
@RequestScoped
public class OrgAccess {
    public static final String OPERATOR = "operator";
    public static final String STAFF = "staff";

    private final JsonWebToken token;

    public OrgAccess(JsonWebToken token) {
        this.token = token;
    }

    /** Who acts, for the audit trail: the token's subject. */
    public String actor() {
        return token.getSubject() != null ? token.getSubject() : token.getName();
    }

    public void require(String orgId) {
        if (token.getGroups().contains(OPERATOR)) {
            return;
        }
        if (!token.getGroups().contains(STAFF) || !orgId.equals(token.getClaim("org"))) {
            throw new ForbiddenException();
        }
    }
}
