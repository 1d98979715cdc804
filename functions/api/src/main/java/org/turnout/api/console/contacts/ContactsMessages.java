package org.turnout.api.console.contacts;

import io.quarkus.qute.i18n.MessageBundle;

/** The words of the contacts pages ({@code templates/console-contacts-*.html}): texts in {@code messages/contacts_fr.properties} and {@code _en}. */
@MessageBundle(value = "contacts", locale = "fr")
public interface ContactsMessages {
    String searchLabel();

    String searchBy();

    String byName();

    String byEmail();

    String byTag();

    String byStation();

    String searchText();

    String search();

    String searchHelp();

    String results();

    String resultsCaption();

    String noMatchYet();

    String noMatch();

    String total(long total);

    String moreThan(int shown);

    String countAll();

    String nextPage();

    String name();

    String email();

    String station();

    String tags();

    String noName();

    String erased();

    String gone();

    String backToSearch();

    String contactTitle();

    String identity();

    String address();

    String phone();

    String source();

    String createdAt();

    String updatedAt();

    String consent();

    String textVersion();

    String requestedAt();

    String confirmedAt();

    String noConsentRecord();

    String noConsentChange();

    String consentHistory();

    String when();

    String from();

    String to();

    String why();

    String engagement();

    String engagementTotals(long sent, long opened, long clicked, long bounced, long complained);

    String noMailing();

    String engagementCaption();

    String outcome();

    String outcomeSent();

    String outcomeFailed();

    String outcomeSkipped();

    String outcomeHeld();

    String outcomeClaimed();

    String outcomeUnknown();

    String outcomeReceived();

    String opened();

    String clicked();

    String bouncedColumn();

    String complainedColumn();

    String yes();

    String no();

    String canvass();

    String noCanvass();

    String canvassCaption();

    String doorOutcome();

    String doorTalked();

    String doorNotHome();

    String doorRefused();

    String doorMoved();

    String doorInaccessible();

    String support();

    String volunteer();

    String notes();

    String canvasser();

    String privacy();

    String privacyHelp();

    String export();

    String exported();

    String download(String fileName);

    String showExport();

    String erase();

    String eraseTitle();

    String eraseWarning();

    String eraseConfirm(String email);

    String eraseReason();

    String eraseSubmit();

    String errorQ();

    String errorCursor();

    String errorConfirm();

    String errorReason();
}
