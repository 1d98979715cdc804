package org.turnout.local.secrets;

import org.turnout.local.AwsServiceException;

/** An error in Secrets Manager's own shape: its code ({@code __type}), e.g. {@code ResourceNotFoundException}, and message. */
public final class SecretsManagerException extends AwsServiceException {

    SecretsManagerException(String code, String message) {
        super(code, message);
    }

    static SecretsManagerException notFound(String message) {
        return new SecretsManagerException("ResourceNotFoundException", message);
    }

    static SecretsManagerException invalidParameter(String message) {
        return new SecretsManagerException("InvalidParameterException", message);
    }

    static SecretsManagerException invalidRequest(String message) {
        return new SecretsManagerException("InvalidRequestException", message);
    }
}
