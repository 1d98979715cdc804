package org.turnout.local.secrets;

/** An error in Secrets Manager's own shape: its code ({@code __type}), e.g. {@code ResourceNotFoundException}, and message. */
public final class SecretsManagerException extends RuntimeException {
    private final String code;

    SecretsManagerException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
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
