package org.turnout.signup;

import org.turnout.organisation.Organisation;

/**
 * The consent text shown beside an organisation's sign-up forms, and its version, which the forms send
 * ({@code consentVersion}) and consent records keep: the organisation's own, or the default of its language.
 * The defaults live here, each beside its version, and not in a message bundle: a default's words change only
 * with a new version, or consent records would name a text nobody saw.
 */
public record SignupConsent(String text, String version, boolean organisationsOwn) {
    static final SignupConsent DEFAULT_FR = new SignupConsent("En m’inscrivant, j’accepte que la campagne conserve mon adresse "
            + "e-mail et les informations de ce formulaire pour m’écrire à propos de ses actions. Je confirme mon inscription "
            + "par le lien de l’e-mail qui me sera envoyé, et je peux me désinscrire à tout moment par le lien présent dans "
            + "chaque message.", "turnout-fr-1", false);
    static final SignupConsent DEFAULT_EN = new SignupConsent("By signing up, I agree that the campaign keeps my email address "
            + "and the details of this form to write to me about its actions. I confirm my sign-up through the link of the "
            + "email I will be sent, and I can unsubscribe at any time through the link in every message.", "turnout-en-1", false);

    public static SignupConsent of(Organisation organisation) {
        if (organisation.consentText() != null && organisation.consentVersion() != null) {
            return new SignupConsent(organisation.consentText(), organisation.consentVersion(), true);
        }
        return switch (organisation.languageOrDefault()) {
            case FR -> DEFAULT_FR;
            case EN -> DEFAULT_EN;
        };
    }
}
