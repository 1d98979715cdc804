package org.turnout.api.console.targeting;

import io.quarkus.qute.i18n.MessageBundle;

/**
 * The words of the console's targeting pages ({@code templates/console-targeting*.html}) that the targeting report's
 * and the printed walk list's bundles ({@code targeting}, {@code walk}) do not have: texts in
 * {@code messages/targetingPage_fr.properties} and {@code _en}.
 */
@MessageBundle(value = "targetingPage", locale = "fr")
public interface TargetingPageMessages {
    String intro();

    String uploadResults();

    String elections();

    String noElection();

    String awaitingUpload();

    String running();

    String failed(String reason);

    String side();

    String sideHelp();

    String chooseElections();

    String show();

    String choose();

    String cannotRank();

    String fieldElections();

    String fieldSide();

    String priority();

    String priorityHigh();

    String priorityMedium();

    String priorityLow();

    String walkList();

    String walkListOf(String station);

    String tableCaption(int count);

    String backToRanking();

    String turfSize();

    String cut();

    String print();

    String cannotList();

    String fieldStation();

    String fieldTurfSize();
}
