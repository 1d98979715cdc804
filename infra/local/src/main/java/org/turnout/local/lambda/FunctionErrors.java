package org.turnout.local.lambda;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The error document Lambda gives for a failed invocation: the function's own when it reported one, else
 * the one Lambda writes itself for a timeout ({@code Sandbox.Timedout}) or a runtime that died
 * ({@code Runtime.ExitError}).
 */
public final class FunctionErrors {

    private static final ObjectMapper JSON = new ObjectMapper();

    private FunctionErrors() {
    }

    public static byte[] document(Throwable failure, String requestId, Duration timeout) {
        Throwable cause = unwrap(failure);
        if (cause instanceof FunctionError error) {
            return error.document();
        }
        String type;
        String message;
        if (cause instanceof LambdaTimeoutException) {
            type = "Sandbox.Timedout";
            message = String.format(Locale.ROOT, "RequestId: %s Error: Task timed out after %.2f seconds", requestId,
                    timeout.toMillis() / 1000.0);
        } else {
            type = "Runtime.ExitError";
            message = "RequestId: " + requestId + " Error: " + cause.getMessage();
        }
        return JSON.createObjectNode().put("errorType", type).put("errorMessage", message).toString()
                .getBytes(StandardCharsets.UTF_8);
    }

    /** The failure itself, out of the wrappers that futures put around it. */
    public static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
