package org.turnout.api.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.quarkus.vertx.http.runtime.QuarkusHttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.turnout.api.problem.Problem;

/**
 * Refuses large bodies with a 413 problem before anything parses them: 16 KiB on public routes
 * (a sign-up is small), 384 KiB on admin routes (a mailing's HTML). The size is that of the bytes
 * received, the body of the API Gateway event, not what a Content-Length header claims: a body
 * sent in chunks has none. Outside Lambda (no event), the header is checked and a body without
 * one is cut by the HTTP layer at the larger size ({@code quarkus.http.limits.max-body-size}).
 */
public class BodySizeLimit {
    public static final int MAX_BYTES = 16 * 1024;
    public static final int MAX_ADMIN_BYTES = 384 * 1024;

    @ServerRequestFilter(preMatching = true)
    public Response limit(ContainerRequestContext request, HttpServerRequest httpRequest) {
        int max = request.getUriInfo().getPath().startsWith("/v1/admin/") ? MAX_ADMIN_BYTES : MAX_BYTES;
        if (request.getLength() > max || receivedBytes(httpRequest) > max) {
            return Problem.response(Response.Status.REQUEST_ENTITY_TOO_LARGE, "The body must be at most " + max + " bytes.");
        }
        return null;
    }

    /** The size of the body the function received, or -1 outside Lambda. */
    static long receivedBytes(HttpServerRequest httpRequest) {
        if (!(httpRequest.headers() instanceof QuarkusHttpHeaders headers)) {
            return -1;
        }
        APIGatewayV2HTTPEvent event = headers.getContextObject(APIGatewayV2HTTPEvent.class);
        if (event == null || event.getBody() == null) {
            return event == null ? -1 : 0;
        }
        String body = event.getBody();
        if (event.getIsBase64Encoded()) {
            int padding = body.endsWith("==") ? 2 : body.endsWith("=") ? 1 : 0;
            return (long) body.length() / 4 * 3 - padding;
        }
        // a character is 1 to 3 bytes in UTF-8 (a surrogate pair, 4 for 2): only a body near the limit is encoded to be measured
        return body.length() > MAX_ADMIN_BYTES ? body.length() : body.getBytes(StandardCharsets.UTF_8).length;
    }
}
