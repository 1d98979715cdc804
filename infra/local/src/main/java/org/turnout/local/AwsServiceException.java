package org.turnout.local;

/**
 * An error of an AWS API that the runner plays, in the service's own terms: its code (the {@code __type} or
 * {@code X-Amzn-ErrorType} the SDK maps to an exception class, e.g. {@code ResourceNotFoundException}) and message.
 */
public abstract class AwsServiceException extends RuntimeException {
    private final String code;

    protected AwsServiceException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
