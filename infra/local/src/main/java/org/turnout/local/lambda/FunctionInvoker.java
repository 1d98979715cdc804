package org.turnout.local.lambda;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** Something that runs a Lambda function synchronously (RequestResponse): event in, response payload out. */
public interface FunctionInvoker {

    /**
     * Hands {@code event} to the function. The future completes with the function's response, or fails
     * with a {@link LambdaInvocationException}: a {@link LambdaTimeoutException} when no answer came
     * within {@code timeout}, the function's own error otherwise.
     */
    CompletableFuture<byte[]> invoke(byte[] event, Duration timeout);
}
