package org.turnout.local.lambda;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** Something that runs a Lambda function synchronously (RequestResponse): event in, response payload out. */
public interface FunctionInvoker {

    /**
     * Hands {@code event} to the function. The future completes with the function's response, or fails
     * with a {@link LambdaInvocationException}: a {@link LambdaTimeoutException} when no answer came
     * within {@code timeout}, a {@link FunctionError} with the error document when the function reported
     * one, a plain {@link LambdaInvocationException} when its process failed.
     */
    CompletableFuture<byte[]> invoke(byte[] event, Duration timeout);

    /**
     * The same, under a request id the caller chose: Lambda keeps an asynchronous event's request id across
     * its retries. Invokers that hand out their own ids ignore it.
     */
    default CompletableFuture<byte[]> invoke(String requestId, byte[] event, Duration timeout) {
        return invoke(event, timeout);
    }
}
