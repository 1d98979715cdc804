package org.turnout.local.cognito;

import org.turnout.local.AwsServiceException;

/** An error in Cognito's own shape: its code ({@code __type}), e.g. {@code UserNotFoundException}, and message. */
public final class CognitoException extends AwsServiceException {

    CognitoException(String code, String message) {
        super(code, message);
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
