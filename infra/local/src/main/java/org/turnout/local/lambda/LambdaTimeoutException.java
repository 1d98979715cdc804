package org.turnout.local.lambda;

/** An invocation that got no answer in time, as Lambda's "Task timed out". */
public class LambdaTimeoutException extends LambdaInvocationException {

    public LambdaTimeoutException(String message) {
        super(message);
    }
}
