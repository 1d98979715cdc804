package org.turnout.api.signup;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.resteasy.reactive.RestForm;
import org.turnout.api.http.ClientAddress;
import org.turnout.problem.InvalidInputException;
import org.turnout.signup.SignupForm;
import org.turnout.signup.SignupService;

/** The public sign-up door of campaign sites: JSON from scripts, form-encoded from plain HTML forms. */
@Path("/v1/orgs/{org}/signups")
@Produces(MediaType.APPLICATION_JSON)
public class SignupResource {
    /** The same answer whatever happened, so nobody learns whether an address was known. */
    public record Accepted(String status) {
    }

    private static final Accepted ACCEPTED = new Accepted("accepted");

    private final SignupService signups;

    public SignupResource(SignupService signups) {
        this.signups = signups;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response signUpJson(@PathParam("org") String org, SignupForm form,
                               @Context APIGatewayV2HTTPEvent event, @Context HttpServerRequest request) {
        if (form == null) {
            throw InvalidInputException.of("body", "is required");
        }
        return signUp(org, form, ClientAddress.of(event, request));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signUpForm(@PathParam("org") String org,
                               @RestForm String email, @RestForm String firstName, @RestForm String lastName,
                               @RestForm String postcode, @RestForm String station, @RestForm List<String> tags,
                               @RestForm String consentVersion, @RestForm String source, @RestForm String website,
                               @Context APIGatewayV2HTTPEvent event, @Context HttpServerRequest request) {
        SignupForm form = new SignupForm(email, firstName, lastName, postcode, station, tags, consentVersion, source, website);
        return signUp(org, form, ClientAddress.of(event, request));
    }

    private Response signUp(String org, SignupForm form, String clientIp) {
        signups.signUp(org, form, clientIp);
        return Response.accepted(ACCEPTED).build();
    }
}
