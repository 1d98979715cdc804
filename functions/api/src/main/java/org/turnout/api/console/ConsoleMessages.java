package org.turnout.api.console;

import io.quarkus.qute.i18n.MessageBundle;

/**
 * The words of the console's pages ({@code templates/console-*.html}), one template for every language: the texts
 * are in {@code messages/console_fr.properties} and {@code _en}.
 */
@MessageBundle(value = "console", locale = "fr")
public interface ConsoleMessages {
    String skip();

    String language();

    String signOut();

    String navigation();

    String dashboard();

    String contacts();

    String imports();

    String segments();

    String mailings();

    String targeting();

    String signupForms();

    String settings();

    String otherOrganisations();

    String contactsByStatus();

    String contactsTotal(long total);

    String status();

    String count();

    String statusSubscribed();

    String statusPending();

    String statusImported();

    String statusUnsubscribed();

    String statusBounced();

    String statusComplained();

    String statusNoEmail();

    String statusSuppressed();

    String countedAt(String at);

    String reputation();

    String reputationOf(long sent);

    String rate();

    String value();

    String standing();

    String bounceRate();

    String complaintRate();

    String healthy();

    String review();

    String pause();

    String thresholds();

    String mailingsInProgress();

    String lastImports();

    String noImport();

    String file();

    String rows();

    String created();

    String duplicates();

    String rejected();

    String started();

    String noMailingInProgress();

    String mailing();

    String state();

    String sendAt();

    String recipients();

    String sent();

    String failed();

    String skipped();

    String pickOrganisation();

    String noOrganisation();

    String forbiddenTitle();

    String forbidden();

    String home();

    String signedOutTitle();

    String signInAgain();

    String csrfTitle();

    String csrf();

    String languageTitle();

    String signInFailedTitle();

    String signInFailed();

    String signedInTitle();

    String continueLink();
}
