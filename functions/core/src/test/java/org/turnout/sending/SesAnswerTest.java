package org.turnout.sending;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sesv2.model.BadRequestException;
import software.amazon.awssdk.services.sesv2.model.MessageRejectedException;
import software.amazon.awssdk.services.sesv2.model.SesV2Exception;

/** Which SES answers let a recipient be tried again: only those in which SES says it did not take the message. */
class SesAnswerTest {

    @Test
    void aRejectedMessageOrABadRequestIsRejectedForGoodWithSesReason() {
        SesAnswer rejected = SesAnswer.of((RuntimeException) MessageRejectedException.builder().statusCode(400)
                .awsErrorDetails(details("MessageRejected", "Email address is on the suppression list")).build());
        assertThat(rejected).isEqualTo(new SesAnswer(SesAnswer.Kind.REJECTED, "Email address is on the suppression list"));
        assertThat(SesAnswer.of((RuntimeException) BadRequestException.builder().statusCode(400)
                .awsErrorDetails(details("BadRequestException", "Missing final '@domain'")).build()).kind()).isEqualTo(SesAnswer.Kind.REJECTED);
    }

    @Test
    void throttlingServerErrorsAndQuotasAreDeclinedForNow() {
        assertThat(SesAnswer.of(ses(429, "TooManyRequestsException", "Maximum sending rate exceeded.")).kind()).isEqualTo(SesAnswer.Kind.DECLINED);
        assertThat(SesAnswer.of(ses(503, "ServiceUnavailable", "try later")).kind()).isEqualTo(SesAnswer.Kind.DECLINED);
        assertThat(SesAnswer.of(ses(400, "LimitExceededException", "Daily message quota exceeded.")).kind()).isEqualTo(SesAnswer.Kind.DECLINED);
        assertThat(SesAnswer.of(ses(400, "SendingPausedException", "Sending is paused for this account.")).kind()).isEqualTo(SesAnswer.Kind.DECLINED);
    }

    @Test
    void anyOtherAnswerOfSesIsARefusal() {
        SesAnswer refused = SesAnswer.of(ses(403, "AccessDeniedException", "not authorized to perform ses:SendEmail"));
        assertThat(refused.kind()).isEqualTo(SesAnswer.Kind.REFUSED);
        assertThat(refused.reason()).isEqualTo("not authorized to perform ses:SendEmail");
    }

    @Test
    void noAnswerAtAllIsLostAndItsReasonIsShortened() {
        SesAnswer lost = SesAnswer.of(SdkClientException.create("Unable to execute HTTP request: Connection reset " + "x".repeat(400)));
        assertThat(lost.kind()).isEqualTo(SesAnswer.Kind.LOST);
        assertThat(lost.reason()).startsWith("Unable to execute HTTP request: Connection reset").hasSize(300);
    }

    private static RuntimeException ses(int status, String code, String message) {
        return SesV2Exception.builder().statusCode(status).awsErrorDetails(details(code, message)).build();
    }

    private static AwsErrorDetails details(String code, String message) {
        return AwsErrorDetails.builder().errorCode(code).errorMessage(message).serviceName("SESv2").build();
    }
}
