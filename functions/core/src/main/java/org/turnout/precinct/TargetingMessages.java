package org.turnout.precinct;

import io.quarkus.qute.i18n.MessageBundle;

/**
 * The words of the targeting report ({@code templates/targeting-report.html}), one template for
 * every language: the texts are in {@code messages/targeting_fr.properties} and {@code _en}.
 */
@MessageBundle(value = "targeting", locale = "fr")
public interface TargetingMessages {
    String title();

    String election();

    String side();

    String potentialIs();

    String total(String total, int count);

    String cover50();

    String cover80();

    String chartLabel();

    String chartDescription(int count, String first, String potential);

    String bar(String station, String potential);

    String axis();

    String rank();

    String station();

    String registered();

    String abstentions();

    String abstentionRate();

    String sideShare();

    String potential();

    String cumulativeShare();

    String gap();
}
