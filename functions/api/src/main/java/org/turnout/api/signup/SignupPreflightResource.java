package org.turnout.api.signup;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The CORS preflight of the sign-up door, which browsers send before a script's JSON sign-up. */
@Path("/v1/orgs/{org}/signups")
@Tag(name = "Sign-up")
@SecurityRequirements // none: a public route, and the OpenAPI document says so (security: [])
public class SignupPreflightResource {
    private final SignupCors cors;

    public SignupPreflightResource(SignupCors cors) {
        this.cors = cors;
    }

    @OPTIONS
    @Operation(operationId = "signupPreflight", summary = "CORS preflight", description = "For a page of one of the organisation's signupOrigins: "
            + "Access-Control-Allow-Origin and the rest; for any other origin, no CORS header.")
    @APIResponse(responseCode = "204", description = "The preflight's answer")
    public Response preflight(@PathParam("org") String org, @HeaderParam("Origin") String origin) {
        return cors.preflight(org, origin);
    }
}
