package org.turnout.api.console.signupforms;

import io.quarkus.qute.i18n.MessageBundle;

/** The words of the sign-up forms page ({@code templates/console-signupforms-page.html}): {@code messages/signupforms_fr.properties} and {@code _en}. */
@MessageBundle(value = "signupforms", locale = "fr")
public interface SignupFormsMessages {
    String title();

    String closed();

    String consentHeading();

    String consentVersion(String version);

    String consentDefault();

    String consentOwn();

    String snippetHeading();

    String snippetHelp();

    String snippetLabel();

    String copy();

    String copied();

    String copyFailed();

    String hostedHeading();

    String hostedHelp();

    String hostedUrl();

    String preview();

    String afterHeading();

    String afterThankYouUrl();

    String afterOurPage();
}
