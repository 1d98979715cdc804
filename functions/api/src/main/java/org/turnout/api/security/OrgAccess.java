package org.turnout.api.security;

import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Who acts on an admin route, for the audit trail. Whether they may is {@link AdminGuard}'s to decide. */
@RequestScoped
public class OrgAccess {
    private final JsonWebToken token;

    public OrgAccess(JsonWebToken token) {
        this.token = token;
    }

    /** Whether the token's groups make its bearer {@code role} of {@code org} (not merely the operator). */
    public boolean holds(String org, String role) {
        return Membership.of(token.getGroups()).orgRoles().contains(Membership.group(org, role));
    }

    /** The token's subject. */
    public String actor() {
        return token.getSubject() != null ? token.getSubject() : token.getName();
    }
}
