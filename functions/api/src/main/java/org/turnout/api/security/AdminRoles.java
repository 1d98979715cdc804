package org.turnout.api.security;

/**
 * The roles an admin route can require, as the scopes of its {@code @SecurityRequirement} on the
 * {@value #SCHEME} scheme (OpenAPI's place for the roles a bearer token needs). {@link AdminGuard}
 * enforces exactly what the document shows.
 */
public final class AdminRoles {
    /** The bearer scheme of the OpenAPI document (Quarkus's default name). */
    public static final String SCHEME = "SecurityScheme";

    /** Runs the deployment: creates and lists organisations, reads and changes their settings. Member of none. */
    public static final String OPERATOR = "operator";
    /** Runs one organisation: everything staff do, and erasure, export, lifting suppressions, settings and senders. */
    public static final String OWNER = "owner";
    /** Works for one organisation: contacts, imports, segments, mailings, targeting, door to door. */
    public static final String STAFF = "staff";
    /** Knocks on doors for one organisation: walk lists and canvass results only. */
    public static final String VOLUNTEER = "volunteer";

    private AdminRoles() {
    }
}
