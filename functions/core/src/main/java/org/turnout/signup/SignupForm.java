package org.turnout.signup;

import java.util.List;

/**
 * What a visitor sends from a campaign site's sign-up form.
 *
 * @param consentVersion the version of the consent text the visitor agreed to
 * @param source         where the form is (page or event name), kept in the consent record
 * @param website        the honeypot: a field hidden from people, that only robots fill in
 */
public record SignupForm(String email, String firstName, String lastName, String postcode, String station,
                         List<String> tags, String consentVersion, String source, String website) {
}
