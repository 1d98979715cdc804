package org.turnout.api.signup;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.turnout.api.http.PreferredLanguage;
import org.turnout.api.http.VisitorPages;
import org.turnout.signup.ConfirmOutcome;
import org.turnout.signup.SignupConfirmation;
import org.turnout.template.Templates;

/**
 * The link in the confirmation email: GET shows a page with one button and changes nothing (mail
 * security scanners follow links), the button's POST confirms. Small pages in the organisation's
 * language, never a trace.
 */
@Path("/v1/confirm/{token}")
@Tag(name = "Sign-up")
@SecurityRequirements // none: a public route, and the OpenAPI document says so (security: [])
public class ConfirmResource {
    private final SignupConfirmation confirmations;
    private final Templates templates;

    public ConfirmResource(SignupConfirmation confirmations, Templates templates) {
        this.confirmations = confirmations;
        this.templates = templates;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(operationId = "getConfirmationPage", summary = "The confirmation page",
            description = "The signed link of the confirmation email: a page with one button that confirms; changes nothing (mail scanners follow links).")
    @APIResponse(responseCode = "200", description = "The page, in the organisation's language")
    @APIResponse(responseCode = "400", description = "A link that is not ours or was altered")
    @APIResponse(responseCode = "410", description = "An expired link")
    public Response page(@PathParam("token") String token, @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        return page(confirmations.look(token, PreferredLanguage.of(acceptLanguage)));
    }

    @POST
    @Consumes(MediaType.WILDCARD) // the page's button posts an empty form
    @Produces(MediaType.TEXT_HTML)
    @Operation(operationId = "confirmSignup", summary = "Confirm a sign-up", description = "What the page's button sends; idempotent. Answers a page.")
    @APIResponse(responseCode = "200", description = "Confirmed (also when already confirmed)")
    @APIResponse(responseCode = "400", description = "A link that is not ours or was altered")
    @APIResponse(responseCode = "410", description = "An expired link")
    public Response confirm(@PathParam("token") String token, @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        return page(confirmations.confirm(token, PreferredLanguage.of(acceptLanguage)));
    }

    private Response page(ConfirmOutcome outcome) {
        Map<String, Object> data = new HashMap<>();
        data.put("ready", outcome.result() == ConfirmOutcome.Result.READY);
        data.put("confirmed", outcome.result() == ConfirmOutcome.Result.CONFIRMED);
        data.put("expired", outcome.result() == ConfirmOutcome.Result.EXPIRED);
        data.put("organisation", outcome.organisationName() == null ? "" : outcome.organisationName());
        String page = templates.render("confirm-page", outcome.language(), "html", data);
        int status = switch (outcome.result()) {
            case READY, CONFIRMED -> 200;
            case EXPIRED -> 410;
            case INVALID -> 400;
        };
        return VisitorPages.response(status, page);
    }
}
