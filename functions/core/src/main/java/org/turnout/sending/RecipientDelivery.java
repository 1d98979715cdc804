package org.turnout.sending;

import java.util.function.BooleanSupplier;

/** Sends one queued recipient its mailing: {@link MailingSender}, or a stand-in where a test needs none of its stores. */
public interface RecipientDelivery {
    MailingSender.Delivery deliver(Recipient recipient, int receiveCount, BooleanSupplier timeForATurn);

    /** All sends of a batch are settled: the mailing may be done. */
    void afterBatch(String orgId, String mailingId);
}
