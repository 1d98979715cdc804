package org.turnout.api.unsubscribe;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.turnout.api.http.ClientAddress;
import org.turnout.api.http.PreferredLanguage;
import org.turnout.api.http.VisitorPages;
import org.turnout.api.problem.Problem;
import org.turnout.problem.InvalidInputException;
import org.turnout.template.Templates;
import org.turnout.unsubscribe.UnsubscribeOutcome;
import org.turnout.unsubscribe.UnsubscribeService;

/**
 * The unsubscribe link of every mailing. GET shows a page with one button and changes nothing
 * (scanners follow links); POST with {@code List-Unsubscribe=One-Click} (RFC 8058, what mailbox
 * providers send, and what the button sends) unsubscribes at once and answers 200, no redirect.
 */
@Path("/v1/unsubscribe/{token}")
@Tag(name = "Unsubscribe", description = "Public: signed links, rate limited per IP address")
@SecurityRequirements // none: a public route, and the OpenAPI document says so (security: [])
public class UnsubscribeResource {
    /** The one value RFC 8058 defines for the one-click POST body. */
    static final String ONE_CLICK = "One-Click";

    private final UnsubscribeService unsubscribes;
    private final Templates templates;

    public UnsubscribeResource(UnsubscribeService unsubscribes, Templates templates) {
        this.unsubscribes = unsubscribes;
        this.templates = templates;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(operationId = "getUnsubscribePage", summary = "The unsubscribe page", description = "A page with one button that posts the one-click form; changes nothing.")
    @APIResponse(responseCode = "200", description = "The page, in the organisation's language")
    @APIResponse(responseCode = "400", description = "A link that is not valid (forged, altered or expired: the same answer)")
    @APIResponse(responseCode = "429", description = "Too many requests from this address; see Retry-After")
    public Response page(@PathParam("token") String token, @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage,
                         @Context APIGatewayV2HTTPEvent event, @Context HttpServerRequest request) {
        UnsubscribeOutcome outcome = unsubscribes.look(token, ClientAddress.of(event, request), PreferredLanguage.of(acceptLanguage));
        return page(outcome, false);
    }

    @POST
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA})
    @Produces(MediaType.TEXT_HTML)
    @Operation(operationId = "unsubscribe", summary = "Unsubscribe (RFC 8058 one-click)", description = "Body List-Unsubscribe=One-Click; idempotent.")
    @APIResponse(responseCode = "200", description = "Unsubscribed (also when already unsubscribed)")
    @APIResponse(responseCode = "400", description = "A link that is not valid, or a body without List-Unsubscribe=One-Click",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "Too many requests from this address; see Retry-After")
    public Response unsubscribe(@PathParam("token") String token, @RestForm("List-Unsubscribe") String listUnsubscribe,
                                @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage,
                                @Context APIGatewayV2HTTPEvent event, @Context HttpServerRequest request) {
        if (!ONE_CLICK.equals(listUnsubscribe == null ? null : listUnsubscribe.strip())) {
            throw InvalidInputException.of("List-Unsubscribe", "must be One-Click");
        }
        UnsubscribeOutcome outcome = unsubscribes.unsubscribe(token, ClientAddress.of(event, request), PreferredLanguage.of(acceptLanguage));
        return page(outcome, true);
    }

    private Response page(UnsubscribeOutcome outcome, boolean done) {
        String html = templates.render("unsubscribe-page", outcome.language(), "html", Map.of(
                "valid", outcome.valid(),
                "done", done,
                "organisation", outcome.organisationName() == null ? "" : outcome.organisationName()));
        return VisitorPages.response(outcome.valid() ? 200 : 400, html);
    }
}
