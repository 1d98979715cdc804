package org.turnout.mail;

/** The port every email leaves through; SES in production and on the local stack. */
public interface Mailer {
    /** Sends one email and answers the provider's message id. */
    String send(OutgoingEmail email);
}
