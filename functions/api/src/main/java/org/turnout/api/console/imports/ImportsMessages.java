package org.turnout.api.console.imports;

import io.quarkus.qute.i18n.MessageBundle;

/** The words of the imports and election results pages ({@code templates/console-imports-*.html}): {@code messages/imports_fr.properties} and {@code _en}. */
@MessageBundle(value = "imports", locale = "fr")
public interface ImportsMessages {
    String newImport();

    String pastImports();

    String fileHint();

    String chooseFile();

    String dropHere();

    String sending();

    String sent();

    String failed();

    String report();

    String downloadReport();

    String statusRunning();

    String statusDone();

    String statusFailed();

    String statusAwaiting();

    String invalidChoices();

    String previewTitle(String fileName);

    String detected(String delimiter, String encoding);

    String delimiter();

    String semicolon();

    String comma();

    String tab();

    String encoding();

    String sheet();

    String sheetHint();

    String consentSource();

    String consentHint();

    String cannotImport();

    String firstRows(int count);

    String fieldOf(String header);

    String customColumn();

    String ignore();

    String start();

    String fieldEmail();

    String fieldFirstName();

    String fieldLastName();

    String fieldFullName();

    String fieldStreet();

    String fieldPostcode();

    String fieldCity();

    String fieldStation();

    String fieldTags();

    String fieldPhone();

    String fieldEmailStatus();

    String fieldEmailOptIn();

    String fieldEmailOptOut();

    String progressTitle();

    String waiting();

    String elections();

    String newElection();

    String electionName();

    String electionNameHint();

    String electionDate();

    String electionCommune();

    String electionCommuneHint();

    String electionFileHint();

    String electionList();

    String noElection();

    String stations();

    String warnings();

    String reportOf(String name);

    String failure();

    String problemLine(long line);

    String station();
}
