package org.turnout.signup;

import io.quarkus.qute.i18n.MessageBundle;

/**
 * The words of the double opt-in email ({@code templates/confirm-subject.txt}, {@code confirm-email.html}
 * and {@code .txt}), one template for every language: the texts are in
 * {@code messages/confirmation_fr.properties} and {@code _en}.
 */
@MessageBundle(value = "confirmation", locale = "fr")
public interface ConfirmationMessages {
    String subject(String organisation);

    String title();

    String hello();

    String clickToConfirm(String organisation);

    String openToConfirm(String organisation);

    String button();

    String validity(long validDays);

    String nothingElse();
}
