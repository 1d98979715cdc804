package org.turnout.local.cognito;

/** Where the local user pool's invitation e-mails go, as Cognito's own sender would send them: the SES emulator's mailbox. */
@FunctionalInterface
public interface Invitations {

    void send(String to, String subject, String body);
}
