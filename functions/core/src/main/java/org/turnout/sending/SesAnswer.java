package org.turnout.sending;

import org.turnout.aws.AwsClients;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sesv2.model.BadRequestException;
import software.amazon.awssdk.services.sesv2.model.MessageRejectedException;

/**
 * What a {@code SendEmail} that did not return a message id says about the message. SES has no
 * idempotency key, so the line between "SES did not take it" and "nobody knows" decides whether a
 * recipient may be tried again: only an answer from SES itself can say the message did not go.
 *
 * @param reason SES's own words (at most 300 characters), or the client's when SES never answered
 */
public record SesAnswer(Kind kind, String reason) {
    private static final int REASON_LENGTH = 300;

    public enum Kind {
        /** SES refused this message for good (a suppressed or malformed address): recorded against the contact. */
        REJECTED,
        /** SES did not take it for now (throttling, a quota, a paused account, a 5xx): the recipient may be tried again. */
        DECLINED,
        /** Any other refusal from SES: the send failed. */
        REFUSED,
        /** No answer (a reset connection, a timeout): the message may have gone, so it is never sent again. */
        LOST
    }

    public static SesAnswer of(RuntimeException error) {
        if (error instanceof MessageRejectedException || error instanceof BadRequestException) {
            return new SesAnswer(Kind.REJECTED, reason((AwsServiceException) error));
        }
        if (error instanceof AwsServiceException service) {
            Kind kind = AwsClients.declinedBySes(service) || transientRefusal(service) ? Kind.DECLINED : Kind.REFUSED;
            return new SesAnswer(kind, reason(service));
        }
        return new SesAnswer(Kind.LOST, shortened(String.valueOf(error.getMessage())));
    }

    private static boolean transientRefusal(AwsServiceException e) {
        String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
        return "LimitExceededException".equals(code) || "SendingPausedException".equals(code) || "AccountSuspendedException".equals(code)
                || "TooManyRequestsException".equals(code);
    }

    private static String reason(AwsServiceException e) {
        String message = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
        return shortened(String.valueOf(message));
    }

    private static String shortened(String text) {
        return text.length() > REASON_LENGTH ? text.substring(0, REASON_LENGTH) : text;
    }
}
