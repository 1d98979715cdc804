package org.turnout.api.security;

import java.util.Collection;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The one rule of who may act on an organisation's routes and pages, applied by {@link AdminGuard} to the API
 * and by the console to its pages: a verified token of this deployment's audience, whose groups give its
 * bearer one of the allowed roles for the organisation.
 */
public final class AccessRule {

    /** What the rule says of a request. */
    public enum Verdict {
        /** No token, or not one of this audience: who it is is not known (401, or sign in again). */
        UNKNOWN,
        /** Known, but none of the allowed roles for this organisation (403). */
        FORBIDDEN,
        ALLOWED
    }

    private AccessRule() {
    }

    /** {@code token}: verified already, or null; {@code org}: the path's organisation, or null. */
    public static Verdict judge(JsonWebToken token, String audience, String org, Collection<String> allowed) {
        if (!knows(token, audience)) {
            return Verdict.UNKNOWN;
        }
        return Membership.of(token.getGroups()).mayAct(org, allowed) ? Verdict.ALLOWED : Verdict.FORBIDDEN;
    }

    /** Whether a verified token says who its bearer is, for this deployment: whatever they may do. */
    public static boolean knows(JsonWebToken token, String audience) {
        return token != null && TokenAudience.accepts(token, audience);
    }
}
