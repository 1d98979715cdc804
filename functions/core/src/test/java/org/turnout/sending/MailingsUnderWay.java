package org.turnout.sending;

import java.util.UUID;
import org.turnout.mailing.Mailing;
import org.turnout.mailing.MailingBuilder;
import org.turnout.mailing.MailingState;

/** The mailing the sending tests start from: under way, from the organisation's own sender, personalised with a first name. */
final class MailingsUnderWay {
    private MailingsUnderWay() {
    }

    /** A new mailing of {@code org}, {@code sending}, whose dispatch enqueued {@code recipients} (and is complete, or not). */
    static Mailing of(String org, long recipients, boolean dispatchComplete) {
        return MailingBuilder.builder()
                .orgId(org)
                .mailingId(UUID.randomUUID().toString().replace("-", "").substring(0, 16))
                .state(MailingState.SENDING.code())
                .fromAddress("equipe@" + org + ".example.org")
                .subject("Bonjour {first_name}")
                .text("Bonjour {first_name}")
                .recipients(recipients)
                .dispatchComplete(dispatchComplete)
                .build();
    }
}
