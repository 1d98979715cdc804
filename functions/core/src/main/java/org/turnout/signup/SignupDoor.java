package org.turnout.signup;

import java.util.List;
import java.util.Optional;
import org.turnout.organisation.Language;

/**
 * What the sign-up door of an organisation that takes sign-ups shows to campaign sites: which
 * origins may call it from a script, where its plain forms lead, and the language of its pages.
 */
public record SignupDoor(String organisationName, Language language, List<String> origins, Optional<String> thankYouUrl) {

    public SignupDoor {
        origins = List.copyOf(origins);
    }

    /** Whether a page of this origin (the {@code Origin} header, exactly as the browser sent it) may call the door. */
    public boolean allowsOrigin(String origin) {
        return origin != null && origins.contains(origin);
    }
}
