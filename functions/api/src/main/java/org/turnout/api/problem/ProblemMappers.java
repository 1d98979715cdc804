package org.turnout.api.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.turnout.problem.ConflictException;
import org.turnout.problem.FieldError;
import org.turnout.problem.InvalidInputException;
import org.turnout.problem.NotFoundException;
import org.turnout.problem.RateLimitedException;

/** Every failure leaves as problem+json; a stack trace never reaches the caller. */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response invalidInput(InvalidInputException e) {
        return Problem.response(400, "Invalid input", "Some fields are not valid; see errors.", e.errors());
    }

    /** Named apart so that it wins over Quarkus's built-in mapper of the same exception. */
    @ServerExceptionMapper
    public Response mismatchedBody(MismatchedInputException e) {
        return unreadableBody(e);
    }

    @ServerExceptionMapper
    public Response unreadableBody(JsonProcessingException e) {
        String field = e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()
                ? mapping.getPath().stream()
                        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                        .collect(Collectors.joining(".")).replace(".[", "[")
                : "body";
        return Problem.response(400, "Invalid input", "The body is not the expected JSON.",
                List.of(new FieldError(field, field.equals("body") ? "is not valid JSON" : "has the wrong type")));
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return Problem.response(Response.Status.NOT_FOUND, e.getMessage());
    }

    @ServerExceptionMapper
    public Response conflict(ConflictException e) {
        return Problem.response(Response.Status.CONFLICT, e.getMessage());
    }

    @ServerExceptionMapper
    public Response rateLimited(RateLimitedException e) {
        Response problem = Problem.response(Response.Status.TOO_MANY_REQUESTS, "Too many requests; try again later.");
        return Response.fromResponse(problem).header("Retry-After", Math.max(1, e.retryAfter().toSeconds())).build();
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized(RuntimeException e) {
        Response problem = Problem.response(Response.Status.UNAUTHORIZED, "A valid bearer token is required.");
        return Response.fromResponse(problem).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return Problem.response(Response.Status.FORBIDDEN, "This token does not give access to this resource.");
    }

    /** JAX-RS's own errors (unknown route, wrong method, unsupported media type) keep their status. */
    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException unreadable) {
            return unreadableBody(unreadable);
        }
        Response.StatusType status = e.getResponse().getStatusInfo();
        return Problem.response(status.getStatusCode(), status.getReasonPhrase(), e.getMessage(), List.of());
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        LOG.error("unexpected failure", e);
        return Problem.response(Response.Status.INTERNAL_SERVER_ERROR, "Something went wrong on our side; it has been logged.");
    }
}
