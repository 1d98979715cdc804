package org.turnout.local.lambda;

import java.util.Arrays;

/**
 * The function ran and reported an error (Lambda's "Unhandled" function error): its runtime posted the error
 * document, {@code {"errorMessage": ..., "errorType": ..., "stackTrace": [...]}}, which Lambda hands to a
 * synchronous caller as the response body and to an on-failure destination as {@code responsePayload}.
 */
public class FunctionError extends LambdaInvocationException {

    private final String errorType;
    private final byte[] document;

    public FunctionError(String message, String errorType, byte[] document) {
        super(message);
        this.errorType = errorType;
        this.document = document.clone();
    }

    public String errorType() {
        return errorType;
    }

    /** The error document as the runtime posted it. */
    public byte[] document() {
        return Arrays.copyOf(document, document.length);
    }
}
