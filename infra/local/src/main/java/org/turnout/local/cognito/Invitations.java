package org.turnout.local.cognito;

import software.amazon.awssdk.services.sesv2.SesV2Client;

/** Where the local user pool's invitation e-mails go, as Cognito's own sender would send them. */
@FunctionalInterface
public interface Invitations {
    /** Cognito's own sender when the pool sends its e-mails itself (COGNITO_DEFAULT). */
    String COGNITO_SENDER = "no-reply@verificationemail.com";

    void send(String to, String subject, String body);

    /** Into the SES emulator's mailbox, where a developer reads the temporary password. */
    static Invitations throughSes(SesV2Client ses) {
        return (to, subject, body) -> ses.sendEmail(request -> request.fromEmailAddress(COGNITO_SENDER)
                .destination(destination -> destination.toAddresses(to))
                .content(content -> content.simple(message -> message
                        .subject(text -> text.data(subject).charset("UTF-8"))
                        .body(text -> text.text(part -> part.data(body).charset("UTF-8"))))));
    }
}
