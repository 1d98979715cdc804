package org.turnout.local.cognito;

/** An error in Cognito's own shape: its code ({@code __type}), e.g. {@code UserNotFoundException}, and message. */
public final class CognitoException extends RuntimeException {
    private final String code;

    CognitoException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }

    static CognitoException userNotFound() {
        return new CognitoException("UserNotFoundException", "User does not exist.");
    }

    static CognitoException invalidParameter(String message) {
        return new CognitoException("InvalidParameterException", message);
    }

    static CognitoException invalidPassword(String message) {
        return new CognitoException("InvalidPasswordException", message);
    }
}
