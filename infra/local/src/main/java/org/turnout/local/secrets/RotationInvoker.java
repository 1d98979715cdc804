package org.turnout.local.secrets;

/** Calls a secret's rotation function with one step's event, as Secrets Manager does, and waits for its end. */
@FunctionalInterface
public interface RotationInvoker {
    /**
     * @param functionArn the secret's {@code RotationLambdaARN}
     * @param event {@code {"SecretId": ..., "ClientRequestToken": ..., "Step": ...}}
     * @throws RuntimeException when the function failed the step
     */
    void invoke(String functionArn, String event);
}
