package org.turnout.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.turnout.dashboard.SendingReputation.Level;
import org.turnout.mailing.MailingStats;

class SendingReputationTest {

    @Test
    void ratesAreOfEveryMessageSentAcrossTheMailingsAndMeetAwssThresholdsAtTheirValue() {
        // 5 bounces and 1 complaint of 1000 (one mailing), then of 1000 + 1000 (two)
        SendingReputation one = SendingReputation.of(List.of(stats(1000, 50, 1)));
        assertThat(one.bounceRate()).isEqualTo(0.05);
        assertThat(one.bounceLevel()).isEqualTo(Level.REVIEW);
        assertThat(one.complaintRate()).isEqualTo(0.001);
        assertThat(one.complaintLevel()).isEqualTo(Level.REVIEW);

        SendingReputation two = SendingReputation.of(List.of(stats(1000, 50, 1), stats(1000, 49, 0)));
        assertThat(two.sent()).isEqualTo(2000);
        assertThat(two.bounceRate()).isEqualTo(0.0495);
        assertThat(two.bounceLevel()).isEqualTo(Level.HEALTHY);
        assertThat(two.complaintLevel()).isEqualTo(Level.HEALTHY);
    }

    @Test
    void atTenPercentBouncesOrHalfAPercentComplaintsAwsMayPauseTheAccount() {
        assertThat(SendingReputation.of(List.of(stats(200, 20, 0))).bounceLevel()).isEqualTo(Level.PAUSE);
        assertThat(SendingReputation.of(List.of(stats(200, 19, 0))).bounceLevel()).isEqualTo(Level.REVIEW);
        assertThat(SendingReputation.of(List.of(stats(200, 0, 1))).complaintLevel()).isEqualTo(Level.PAUSE);
    }

    @Test
    void nothingSentHasNoRateAndNothingToWorryAbout() {
        SendingReputation none = SendingReputation.of(List.of(stats(0, 0, 0)));
        assertThat(none.bounceRate()).isNull();
        assertThat(none.complaintRate()).isNull();
        assertThat(none.bounceLevel()).isEqualTo(Level.HEALTHY);
        assertThat(SendingReputation.of(List.of()).sent()).isZero();
    }

    private static MailingStats stats(long sent, long bounced, long complained) {
        return new MailingStats(sent, sent - bounced, bounced, complained, 0, 0, 0, null);
    }
}
