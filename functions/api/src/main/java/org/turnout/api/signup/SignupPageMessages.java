package org.turnout.api.signup;

import io.quarkus.qute.i18n.MessageBundle;

/**
 * The words of the sign-up and confirmation pages ({@code templates/signup-page.html},
 * {@code confirm-page.html}), one template for every language: the texts are in
 * {@code messages/signup_fr.properties} and {@code _en}.
 */
@MessageBundle(value = "signup", locale = "fr")
public interface SignupPageMessages {
    String thanksTitle();

    String thanks(String organisation);

    String tooManyTitle();

    String tooMany();

    String mistakesTitle();

    String mistakes();

    String email();

    String firstName();

    String lastName();

    String postcode();

    String station();

    String tags();

    String consentVersion();

    String source();

    String otherField(String field);

    String confirmTitle();

    String confirmWithButton(String organisation);

    String confirmButton();

    String confirmedTitle();

    String confirmedHeading();

    String confirmed(String organisation);

    String expiredTitle();

    String expiredHeading();

    String expired();

    String invalidTitle();

    String invalidHeading();

    String invalid();

    String formTitle(String organisation);

    String formEmail();

    String formFirstName();

    String formLastName();

    String formPostcode();

    String formOptional();

    String formHoneypot();

    String formSubmit();
}
