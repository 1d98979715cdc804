package org.turnout.api.console.stats;

import io.quarkus.qute.i18n.MessageBundle;

/** The words of a mailing's stats page ({@code templates/console-stats-*.html}): {@code messages/stats_fr.properties} and {@code _en}. */
@MessageBundle(value = "stats", locale = "fr")
public interface StatsMessages {
    String title(String mailing);

    String missingTitle();

    String missing();

    String backToMailings();

    String state();

    String stateDraft();

    String stateScheduled();

    String stateSending();

    String statePaused();

    String stateSent();

    String stateCancelled();

    String live();

    String figures();

    String figure();

    String count();

    String rate();

    String recipients();

    String sent();

    String delivered();

    String opened();

    String clicked();

    String bounced();

    String complained();

    String unsubscribed();

    String failed();

    String skipped();

    String ofRecipients();

    String ofSent();

    String ofDelivered();

    String uniqueNote();

    String overTime();

    String overTimeDesc(long delivered, long opened, long clicked);

    String stepTenMinutes(String zone);

    String stepHour(String zone);

    String stepDay(String zone);

    String stepWhy();

    String noActivity();

    String time();

    String overTimeTable();

    String negative();

    String negativeDesc(long bounced, long complained, long unsubscribed);
}
