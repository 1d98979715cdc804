package org.turnout.bench.send;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class SendInvocationsTest {

    @Test
    void countsTheBatchesTheRunnersPollerHandedSendFunctionAndNothingElse() {
        SendInvocations counted = SendInvocations.of(List.of(
                "[SQS] turnout-local-sendqueue: 10 message(s) -> SendFunction (request b5631fb6-40f2): 10 done",
                "[SQS] turnout-local-sendqueue: 3 message(s) -> SendFunction (request bc7ebd48-b358): 3 done",
                "[SQS] turnout-local-other: 5 message(s) -> OtherFunction (request 1): 5 done",
                "FeedbackFunction is ready (cold start 13.4 s)"));

        assertThat(counted).isEqualTo(new SendInvocations(2, 13));
        assertThat(counted.minus(new SendInvocations(1, 10))).isEqualTo(new SendInvocations(1, 3));
    }
}
