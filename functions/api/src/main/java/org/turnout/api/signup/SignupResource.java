package org.turnout.api.signup;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.turnout.api.problem.Problem;
import org.turnout.api.http.ClientAddress;
import org.turnout.problem.InvalidInputException;
import org.turnout.signup.SignupForm;
import org.turnout.signup.SignupService;

/** The public sign-up door of campaign sites: JSON from scripts, form-encoded from plain HTML forms. */
@Path("/v1/orgs/{org}/signups")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Sign-up", description = "Public: rate limited per IP address, no token")
@APIResponse(responseCode = "202", description = "Accepted (the same answer whether the address was known or not)",
        content = @Content(schema = @Schema(implementation = SignupResource.Accepted.class)))
@APIResponse(responseCode = "400", description = "Invalid fields, each named in errors[]",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "404", description = "No such organisation, or it takes no sign-ups")
@APIResponse(responseCode = "413", description = "Body over 16 KiB")
@APIResponse(responseCode = "429", description = "Too many sign-ups from this address; see Retry-After")
@SecurityRequirements // none: a public route, and the OpenAPI document says so (security: [])
public class SignupResource {
    /** The same answer whatever happened, so nobody learns whether an address was known. */
    public record Accepted(String status) {
    }

    private static final Accepted ACCEPTED = new Accepted("accepted");

    private final SignupService signups;
    private final SignupPages pages;

    public SignupResource(SignupService signups, SignupPages pages) {
        this.signups = signups;
        this.pages = pages;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "signUp", summary = "Sign up (JSON)", description = "Stores the contact as pending and sends the confirmation email.")
    public Response signUpJson(@PathParam("org") String org, SignupForm form,
                               @Context APIGatewayV2HTTPEvent event, @Context HttpServerRequest request) {
        if (form == null) {
            throw InvalidInputException.of("body", "is required");
        }
        return signUp(org, form, ClientAddress.of(event, request));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_HTML})
    // the same operation of the OpenAPI document as the JSON sign-up, which names it (signUp)
    @Operation(summary = "Sign up (HTML form)", description = "The same as the JSON sign-up, for plain HTML forms. "
            + "A browser that asks for text/html (a form posted without a script) gets a 303 to the organisation's "
            + "signupThankYouUrl, or a thank-you page in its language; a form with mistakes gets a 400 page naming them.")
    @APIResponse(responseCode = "303", description = "To the organisation's thank-you page (Accept: text/html)")
    public Response signUpForm(@PathParam("org") String org,
                               @RestForm String email, @RestForm String firstName, @RestForm String lastName,
                               @RestForm String postcode, @RestForm String station, @RestForm List<String> tags,
                               @RestForm String consentVersion, @RestForm String source, @RestForm String website,
                               @HeaderParam(HttpHeaders.ACCEPT) String accept,
                               @Context APIGatewayV2HTTPEvent event, @Context HttpServerRequest request) {
        SignupForm form = new SignupForm(email, firstName, lastName, postcode, station, tags, consentVersion, source, website);
        String clientIp = ClientAddress.of(event, request);
        if (SignupPages.wanted(accept)) {
            return pages.signUp(org, () -> signups.signUp(org, form, clientIp));
        }
        return signUp(org, form, clientIp);
    }

    private Response signUp(String org, SignupForm form, String clientIp) {
        signups.signUp(org, form, clientIp);
        return Response.accepted(ACCEPTED).build();
    }
}
