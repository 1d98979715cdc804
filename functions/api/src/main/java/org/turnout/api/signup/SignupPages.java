package org.turnout.api.signup;

import jakarta.inject.Singleton;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.turnout.api.http.VisitorPages;
import org.turnout.problem.FieldError;
import org.turnout.problem.InvalidInputException;
import org.turnout.problem.NotFoundException;
import org.turnout.problem.RateLimitedException;
import org.turnout.signup.SignupDoor;
import org.turnout.template.Templates;

/**
 * The answers of the sign-up door to a plain HTML form (no script): the organisation's thank-you
 * page (303) or ours, in its language; a form with mistakes gets a page that names what to fix.
 */
@Singleton
public record SignupPages(SignupDoors doors, Templates templates) {
    /** A browser that navigates (a form posted without a script) asks for HTML; scripts and tools do not. */
    static boolean wanted(String accept) {
        return accept != null && accept.toLowerCase(Locale.ROOT).contains(MediaType.TEXT_HTML);
    }

    /** Runs the sign-up and answers with a page; what is not the visitor's doing stays a problem+json. */
    Response signUp(String org, Runnable signUp) {
        try {
            signUp.run();
        } catch (InvalidInputException e) {
            return page(door(org), 400, Map.of("fields", fieldsToFix(e.errors())));
        } catch (RateLimitedException e) {
            return Response.fromResponse(page(door(org), 429, Map.of("tooMany", true)))
                    .header("Retry-After", Math.max(1, e.retryAfter().toSeconds())).build();
        }
        SignupDoor door = door(org);
        if (door.thankYouUrl().isPresent()) {
            return Response.seeOther(URI.create(door.thankYouUrl().get())).build();
        }
        return page(door, 200, Map.of("thanks", true));
    }

    private SignupDoor door(String org) {
        return doors.of(org).orElseThrow(() -> new NotFoundException("no organisation " + org + " takes sign-ups"));
    }

    /** The form's fields that need fixing, once each ({@code tags[2]} is the field {@code tags}). */
    private static List<String> fieldsToFix(List<FieldError> errors) {
        return errors.stream().map(error -> error.field().replaceFirst("\\[.*$", "")).distinct().toList();
    }

    private Response page(SignupDoor door, int status, Map<String, Object> state) {
        Map<String, Object> data = new HashMap<>(Map.of("thanks", false, "tooMany", false, "fields", List.of(),
                "organisation", door.organisationName() == null ? "" : door.organisationName()));
        data.putAll(state);
        String html = templates.render("signup-page", door.language(), "html", data);
        return VisitorPages.response(status, html);
    }
}
