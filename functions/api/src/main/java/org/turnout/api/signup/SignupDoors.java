package org.turnout.api.signup;

import jakarta.enterprise.context.RequestScoped;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.turnout.signup.SignupDoor;
import org.turnout.signup.SignupService;

/**
 * An organisation's sign-up door, read once per request: the CORS filter and the form's pages both need it, and
 * each read is a DynamoDB call on the visitor's path.
 */
@RequestScoped
public class SignupDoors {
    private final SignupService signups;
    private final Map<String, Optional<SignupDoor>> read = new HashMap<>();

    public SignupDoors(SignupService signups) {
        this.signups = signups;
    }

    public Optional<SignupDoor> of(String org) {
        return read.computeIfAbsent(org, signups::door);
    }
}
