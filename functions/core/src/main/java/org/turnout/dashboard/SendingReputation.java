package org.turnout.dashboard;

import java.util.List;
import org.turnout.mailing.MailingStats;

/**
 * An organisation's bounce and complaint rates over its recent mailings, against the thresholds at which
 * AWS puts an SES account under review (5 % bounces, 0.1 % complaints) or may pause its sending (10 %,
 * 0.5 %). AWS judges the whole account, which every organisation of the deployment shares: one
 * organisation above a threshold puts all of them at risk.
 *
 * @param sent the messages the rates are of; the rates are null while it is zero
 */
public record SendingReputation(long sent, long bounced, long complained, Double bounceRate, Double complaintRate,
                                Level bounceLevel, Level complaintLevel) {
    public static final double BOUNCE_REVIEW = 0.05;
    public static final double BOUNCE_PAUSE = 0.10;
    public static final double COMPLAINT_REVIEW = 0.001;
    public static final double COMPLAINT_PAUSE = 0.005;

    /** Where a rate stands against AWS's two thresholds. */
    public enum Level {
        HEALTHY, REVIEW, PAUSE;

        static Level of(Double rate, double review, double pause) {
            if (rate == null || rate < review) {
                return HEALTHY;
            }
            return rate < pause ? REVIEW : PAUSE;
        }
    }

    public static SendingReputation of(List<MailingStats> mailings) {
        long sent = 0;
        long bounced = 0;
        long complained = 0;
        for (MailingStats mailing : mailings) {
            sent += mailing.sent();
            bounced += mailing.bounced();
            complained += mailing.complained();
        }
        Double bounceRate = sent == 0 ? null : (double) bounced / sent;
        Double complaintRate = sent == 0 ? null : (double) complained / sent;
        return new SendingReputation(sent, bounced, complained, bounceRate, complaintRate,
                Level.of(bounceRate, BOUNCE_REVIEW, BOUNCE_PAUSE), Level.of(complaintRate, COMPLAINT_REVIEW, COMPLAINT_PAUSE));
    }
}
