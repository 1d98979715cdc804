package org.turnout.local.lambda;

/** An invocation that produced no response: the function reported an error, crashed, or could not start. */
public class LambdaInvocationException extends RuntimeException {

    public LambdaInvocationException(String message) {
        super(message);
    }
}
