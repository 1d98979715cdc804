package org.turnout.api.signup;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.turnout.api.http.VisitorPages;
import org.turnout.organisation.Organisation;
import org.turnout.organisation.OrganisationService;
import org.turnout.problem.NotFoundException;

/** The organisation's hosted sign-up page: its form, for campaigns without a site of their own or to link to. */
@Path("/v1/orgs/{org}/signup")
@Tag(name = "Sign-up")
@SecurityRequirements
public class SignupPageResource {
    private final OrganisationService organisations;
    private final SignupForms forms;

    public SignupPageResource(OrganisationService organisations, SignupForms forms) {
        this.organisations = organisations;
        this.forms = forms;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(operationId = "signUpPage", summary = "The hosted sign-up page",
            description = "The organisation's sign-up form on a page of its own, in its language; it posts to the sign-up door.")
    @APIResponse(responseCode = "200", description = "The page")
    @APIResponse(responseCode = "404", description = "No such organisation, or it takes no sign-ups")
    public Response page(@PathParam("org") String org) {
        Organisation organisation = OrganisationService.ID.matcher(org).matches() ? organisations.get(org) : null;
        if (organisation == null || !organisation.signupOpen()) {
            throw new NotFoundException("no organisation " + org + " takes sign-ups");
        }
        return VisitorPages.response(200, forms.hostedPage(organisation));
    }
}
